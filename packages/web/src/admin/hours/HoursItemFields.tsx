/**
 * One queue's or chat service's hours in the form: a text field per weekday ("8-16",
 * "8-12, 13-16"; empty is closed), closed on public holidays, and extra closed days. Each
 * field's problem is shown under it and named in its aria-describedby.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText } from '../../api/fhir';
import { FieldError } from '../../components/questionnaire/FieldError';
import { useLanguage } from '../../i18n/useLanguage';
import { datesFieldId, dayFieldId, type DraftProblem, type ItemDraft } from './hoursDraft';
import { WEEKDAYS, type HoursItem } from './openingHours.resource';

export function HoursItemFields({ prefix, item, draft, problems, onChange }: { prefix: string; item: HoursItem; draft: ItemDraft; problems: DraftProblem[]; onChange: (draft: ItemDraft) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const messageOf = useProblemText();
  const name = pickText(item.label, lang) || item.id;
  const field = (id: string, label: string, problem: DraftProblem | undefined, input: (describedBy: string | undefined) => ReactNode) => (
    <div className={problem ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <FieldError id={`${id}-error`} message={problem ? messageOf(problem) : undefined} />
      {input(problem ? `${id}-error` : undefined)}
    </div>
  );
  const datesId = datesFieldId(prefix, item.id);
  return (
    <fieldset className="panel hours-item" data-testid={`hours-${prefix}-${item.id}`}>
      <legend>{name}</legend>
      <div className="hours-days">
        {WEEKDAYS.map((day, i) => {
          const id = dayFieldId(prefix, item.id, day);
          return (
            <div key={day}>
              {field(id, t(`weekday.${i + 1}`), problems.find((p) => p.fieldId === id), (describedBy) => (
                <input
                  id={id}
                  className="input"
                  autoComplete="off"
                  inputMode="text"
                  placeholder={t('openingHours.closed')}
                  value={draft.days[day]}
                  aria-invalid={describedBy ? true : undefined}
                  aria-describedby={describedBy}
                  data-testid={`hours-${prefix}-${item.id}-${day}`}
                  onChange={(e) => onChange({ ...draft, days: { ...draft.days, [day]: e.target.value } })}
                />
              ))}
            </div>
          );
        })}
      </div>
      <div className="field">
        <div className="option">
          <input
            id={`${prefix}-${item.id}-holidays`}
            type="checkbox"
            checked={draft.closedOnPublicHolidays}
            data-testid={`hours-${prefix}-${item.id}-holidays`}
            onChange={(e) => onChange({ ...draft, closedOnPublicHolidays: e.target.checked })}
          />
          <label htmlFor={`${prefix}-${item.id}-holidays`}>{t('openingHours.closedOnHolidays')}</label>
        </div>
      </div>
      {field(datesId, t('openingHours.closedDates'), problems.find((p) => p.fieldId === datesId), (describedBy) => (
        <>
          <p id={`${datesId}-hint`} className="hint">
            {t('openingHours.closedDatesHint')}
          </p>
          <textarea
            id={datesId}
            className="input"
            rows={2}
            value={draft.closedDates}
            aria-invalid={describedBy ? true : undefined}
            aria-describedby={describedBy ? `${datesId}-hint ${describedBy}` : `${datesId}-hint`}
            data-testid={`hours-${prefix}-${item.id}-closed-dates`}
            onChange={(e) => onChange({ ...draft, closedDates: e.target.value })}
          />
        </>
      ))}
    </fieldset>
  );
}

/** A problem in the administrator's words. */
export function useProblemText(): (problem: DraftProblem) => string {
  const { t } = useTranslation();
  return (problem) => ('hours' in problem ? t(`openingHours.problem.${problem.hours.kind}`, { part: problem.hours.part }) : t('openingHours.problem.date', { part: problem.date }));
}
