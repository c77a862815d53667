/** A new reporting period after the last one: the next half-year is suggested, a year or a quarter may be typed. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { periodMonths } from '@ovi/domain/src/portfolio/portfolio';
import { savePortfolio, type ShownPortfolio } from '../api/portfolio.resource';
import { FieldError } from '../components/questionnaire/FieldError';
import { useLanguage } from '../i18n/useLanguage';

/** The half-year after the last period (or the current one when there is none). */
export function nextHalfYear(periods: readonly string[], today = new Date()): string {
  const last = periods.at(-1);
  const months = last ? periodMonths(last) : undefined;
  const month = months ? months[1] + 1 : today.getFullYear() * 12 + today.getMonth();
  const year = Math.floor(month / 12);
  return `${year}-${month % 12 < 6 ? 'H1' : 'H2'}`;
}

export function NewPeriodForm({ portfolio, onChanged, onError }: { portfolio: ShownPortfolio; onChanged: (next: ShownPortfolio, added: string) => void; onError: (error: unknown) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const suggested = nextHalfYear(portfolio.periods);
  const value = text.trim() || suggested;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const months = periodMonths(value);
    const last = portfolio.periods.at(-1);
    const lastMonths = last ? periodMonths(last) : undefined;
    if (!months) return setProblem(t('portfolio.newPeriod.invalid'));
    if (lastMonths && months[0] <= lastMonths[1]) return setProblem(t('portfolio.newPeriod.notAfter', { period: last }));
    setProblem(undefined);
    try {
      onChanged(await savePortfolio({ ...portfolio, periods: [...portfolio.periods, value] }, lang), value);
      setText('');
    } catch (error) {
      onError(error);
    }
  };

  return (
    <form className="panel portfolio-new-period" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="new-period-title">
      <h2 id="new-period-title">{t('portfolio.newPeriod.title')}</h2>
      <div className="field">
        <label htmlFor="new-period">{t('portfolio.newPeriod.label')}</label>
        <p className="hint" id="new-period-hint">{t('portfolio.newPeriod.hint', { suggested })}</p>
        <input id="new-period" className="input" value={text} placeholder={suggested} aria-invalid={problem ? true : undefined} aria-describedby={`new-period-hint${problem ? ' new-period-error' : ''}`} onChange={(e) => setText(e.target.value)} data-testid="new-period" />
        <FieldError id="new-period-error" message={problem} />
      </div>
      <button type="submit" className="button" data-testid="new-period-save">{t('portfolio.newPeriod.save', { period: value })}</button>
    </form>
  );
}
