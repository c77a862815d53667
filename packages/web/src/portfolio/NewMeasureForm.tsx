/** A new development measure under one goal: name, owner, sub-project, the indicators that show its effect and, optionally, its level now. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MATURITY_LEVELS, PORTFOLIO_INDICATORS, type DevelopmentMeasure, type MaturityLevel, type PortfolioIndicator } from '@ovi/domain/src/portfolio/portfolio';
import { savePortfolio, type ShownPortfolio } from '../api/portfolio.resource';
import { FieldError } from '../components/questionnaire/FieldError';
import { useLanguage } from '../i18n/useLanguage';
import { measureId } from './measureId';

type Goal = ShownPortfolio['goals'][number];

export function NewMeasureForm({ portfolio, goal, period, onChanged, onError }: {
  portfolio: ShownPortfolio;
  goal: Goal;
  period: string | undefined;
  onChanged: (next: ShownPortfolio, message: string) => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const id = useId().replace(/:/g, '');
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [owner, setOwner] = useState('');
  const [subProject, setSubProject] = useState('');
  const [indicators, setIndicators] = useState<PortfolioIndicator[]>([]);
  const [level, setLevel] = useState<MaturityLevel | ''>('');
  const [errors, setErrors] = useState<{ name?: string; owner?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = { ...(name.trim() ? {} : { name: t('portfolio.new.nameMissing') }), ...(owner.trim() ? {} : { owner: t('portfolio.new.ownerMissing') }) };
    setErrors(found);
    if (found.name) return document.getElementById(`${id}-name`)?.focus();
    if (found.owner) return document.getElementById(`${id}-owner`)?.focus();
    const taken = new Set(portfolio.goals.flatMap((g) => g.measures.map((m) => m.id)));
    const measure: DevelopmentMeasure = {
      id: measureId(name, taken),
      name: name.trim(),
      owner: owner.trim(),
      ...(subProject.trim() ? { subProject: subProject.trim() } : {}),
      maturity: level !== '' && period ? [{ period, level }] : [],
      indicators,
    };
    const next = { ...portfolio, goals: portfolio.goals.map((g) => (g.id === goal.id ? { ...g, measures: [...g.measures, measure] } : g)) };
    setBusy(true);
    try {
      const saved = await savePortfolio(next, lang);
      setName('');
      setOwner('');
      setSubProject('');
      setIndicators([]);
      setLevel('');
      setOpen(false);
      onChanged(saved, t('portfolio.new.added', { measure: measure.name }));
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  const toggle = (indicator: PortfolioIndicator, on: boolean) => setIndicators((list) => (on ? [...list, indicator] : list.filter((i) => i !== indicator)));

  return (
    <div className="portfolio-new">
      <button type="button" className="button button-secondary" aria-expanded={open} aria-controls={`${id}-form`} data-testid={`add-measure-${goal.id}`} onClick={() => setOpen(!open)}>
        {t('portfolio.new.open')}
      </button>
      <form id={`${id}-form`} hidden={!open} noValidate onSubmit={(e) => void submit(e)} className="panel" aria-label={t('portfolio.new.title', { goal: goal.name })}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('portfolio.new.name')}</label>
          <input id={`${id}-name`} className="input" value={name} maxLength={200} aria-invalid={errors.name ? true : undefined} aria-describedby={errors.name ? `${id}-name-error` : undefined} onChange={(e) => setName(e.target.value)} data-testid="new-measure-name" />
          <FieldError id={`${id}-name-error`} message={errors.name} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-owner`}>{t('portfolio.new.owner')}</label>
          <p className="hint" id={`${id}-owner-hint`}>{t('portfolio.new.ownerHint')}</p>
          <input id={`${id}-owner`} className="input" value={owner} maxLength={120} aria-invalid={errors.owner ? true : undefined} aria-describedby={`${id}-owner-hint${errors.owner ? ` ${id}-owner-error` : ''}`} onChange={(e) => setOwner(e.target.value)} data-testid="new-measure-owner" />
          <FieldError id={`${id}-owner-error`} message={errors.owner} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-sub`}>{t('portfolio.new.subProject')}</label>
          <input id={`${id}-sub`} className="input" value={subProject} maxLength={120} onChange={(e) => setSubProject(e.target.value)} />
        </div>
        <fieldset className="field">
          <legend>{t('portfolio.new.indicators')}</legend>
          <div className="portfolio-indicator-choices">
            {PORTFOLIO_INDICATORS.map((indicator) => (
              <label key={indicator} className="checkbox">
                <input type="checkbox" checked={indicators.includes(indicator)} onChange={(e) => toggle(indicator, e.target.checked)} />
                {t(`portfolio.indicator.${indicator}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {period && (
          <div className="field">
            <label htmlFor={`${id}-level`}>{t('portfolio.new.level', { period })}</label>
            <select id={`${id}-level`} className="input" value={level} onChange={(e) => setLevel(e.target.value === '' ? '' : (Number(e.target.value) as MaturityLevel))}>
              <option value="">{t('portfolio.notReported')}</option>
              {MATURITY_LEVELS.map((l) => (
                <option key={l} value={l}>{`${l} – ${t(`portfolio.level.${l}`)}`}</option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="button" disabled={busy} data-testid="new-measure-save">
          {t('portfolio.new.save')}
        </button>
      </form>
    </div>
  );
}
