/** The AVAIN recording with the client: each goal, factor, service and method on its configured scale (left out when not evaluated). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AvainItem, AvainPart, AvainSettings } from '@ovi/domain';
import { ErrorMessage } from '../components/ErrorMessage';
import { useLanguage } from '../i18n/useLanguage';
import { recordOutcome } from './carePlan.resource';

export function AvainForm({ planId, goals, settings, onRecorded }: { planId: string; goals: Array<{ goal: string; text: string }>; settings: AvainSettings; onRecorded: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [scores, setScores] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const parts: Array<{ part: AvainPart; items: AvainItem[] }> = [
    { part: 'goal', items: goals.map((g) => ({ code: g.goal, display: { fi: g.text, sv: g.text, en: g.text } })) },
    { part: 'factor', items: settings.factors },
    { part: 'service', items: settings.services },
    { part: 'method', items: settings.methods },
  ];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = Object.fromEntries(parts.map(({ part, items }) => [part, items.flatMap((i) => (scores[`${part}:${i.code}`] ? [{ code: i.code, score: Number(scores[`${part}:${i.code}`]) }] : []))]));
      await recordOutcome(planId, body);
      setScores({});
      onRecorded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="plan-editor no-print" onSubmit={(e) => void submit(e)} data-testid="avain-form">
      <h3>{t('carePlan.outcome.record')}</h3>
      <p>{t('carePlan.outcome.recordIntro')}</p>
      {error !== undefined && <ErrorMessage error={error} />}
      {parts.map(({ part, items }) => {
        const scale = settings.scales[part];
        const steps = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
        return (
          <fieldset key={part}>
            <legend>{t(`carePlan.outcome.part.${part}`)}</legend>
            {items.map((item) => {
              const key = `${part}:${item.code}`;
              const id = `avain-${part}-${item.code.replace(/[^A-Za-z0-9-]/g, '-')}`;
              return (
                <div key={key}>
                  <label htmlFor={id}>{item.display[lang]}</label>
                  <select id={id} value={scores[key] ?? ''} onChange={(e) => setScores((s) => ({ ...s, [key]: e.target.value }))}>
                    <option value="">{t('carePlan.outcome.notEvaluated')}</option>
                    {steps.map((s) => <option key={s} value={String(s)}>{scale.labels[String(s)]?.[lang] ?? String(s)}</option>)}
                  </select>
                </div>
              );
            })}
          </fieldset>
        );
      })}
      <button type="submit" className="button" disabled={busy || Object.values(scores).every((v) => !v)} data-testid="avain-save">{t('carePlan.outcome.save')}</button>
    </form>
  );
}
