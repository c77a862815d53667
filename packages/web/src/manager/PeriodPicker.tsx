/**
 * Choosing the period of the figures: the usual presets, or any days from–to. Nothing changes
 * until "Show" is pressed (a select that reloads the page on every arrow key is hard to use).
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PERIOD_PRESETS } from '@ovi/domain/src/reportingPeriod';
import type { PeriodChoice } from './periodChoice';

const CUSTOM = 'custom';

export function PeriodPicker({ choice, shown, onChoose }: { choice: PeriodChoice; shown?: { from: string; to: string; preset?: string }; onChoose: (next: PeriodChoice) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const initial = 'from' in choice ? CUSTOM : (choice.preset ?? shown?.preset ?? 'this-month');
  const [kind, setKind] = useState<string>(initial);
  const [from, setFrom] = useState('from' in choice ? choice.from : (shown?.from ?? ''));
  const [to, setTo] = useState('from' in choice ? choice.to : (shown?.to ?? ''));
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (kind !== CUSTOM) {
      setError(undefined);
      onChoose({ preset: kind as (typeof PERIOD_PRESETS)[number] });
      return;
    }
    if (!from || !to) return setError(t('figuresPeriod.missingDates'));
    if (from > to) return setError(t('figuresPeriod.fromAfterTo'));
    setError(undefined);
    onChoose({ from, to });
  };

  return (
    <form className="panel period-picker" onSubmit={submit} data-testid="period-picker" aria-labelledby={`${id}-legend`} noValidate>
      <div className="period-row">
        <div className="field">
          <label id={`${id}-legend`} htmlFor={`${id}-kind`}>
            {t('figuresPeriod.label')}
          </label>
          <select id={`${id}-kind`} className="input" value={kind} onChange={(e) => setKind(e.target.value)} data-testid="period-kind">
            {PERIOD_PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`figuresPeriod.preset.${p}`)}
              </option>
            ))}
            <option value={CUSTOM}>{t('figuresPeriod.preset.custom')}</option>
          </select>
        </div>
        {kind === CUSTOM && (
          <>
            <div className="field">
              <label htmlFor={`${id}-from`}>{t('figuresPeriod.from')}</label>
              <input id={`${id}-from`} type="date" className="input" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} data-testid="period-from" />
            </div>
            <div className="field">
              <label htmlFor={`${id}-to`}>{t('figuresPeriod.to')}</label>
              <input id={`${id}-to`} type="date" className="input" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} data-testid="period-to" />
            </div>
          </>
        )}
        <div className="field period-submit">
          <button type="submit" className="button button-primary" data-testid="period-show">
            {t('figuresPeriod.show')}
          </button>
        </div>
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
