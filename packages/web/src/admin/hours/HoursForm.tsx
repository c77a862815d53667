/**
 * A form of opening hours for several queues or chat services, saved together: each item's
 * fields, an error summary linking to each wrong field, the server's refusal when the whole
 * does not fit (e.g. no guidance queue), and "someone saved meanwhile" as its own message.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText } from '../../api/fhir';
import { ApiError } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary } from '../../components/ErrorSummary';
import { StatusMessage } from '../../components/StatusMessage';
import { useLanguage } from '../../i18n/useLanguage';
import { applyDrafts, draftOf, type DraftProblem, type ItemDraft } from './hoursDraft';
import { HoursItemFields, useProblemText } from './HoursItemFields';
import { WEEKDAYS, type HoursItem } from './openingHours.resource';

interface Props {
  prefix: string;
  title: string;
  intro: string;
  items: HoursItem[];
  /** Further fields of the same setting, checked by the caller (undefined: fine). */
  extra?: { fields: ReactNode; problems: Array<{ fieldId: string; message: string }> };
  save: (items: HoursItem[]) => Promise<void>;
}

export function HoursForm({ prefix, title, intro, items, extra, save }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const messageOf = useProblemText();
  const [drafts, setDrafts] = useState<Record<string, ItemDraft>>(() => Object.fromEntries(items.map((i) => [i.id, draftOf(i)])));
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const [saved, setSaved] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    setSaved(false);
    const applied = applyDrafts(prefix, items, drafts);
    setProblems(applied.problems);
    setAttempt((n) => n + 1);
    if (!applied.items || (extra?.problems.length ?? 0) > 0) return;
    setSaving(true);
    try {
      await save(applied.items);
      // The fields then show the hours as stored ("9-13" becomes "09:00–13:00").
      setDrafts(Object.fromEntries(applied.items.map((i) => [i.id, draftOf(i)])));
      setSaved(true);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const nameOf = (id: string) => {
    const item = items.find((i) => i.id === id);
    return item ? pickText(item.label, lang) || item.id : id;
  };
  const summary = [
    ...problems.map((p) => ({ fieldId: p.fieldId, message: `${nameOf(p.item)}, ${p.day ? t(`weekday.${WEEKDAYS.indexOf(p.day) + 1}`) : t('openingHours.closedDates')} – ${messageOf(p)}` })),
    ...(attempt > 0 ? (extra?.problems ?? []) : []),
  ];
  const conflict = failure instanceof ApiError && failure.status === 412;

  return (
    <form className="section" noValidate onSubmit={(e) => void submit(e)} aria-busy={saving} data-testid={`hours-form-${prefix}`} aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{title}</h2>
      <p>{intro}</p>
      <ErrorSummary items={summary} focusKey={attempt} />
      {conflict ? (
        <p className="notice notice-error" role="alert">
          {t('openingHours.conflict')}
        </p>
      ) : (
        failure !== undefined && <ErrorMessage error={failure} />
      )}
      {items.map((item) => (
        <HoursItemFields
          key={item.id}
          prefix={prefix}
          item={item}
          draft={drafts[item.id] ?? draftOf(item)}
          problems={problems}
          onChange={(draft) => {
            setDrafts((d) => ({ ...d, [item.id]: draft }));
            setSaved(false);
          }}
        />
      ))}
      {extra?.fields}
      <button type="submit" className="button button-primary" disabled={saving} data-testid={`hours-save-${prefix}`}>
        {saving ? t('openingHours.saving') : t('openingHours.save')}
      </button>
      <StatusMessage tone="success" testId={`hours-saved-${prefix}`}>
        {saved ? t('openingHours.saved') : undefined}
      </StatusMessage>
    </form>
  );
}
