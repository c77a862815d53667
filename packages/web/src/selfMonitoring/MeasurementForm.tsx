/** Recording one home measurement: the kind, its values, when and in what situation. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { KINDS, MEASUREMENT_CONTEXTS, MEASUREMENT_KINDS, QUANTITIES, type MeasurementContext, type MeasurementKind, type Quantity } from '@ovi/domain/src/selfMonitoring/measures';
import type { MeasurementAdvice } from '@ovi/domain/src/selfMonitoring/settings';
import { ErrorMessage } from '../components/ErrorMessage';
import { useLanguage } from '../i18n/useLanguage';
import { recordMeasurement, type RecordAnswer } from './selfMonitoring.resource';

/** `patient`: the client the measurement is for when the resident acts for someone (else themself). */
export function MeasurementForm({ onRecorded, patient }: { onRecorded: (answer: RecordAnswer, advice: MeasurementAdvice[]) => void; patient?: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [kind, setKind] = useState<MeasurementKind>('blood-pressure');
  const [values, setValues] = useState<Partial<Record<Quantity, string>>>({});
  const [contexts, setContexts] = useState<MeasurementContext[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      const numbers = Object.fromEntries(Object.entries(values).filter(([q, v]) => v !== '' && v !== undefined && KINDS[kind].quantities.includes(q as Quantity)).map(([q, v]) => [q, Number(String(v).replace(',', '.'))]));
      const answer = await recordMeasurement({ kind, values: numbers, contexts, at: new Date().toISOString(), language: lang, ...(patient ? { patient } : {}) });
      setValues({});
      onRecorded(answer, answer.finding.advice);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (c: MeasurementContext) => setContexts((now) => (now.includes(c) ? now.filter((x) => x !== c) : [...now, c]));

  return (
    <form className="panel sm-form" onSubmit={(e) => void submit(e)} aria-labelledby="sm-form-title" data-testid="sm-form">
      <h2 id="sm-form-title">{t('selfMonitoring.record')}</h2>
      <div className="field">
        <label htmlFor="sm-kind">{t('selfMonitoring.whatMeasured')}</label>
        <select id="sm-kind" value={kind} onChange={(e) => setKind(e.target.value as MeasurementKind)}>
          {MEASUREMENT_KINDS.map((k) => <option key={k} value={k}>{t(`selfMonitoring.kind.${k}`)}</option>)}
        </select>
      </div>
      {KINDS[kind].quantities.map((q) => (
        <div className="field" key={q}>
          <label htmlFor={`sm-${q}`}>{t(`selfMonitoring.quantity.${q}`)} ({QUANTITIES[q].unit.replace('mm[Hg]', 'mmHg')}){KINDS[kind].required.includes(q) ? '' : ` ${t('selfMonitoring.optional')}`}</label>
          <input id={`sm-${q}`} name={q} inputMode="decimal" autoComplete="off" value={values[q] ?? ''} required={KINDS[kind].required.includes(q)} onChange={(e) => setValues((v) => ({ ...v, [q]: e.target.value }))} />
        </div>
      ))}
      <fieldset className="field group">
        <legend>{t('selfMonitoring.situation')}</legend>
        {MEASUREMENT_CONTEXTS.map((c) => (
          <label key={c} className="choice">
            <input type="checkbox" checked={contexts.includes(c)} onChange={() => toggle(c)} /> {t(`selfMonitoring.contexts.${c}`)}
          </label>
        ))}
      </fieldset>
      {failure !== undefined && <ErrorMessage error={failure} />}
      <button type="submit" className="button button-primary" disabled={busy} data-testid="sm-save">{t('selfMonitoring.save')}</button>
    </form>
  );
}
