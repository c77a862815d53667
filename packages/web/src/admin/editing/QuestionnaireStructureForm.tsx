/**
 * The questionnaire's questions as a form: add, remove and reorder questions and answers, change
 * a type, required, texts and help text in three languages, and "show only when" conditions.
 * "Check the change" asks the server's dry run (problems per question, findings, rules affected)
 * and shows the resident's form as it will look in each language; saving stores a new version
 * with If-Match on the version read.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { QuestionnaireFinding } from '@ovi/domain/src/questionnaireFindings';
import { pickText } from '../../api/fhir';
import { saveQuestionnaire, type StoredQuestionnaire } from '../../api/questionnaireEdit.resource';
import { previewQuestionnaire, type QuestionnairePreview } from '../../api/questionnaireStructure.resource';
import { useLanguage } from '../../i18n/useLanguage';
import { ChangeReview } from './ChangeReview';
import { FormPreview } from './FormPreview';
import { StructureItemFields } from './StructureItemFields';
import { newDraftItem, toDraft, withDraft, type DraftItem } from './questionnaireDraft';

interface Props {
  /** The version stored now: the change is saved over it (If-Match). */
  questionnaire: StoredQuestionnaire;
  /** Where the draft starts: the stored version, or an older one being restored. */
  startFrom?: StoredQuestionnaire;
  onSaved: (saved: StoredQuestionnaire) => void;
  onCancel: () => void;
}

/** A finding in words, naming the question by its text in the reader's language. */
function describeFinding(f: QuestionnaireFinding, nameOf: (linkId: string) => string, t: TFunction): string {
  const question = nameOf(f.linkId);
  switch (f.kind) {
    case 'type':
      return t('questionnaireStructure.findings.type', { question, from: t(`admin.questionnaires.types.${f.from}`, { defaultValue: f.from }), to: t(`admin.questionnaires.types.${f.to}`, { defaultValue: f.to }) });
    case 'required':
      return t(f.required ? 'questionnaireStructure.findings.required' : 'questionnaireStructure.findings.optional', { question });
    case 'option-added':
    case 'option-removed':
      return t(`questionnaireStructure.findings.${f.kind}`, { question, code: f.code });
    case 'rule-affected':
      return t('questionnaireStructure.findings.rule-affected', { question, rule: f.ruleId });
    default:
      return t(`questionnaireStructure.findings.${f.kind}`, { question });
  }
}

function uniqueLinkId(items: DraftItem[]): string {
  let n = items.length + 1;
  while (items.some((i) => i.linkId === `question-${n}`)) n += 1;
  return `question-${n}`;
}

export function QuestionnaireStructureForm({ questionnaire, startFrom, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [items, setItems] = useState<DraftItem[]>(() => toDraft(startFrom ?? questionnaire));
  const [phase, setPhase] = useState<'editing' | 'checking' | 'review' | 'saving'>('editing');
  const [preview, setPreview] = useState<{ result: QuestionnairePreview; next: StoredQuestionnaire }>();
  const [error, setError] = useState<unknown>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const addedRef = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (phase === 'editing') headingRef.current?.focus();
  }, [phase]);
  useEffect(() => {
    // A new question takes the focus on its first field, so keyboard users land where they type.
    if (!addedRef.current) return;
    document.getElementById(addedRef.current)?.focus();
    addedRef.current = undefined;
  }, [items]);

  const check = async (event: FormEvent) => {
    event.preventDefault();
    const next = withDraft(questionnaire, items);
    setPhase('checking');
    setError(undefined);
    try {
      setPreview({ result: await previewQuestionnaire(next), next });
      setPhase('review');
    } catch (e) {
      setError(e);
      setPhase('editing');
    }
  };

  const save = async () => {
    if (!preview) return;
    setPhase('saving');
    try {
      onSaved(await saveQuestionnaire(preview.next));
    } catch (e) {
      setError(e);
      setPhase('review');
    }
  };

  const problemsOf = (linkId: string) => (phase === 'editing' && preview ? preview.result.problems.filter((p) => p.linkId === linkId).map((p) => p.message) : []);
  const nameOf = (linkId: string) => {
    const item = items.find((i) => i.linkId === linkId) ?? toDraft(questionnaire).find((i) => i.linkId === linkId);
    return (item && pickText(item.text, lang)) || linkId;
  };

  if ((phase === 'review' || phase === 'saving') && preview) {
    const { result, next } = preview;
    return (
      <ChangeReview
        valid={result.valid}
        problems={result.problems.map((p) => (p.linkId ? `${nameOf(p.linkId)}: ${p.message}` : p.message))}
        level={3}
        changes={
          result.findings.length === 0 ? (
            <p>{t('adminEdit.questionnaires.noChanges')}</p>
          ) : (
            <ul className="change-list" data-testid="qs-findings">
              {result.findings.map((f, i) => (
                <li key={i}>{describeFinding(f, nameOf, t)}</li>
              ))}
            </ul>
          )
        }
        effect={
          <>
            <p>{t('questionnaireStructure.effect')}</p>
            <FormPreview questionnaire={next} />
          </>
        }
        saving={phase === 'saving'}
        error={error}
        confirmLabel={t('adminEdit.review.saveAs', { version: result.currentVersion + 1 })}
        onConfirm={() => void save()}
        onBack={() => setPhase('editing')}
        testId="qs-review"
      />
    );
  }

  const name = pickText({ fi: questionnaire.title ?? questionnaire.id }, lang);
  return (
    <form className="edit-form" noValidate onSubmit={(e) => void check(e)} aria-labelledby="qs-heading" aria-busy={phase === 'checking'} data-testid="qs-form">
      <h3 id="qs-heading" ref={headingRef} tabIndex={-1}>
        {t('questionnaireStructure.heading', { name })}
      </h3>
      <p className="hint">{t('questionnaireStructure.intro')}</p>
      {startFrom && startFrom.meta?.versionId !== questionnaire.meta?.versionId && (
        <p className="notice" data-testid="qs-restoring">
          {t('questionnaireStructure.restoring', { version: startFrom.meta?.versionId })}
        </p>
      )}
      {preview && !preview.result.valid && (
        <p className="notice notice-error" role="alert" data-testid="qs-problems-note">
          {t('questionnaireStructure.problemsNote', { count: preview.result.problems.length })}
        </p>
      )}
      {error !== undefined && (
        <p className="field-error" role="alert">
          {t('errors.generic')}
        </p>
      )}
      {items.map((item, index) => (
        <StructureItemFields key={item.uid} items={items} index={index} problems={problemsOf(item.linkId)} onChange={setItems} />
      ))}
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          data-testid="qs-add-question"
          onClick={() => {
            const added = newDraftItem(uniqueLinkId(items));
            addedRef.current = `qs-${items.length}-${added.linkId}-linkId`;
            setItems([...items, added]);
          }}
        >
          {t('questionnaireStructure.addQuestion')}
        </button>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={phase === 'checking'} data-testid="qs-check">
          {t('adminEdit.draft.check')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} data-testid="qs-cancel">
          {t('adminEdit.cancel')}
        </button>
      </div>
    </form>
  );
}
