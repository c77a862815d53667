/**
 * A questionnaire's texts and status as a form: active or retired, the title and description,
 * and every question's and answer's text in Finnish, Swedish and English. The structure
 * (questions, answer codes, when a question is shown) is not edited here. "Check the change"
 * lists what changes in words and refuses what would leave residents without a contact form;
 * saving stores a new version of the FHIR Questionnaire.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Language, LocalizedText } from '@ovi/domain/src/types';
import { pickText } from '../../api/fhir';
import { saveQuestionnaire, textsOfQuestionnaire, withTexts, type ItemTexts, type QuestionnaireTexts, type StoredQuestionnaire } from '../../api/questionnaireEdit.resource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useLanguage } from '../../i18n/useLanguage';
import { ChangeReview } from './ChangeReview';
import { LANGS, LocalizedInputs, RadioGroup, languageErrors, missingLanguages, summaryItems } from './fields';
import { useChangeReview } from './useChangeReview';

interface Props {
  questionnaire: StoredQuestionnaire;
  /** This is the contact form residents fill in. */
  isContactForm: boolean;
  /** Other active questionnaires with the same canonical URL. */
  otherActive: number;
  onSaved: (saved: StoredQuestionnaire) => void;
  onCancel: () => void;
}

const itemId = (path: string) => `q-item-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

function checkTexts(texts: QuestionnaireTexts, t: TFunction): Record<string, string> {
  const problems: Record<string, string> = { ...missingLanguages('q-title', texts.title, t('adminEdit.problems.language')) };
  const anyDescription = LANGS.some((l) => texts.description[l].trim());
  if (anyDescription) Object.assign(problems, missingLanguages('q-description', texts.description, t('adminEdit.questionnaires.problems.description')));
  const walk = (items: ItemTexts[], prefix: string) =>
    items.forEach((item) => {
      const path = `${prefix}${item.linkId}`;
      if (item.text.fi.trim() || item.type !== 'group') Object.assign(problems, missingLanguages(`${itemId(path)}-text`, item.text, t('adminEdit.problems.language')));
      item.options.forEach((o) => Object.assign(problems, missingLanguages(`${itemId(path)}-option-${o.code}`, o.display, t('adminEdit.problems.language'))));
      walk(item.items, `${path}.`);
    });
  walk(texts.items, '');
  return problems;
}

const same = (a: LocalizedText, b: LocalizedText) => LANGS.every((l) => a[l].trim() === b[l].trim());
const changedLanguages = (a: LocalizedText, b: LocalizedText, t: TFunction) =>
  LANGS.filter((l) => a[l].trim() !== b[l].trim())
    .map((l) => t(`adminEdit.langShort.${l}`))
    .join(', ');

/** What changes, in words: status, title, description, each question's and answer's text. */
export function describeQuestionnaireChanges(before: QuestionnaireTexts, after: QuestionnaireTexts, t: TFunction, lang: Language): string[] {
  const lines: string[] = [];
  if (before.status !== after.status) lines.push(t('adminEdit.questionnaires.changes.status', { before: t(`adminEdit.questionnaires.status.${before.status}`), after: t(`adminEdit.questionnaires.status.${after.status}`) }));
  if (!same(before.title, after.title)) lines.push(t('adminEdit.questionnaires.changes.title', { langs: changedLanguages(before.title, after.title, t) }));
  if (!same(before.description, after.description)) lines.push(t('adminEdit.questionnaires.changes.description', { langs: changedLanguages(before.description, after.description, t) }));
  const walk = (was: ItemTexts[], now: ItemTexts[]) =>
    now.forEach((item) => {
      const old = was.find((x) => x.linkId === item.linkId);
      if (!old) return;
      const name = pickText(item.text, lang) || item.linkId;
      if (!same(old.text, item.text)) lines.push(t('adminEdit.questionnaires.changes.question', { question: name, langs: changedLanguages(old.text, item.text, t) }));
      item.options.forEach((o) => {
        const oldOption = old.options.find((x) => x.code === o.code);
        if (oldOption && !same(oldOption.display, o.display)) {
          lines.push(t('adminEdit.questionnaires.changes.answer', { answer: pickText(o.display, lang) || o.code, question: name, langs: changedLanguages(oldOption.display, o.display, t) }));
        }
      });
      walk(old.items, item.items);
    });
  walk(before.items, after.items);
  return lines;
}

function ItemFields({ items, prefix, numbering, problems, onChange }: { items: ItemTexts[]; prefix: string; numbering: string; problems: Record<string, string>; onChange: (items: ItemTexts[]) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <>
      {items.map((item, index) => {
        const path = `${prefix}${item.linkId}`;
        const id = itemId(path);
        const set = (next: ItemTexts) => onChange(items.map((x, i) => (i === index ? next : x)));
        const number = numbering ? `${numbering}.${index + 1}` : String(index + 1);
        return (
          <fieldset key={item.linkId} className="condition-row" data-testid="questionnaire-item">
            <legend>
              {t('adminEdit.questionnaires.question', { n: number, name: pickText(item.text, lang) || item.linkId })}
            </legend>
            <p className="muted small">
              <code>{item.linkId}</code> · {t(`admin.questionnaires.types.${item.type}`, { defaultValue: item.type })}
            </p>
            <LocalizedInputs id={`${id}-text`} legend={t('adminEdit.questionnaires.questionText')} value={item.text} multiline={item.type === 'display'} errors={languageErrors(`${id}-text`, problems)} onChange={(text) => set({ ...item, text })} />
            {item.options.map((o, oi) => (
              <LocalizedInputs
                key={o.code}
                id={`${id}-option-${o.code}`}
                legend={t('adminEdit.questionnaires.answer', { code: o.code })}
                value={o.display}
                errors={languageErrors(`${id}-option-${o.code}`, problems)}
                onChange={(display) => set({ ...item, options: item.options.map((x, j) => (j === oi ? { ...x, display } : x)) })}
              />
            ))}
            {item.items.length > 0 && <ItemFields items={item.items} prefix={`${path}.`} numbering={number} problems={problems} onChange={(children) => set({ ...item, items: children })} />}
          </fieldset>
        );
      })}
    </>
  );
}

export function QuestionnaireForm({ questionnaire, isContactForm, otherActive, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const original = useMemo(() => textsOfQuestionnaire(questionnaire), [questionnaire]);
  const [texts, setTexts] = useState<QuestionnaireTexts>(original);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [questionsOpen, setQuestionsOpen] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const check = useCallback(
    async (value: QuestionnaireTexts) => {
      const refusals: string[] = [];
      if (isContactForm && questionnaire.status === 'active' && value.status !== 'active' && otherActive === 0) refusals.push(t('adminEdit.questionnaires.problems.lastContactForm'));
      return { lines: describeQuestionnaireChanges(original, value, t, lang), refusals };
    },
    [isContactForm, questionnaire.status, otherActive, original, t, lang],
  );
  const save = useCallback((value: QuestionnaireTexts) => saveQuestionnaire(withTexts(questionnaire, value)), [questionnaire]);
  const review = useChangeReview({ check, save, onSaved });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkTexts(texts, t);
    setProblems(found);
    setAttempt((n) => n + 1);
    if (Object.keys(found).some((k) => k.startsWith('q-item-'))) setQuestionsOpen(true);
    if (Object.keys(found).length === 0) void review.start(texts);
  };

  const id = `q-form-${questionnaire.id}`;
  const name = pickText(original.title, lang) || questionnaire.url || questionnaire.id;
  if ((review.phase === 'review' || review.phase === 'saving') && review.preview) {
    const { lines, refusals } = review.preview;
    return (
      <ChangeReview
        valid={refusals.length === 0}
        problems={refusals}
        problemsFromServer={false}
        level={3}
        changes={
          lines.length === 0 ? (
            <p>{t('adminEdit.questionnaires.noChanges')}</p>
          ) : (
            <ul className="change-list">
              {lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )
        }
        effect={<p>{t('adminEdit.questionnaires.effect')}</p>}
        saving={review.phase === 'saving'}
        error={review.error}
        confirmLabel={t('adminEdit.review.saveAs', { version: Number(questionnaire.meta?.versionId ?? 0) + 1 })}
        onConfirm={() => void review.confirm()}
        onBack={review.back}
        testId="questionnaire-review"
      />
    );
  }

  return (
    <form className="edit-form" noValidate onSubmit={submit} aria-labelledby={`${id}-heading`} data-testid="questionnaire-form">
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {t('adminEdit.questionnaires.editHeading', { name })}
      </h3>
      <ErrorSummary items={summaryItems(problems, t('common.required'))} focusKey={attempt} />
      <RadioGroup
        id="q-status"
        legend={t('admin.questionnaires.status')}
        hint={isContactForm ? t('adminEdit.questionnaires.statusHintContact') : t('adminEdit.questionnaires.statusHint')}
        value={texts.status}
        choices={(['active', 'retired', ...(original.status === 'draft' ? ['draft' as const] : [])] as const).map((s) => ({ value: s, label: t(`adminEdit.questionnaires.status.${s}`) }))}
        onChange={(status) => setTexts((x) => ({ ...x, status: status as QuestionnaireTexts['status'] }))}
        testId="q-status"
      />
      <LocalizedInputs id="q-title" legend={t('adminEdit.questionnaires.title')} value={texts.title} errors={languageErrors('q-title', problems)} testId="q-title" onChange={(title) => setTexts((x) => ({ ...x, title }))} />
      <LocalizedInputs
        id="q-description"
        legend={t('adminEdit.questionnaires.description')}
        value={texts.description}
        multiline
        required={false}
        errors={languageErrors('q-description', problems)}
        onChange={(description) => setTexts((x) => ({ ...x, description }))}
      />
      <details open={questionsOpen} onToggle={(e) => setQuestionsOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>{t('adminEdit.questionnaires.questions', { count: texts.items.length })}</summary>
        <ItemFields items={texts.items} prefix="" numbering="" problems={problems} onChange={(items) => setTexts((x) => ({ ...x, items }))} />
      </details>
      <p className="hint">{t('adminEdit.questionnaires.structureNote')}</p>
      {review.error !== undefined && review.phase === 'editing' && <p className="field-error">{t('errors.generic')}</p>}
      <div className="button-row">
        <button type="submit" className="button button-primary" data-testid="questionnaire-check">
          {t('adminEdit.draft.check')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} data-testid="questionnaire-cancel">
          {t('adminEdit.cancel')}
        </button>
      </div>
    </form>
  );
}
