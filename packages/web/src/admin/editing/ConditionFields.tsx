/**
 * One condition of a routing rule as three fields: the question (from the contact
 * questionnaire, or the person's age), how its answer is compared, and the value(s).
 */
import { useTranslation } from 'react-i18next';
import { pickText } from '../../api/fhir';
import type { Question } from '../../api/questionnaire.resource';
import { useLanguage } from '../../i18n/useLanguage';
import { conditionText } from '../conditionText';
import { CheckboxGroup, SelectInput, TextInput } from './fields';
import { AGE, conditionFieldId, operatorsFor, type ConditionDraft } from './routingDraft';

interface Props {
  list: 'when' | 'unless';
  index: number;
  condition: ConditionDraft;
  /** The questions a condition may name, in questionnaire order. */
  questions: Question[];
  byLinkId: Map<string, Question>;
  problems: Record<string, string>;
  onChange: (condition: ConditionDraft) => void;
  onRemove: () => void;
}

export function ConditionFields({ list, index, condition, questions, byLinkId, problems, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const id = (part: string) => conditionFieldId(list, index, part);
  const question = condition.question === AGE ? undefined : byLinkId.get(condition.question);
  const offered = operatorsFor(condition.question, byLinkId);
  // A stored comparison the question's type would not offer stays choosable, so the form shows it as it is.
  const operators = condition.operator && condition.operator !== 'kept' && !offered.includes(condition.operator) ? [...offered, condition.operator] : offered;
  const number = { inputMode: 'numeric' as const, width: 'number' as const };
  const legend = t(list === 'when' ? 'adminEdit.rules.conditionN' : 'adminEdit.rules.exceptionN', { n: index + 1 });

  const questionChoices = [
    ...questions.map((q) => ({ value: q.linkId, label: `${pickText(q.text, lang) || q.linkId} (${q.linkId})` })),
    // A condition on a question the questionnaire no longer has stays visible, so it can be changed.
    ...(condition.question && condition.question !== AGE && !byLinkId.has(condition.question) ? [{ value: condition.question, label: condition.question }] : []),
    { value: AGE, label: t('adminEdit.rules.age') },
  ];

  return (
    <fieldset className="condition-row" data-testid={`condition-${list}`}>
      <legend>{legend}</legend>
      <div className="inline-fields">
        <SelectInput
          id={id('question')}
          label={t('adminEdit.rules.question')}
          value={condition.question}
          emptyLabel={t('adminEdit.choose')}
          choices={questionChoices}
          error={problems[id('question')]}
          required
          testId={`${list}-${index}-question`}
          onChange={(value) => {
            const first = operatorsFor(value, byLinkId)[0] ?? '';
            onChange({ ...condition, question: value, operator: first, choices: [], value: '', value2: '', kept: undefined });
          }}
        />
        {condition.question && (
          <SelectInput
            id={id('operator')}
            label={t('adminEdit.rules.operator')}
            value={condition.operator}
            emptyLabel={condition.operator === 'kept' ? t('adminEdit.rules.op.kept') : t('adminEdit.choose')}
            choices={operators.map((op) => ({ value: op, label: t(`adminEdit.rules.op.${op}`) }))}
            error={problems[id('operator')]}
            required
            testId={`${list}-${index}-operator`}
            onChange={(value) => onChange({ ...condition, operator: (value || '') as ConditionDraft['operator'], kept: undefined, value: '', value2: '' })}
          />
        )}
      </div>
      {condition.operator === 'kept' && condition.kept && <p className="hint">{t('adminEdit.rules.keptHint', { condition: conditionText(condition.kept, byLinkId, t, lang) })}</p>}
      {condition.operator === 'anyOf' && (
        <CheckboxGroup
          id={id('choices')}
          legend={t('adminEdit.rules.answers')}
          choices={(question?.options ?? []).map((o) => ({ value: o.code, label: pickText(o.display, lang) || o.code }))}
          selected={condition.choices}
          error={problems[`${id('choices')}-0`]}
          required
          onChange={(choices) => onChange({ ...condition, choices })}
        />
      )}
      {condition.operator === 'is' && question?.type === 'boolean' && (
        <SelectInput
          id={id('value')}
          label={t('adminEdit.rules.answer')}
          value={condition.value}
          emptyLabel={t('adminEdit.choose')}
          choices={[
            { value: 'true', label: t('common.yes') },
            { value: 'false', label: t('common.no') },
          ]}
          error={problems[id('value')]}
          required
          onChange={(value) => onChange({ ...condition, value })}
        />
      )}
      {condition.operator === 'is' && question?.type !== 'boolean' && (
        <TextInput
          id={id('value')}
          label={t('adminEdit.rules.answer')}
          value={condition.value}
          error={problems[id('value')]}
          required
          {...(question?.type === 'integer' ? number : {})}
          onChange={(value) => onChange({ ...condition, value })}
        />
      )}
      {(condition.operator === 'atLeast' || condition.operator === 'atMost' || condition.operator === 'ageAtLeast' || condition.operator === 'ageBelow') && (
        <TextInput
          id={id('value')}
          label={t(`adminEdit.rules.valueFor.${condition.operator}`)}
          hint={question?.type === 'integer' && question.min !== undefined && question.max !== undefined ? t('adminEdit.rules.scale', { min: question.min, max: question.max }) : undefined}
          value={condition.value}
          error={problems[id('value')]}
          required
          {...number}
          onChange={(value) => onChange({ ...condition, value })}
        />
      )}
      {(condition.operator === 'between' || condition.operator === 'ageBetween') && (
        <div className="inline-fields">
          <TextInput
            id={id('value')}
            label={t(condition.operator === 'between' ? 'adminEdit.rules.valueFor.from' : 'adminEdit.rules.valueFor.ageFrom')}
            value={condition.value}
            error={problems[id('value')]}
            required
            {...number}
            onChange={(value) => onChange({ ...condition, value })}
          />
          <TextInput
            id={id('value2')}
            label={t(condition.operator === 'between' ? 'adminEdit.rules.valueFor.to' : 'adminEdit.rules.valueFor.ageTo')}
            value={condition.value2}
            error={problems[id('value2')]}
            required
            {...number}
            onChange={(value2) => onChange({ ...condition, value2 })}
          />
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={onRemove} data-testid={`${list}-${index}-remove`}>
          {t('adminEdit.rules.removeCondition', { what: legend })}
        </button>
      </div>
    </fieldset>
  );
}
