/**
 * One routing rule (or the suggestion when no rule matches) as a form: title, conditions,
 * exceptions, the suggestion, what the resident is told to do now, and the explanation, each
 * text in Finnish, Swedish and English. "Done" checks the fields and puts the rule in the
 * draft; the whole draft is checked by the server before it is saved.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ADVICE_KINDS, PROFESSIONS, URGENCIES } from '@ovi/domain/src/types';
import { pickText } from '../../api/fhir';
import type { Question } from '../../api/questionnaire.resource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useLanguage } from '../../i18n/useLanguage';
import { ConditionFields } from './ConditionFields';
import { CheckboxGroup, LocalizedInputs, SelectInput, TextInput, languageErrors, summaryItems } from './fields';
import { checkRuleDraft, emptyCondition, type ConditionDraft, type RuleDraft } from './routingDraft';

interface Props {
  mode: 'rule' | 'fallback';
  initial: RuleDraft;
  questions: Question[];
  byLinkId: Map<string, Question>;
  services: string[];
  /** Ids of the other rules (a new rule's id must differ). */
  otherIds: string[];
  onDone: (draft: RuleDraft) => void;
  onCancel: () => void;
}

export function RoutingRuleForm({ mode, initial, questions, byLinkId, services, otherIds, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [draft, setDraft] = useState<RuleDraft>(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [focusAfter, setFocusAfter] = useState<string>();

  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (focusAfter) document.getElementById(focusAfter)?.focus();
  }, [focusAfter]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkRuleDraft(draft, mode, byLinkId, otherIds, t);
    setProblems(found);
    setAttempt((n) => n + 1);
    if (Object.keys(found).length === 0) onDone(draft);
  };

  const setList = (list: 'when' | 'unless', conditions: ConditionDraft[]) => setDraft((d) => ({ ...d, [list]: conditions }));
  const addCondition = (list: 'when' | 'unless') => {
    const next = [...draft[list], emptyCondition()];
    setList(list, next);
    setFocusAfter(`rule-${list}-${next.length - 1}-question`);
  };
  const removeCondition = (list: 'when' | 'unless', index: number) => {
    setList(
      list,
      draft[list].filter((_, i) => i !== index),
    );
    setFocusAfter(`rule-${list}-add`);
  };

  const heading =
    mode === 'fallback' ? t('adminEdit.rules.editFallback') : draft.isNew ? t('adminEdit.rules.newRule') : t('adminEdit.rules.editRule', { rule: pickText(initial.title, lang) || initial.id });
  const summary = summaryItems(problems, t('common.required'));
  const serviceChoices = [...new Set([...services, ...(draft.service ? [draft.service] : [])])].map((s) => ({ value: s, label: t(`service.${s}`, { defaultValue: s }) }));

  return (
    <form className="edit-form panel" noValidate onSubmit={submit} aria-labelledby="rule-form-heading" data-testid="rule-form">
      <h2 id="rule-form-heading" ref={headingRef} tabIndex={-1}>
        {heading}
      </h2>
      <ErrorSummary items={summary} focusKey={attempt} />
      {mode === 'rule' && (
        <>
          {draft.isNew ? (
            <TextInput
              id="rule-id"
              label={t('adminEdit.rules.id')}
              hint={t('adminEdit.rules.idHint')}
              value={draft.id}
              width="short"
              required
              error={problems['rule-id']}
              testId="rule-id"
              onChange={(id) => setDraft((d) => ({ ...d, id }))}
            />
          ) : (
            <p className="muted small">
              {t('adminEdit.rules.id')}: <code>{draft.id}</code>
            </p>
          )}
          <LocalizedInputs id="rule-title" legend={t('adminEdit.rules.title')} value={draft.title} errors={languageErrors('rule-title', problems)} testId="rule-title" onChange={(title) => setDraft((d) => ({ ...d, title }))} />
          <h3 className="form-subheading">{t('adminEdit.rules.when')}</h3>
          <p className="hint">{t('adminEdit.rules.whenHint')}</p>
          {draft.when.map((c, i) => (
            <ConditionFields
              key={c.key}
              list="when"
              index={i}
              condition={c}
              questions={questions}
              byLinkId={byLinkId}
              problems={problems}
              onChange={(next) => setList('when', draft.when.map((x, j) => (j === i ? next : x)))}
              onRemove={() => removeCondition('when', i)}
            />
          ))}
          {problems['rule-when-add'] && (
            <p className="field-error" id="rule-when-add-error">
              <span aria-hidden="true">⚠ </span>
              {problems['rule-when-add']}
            </p>
          )}
          <button type="button" id="rule-when-add" className="button button-secondary" onClick={() => addCondition('when')} data-testid="rule-when-add" aria-describedby={problems['rule-when-add'] ? 'rule-when-add-error' : undefined}>
            {t('adminEdit.rules.addCondition')}
          </button>
          <h3 className="form-subheading">{t('adminEdit.rules.unless')}</h3>
          <p className="hint">{t('adminEdit.rules.unlessHint')}</p>
          {draft.unless.map((c, i) => (
            <ConditionFields
              key={c.key}
              list="unless"
              index={i}
              condition={c}
              questions={questions}
              byLinkId={byLinkId}
              problems={problems}
              onChange={(next) => setList('unless', draft.unless.map((x, j) => (j === i ? next : x)))}
              onRemove={() => removeCondition('unless', i)}
            />
          ))}
          <button type="button" id="rule-unless-add" className="button button-secondary" onClick={() => addCondition('unless')} data-testid="rule-unless-add">
            {t('adminEdit.rules.addException')}
          </button>
        </>
      )}
      <h3 className="form-subheading">{t('adminEdit.rules.then')}</h3>
      <div className="inline-fields">
        <SelectInput
          id="rule-urgency"
          label={t('urgency.label')}
          value={draft.urgency}
          emptyLabel={t('adminEdit.choose')}
          choices={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
          required
          error={problems['rule-urgency']}
          testId="rule-urgency"
          onChange={(urgency) => setDraft((d) => ({ ...d, urgency }))}
        />
        <SelectInput
          id="rule-profession"
          label={t('adminEdit.rules.profession')}
          value={draft.profession}
          emptyLabel={t('adminEdit.choose')}
          choices={PROFESSIONS.map((p) => ({ value: p, label: t(`profession.${p}`) }))}
          required
          error={problems['rule-profession']}
          testId="rule-profession"
          onChange={(profession) => setDraft((d) => ({ ...d, profession }))}
        />
        <SelectInput
          id="rule-service"
          label={t('service.label')}
          value={draft.service}
          emptyLabel={t('adminEdit.choose')}
          choices={serviceChoices}
          required
          error={problems['rule-service']}
          testId="rule-service"
          onChange={(service) => setDraft((d) => ({ ...d, service }))}
        />
      </div>
      {mode === 'rule' && (
        <CheckboxGroup
          id="rule-advice"
          legend={t('adminEdit.rules.advice')}
          hint={t('adminEdit.rules.adviceHint')}
          choices={ADVICE_KINDS.map((a) => ({ value: a, label: t(`adminEdit.rules.adviceKind.${a}`) }))}
          selected={draft.advice}
          onChange={(advice) => setDraft((d) => ({ ...d, advice }))}
        />
      )}
      <LocalizedInputs
        id="rule-explanation"
        legend={t('adminEdit.rules.explanation')}
        hint={t('adminEdit.rules.explanationHint')}
        value={draft.explanation}
        errors={languageErrors('rule-explanation', problems)}
        multiline
        testId="rule-explanation"
        onChange={(explanation) => setDraft((d) => ({ ...d, explanation }))}
      />
      <p className="hint">{t('adminEdit.rules.doneHint')}</p>
      <div className="button-row">
        <button type="submit" className="button button-primary" data-testid="rule-form-done">
          {t('adminEdit.rules.done')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} data-testid="rule-form-cancel">
          {t('adminEdit.cancel')}
        </button>
      </div>
    </form>
  );
}
