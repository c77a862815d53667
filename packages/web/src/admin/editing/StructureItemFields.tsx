/**
 * One question of the structure editor: its type, whether it is required, its text and help
 * text in three languages, its coded answers, and "show only when" conditions that can only
 * name earlier questions and their answers. The server's problems about it are shown at its top.
 */
import { useTranslation } from 'react-i18next';
import { pickText } from '../../api/fhir';
import { useLanguage } from '../../i18n/useLanguage';
import { LocalizedInputs, RadioGroup, SelectInput, TextInput } from './fields';
import { DRAFT_TYPES, conditionTargets, moved, type DraftCondition, type DraftItem, type DraftOption } from './questionnaireDraft';

interface Props {
  items: DraftItem[];
  index: number;
  problems: string[];
  onChange: (items: DraftItem[]) => void;
}

const EMPTY = { fi: '', sv: '', en: '' };
const safeId = (linkId: string, index: number) => `qs-${index}-${linkId.replace(/[^A-Za-z0-9_-]/g, '-')}`;

function OptionFields({ id, item, set }: { id: string; item: DraftItem; set: (next: DraftItem) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const setOptions = (options: DraftOption[]) => set({ ...item, options });
  return (
    <fieldset className="field-group" data-testid="qs-options">
      <legend>{t('questionnaireStructure.options')}</legend>
      {item.options.map((o, oi) => {
        const name = pickText(o.display, lang) || o.code || String(oi + 1);
        const isNew = !item.raw?.answerOption?.some((x) => x.valueCoding?.code === o.code && o.code);
        return (
          <div key={oi} className="condition-row" data-testid="qs-option">
            {isNew ? (
              <TextInput id={`${id}-option-${oi}-code`} label={t('questionnaireStructure.code')} hint={t('questionnaireStructure.codeHint')} value={o.code} width="short" testId="qs-option-code" onChange={(code) => setOptions(item.options.map((x, j) => (j === oi ? { ...x, code } : x)))} />
            ) : (
              <p className="muted small">
                {t('questionnaireStructure.code')}: <code>{o.code}</code>
              </p>
            )}
            <LocalizedInputs id={`${id}-option-${oi}`} legend={t('questionnaireStructure.optionText', { n: oi + 1 })} value={o.display} testId="qs-option-text" onChange={(display) => setOptions(item.options.map((x, j) => (j === oi ? { ...x, display } : x)))} />
            <div className="button-row">
              <button type="button" className="button button-secondary" disabled={oi === 0} aria-label={t('questionnaireStructure.optionUp', { name })} onClick={() => setOptions(moved(item.options, oi, -1))}>
                {t('adminEdit.up')}
              </button>
              <button type="button" className="button button-secondary" disabled={oi === item.options.length - 1} aria-label={t('questionnaireStructure.optionDown', { name })} onClick={() => setOptions(moved(item.options, oi, 1))}>
                {t('adminEdit.down')}
              </button>
              <button type="button" className="button button-secondary" aria-label={t('questionnaireStructure.optionRemove', { name })} onClick={() => setOptions(item.options.filter((_, j) => j !== oi))}>
                {t('adminEdit.remove')}
              </button>
            </div>
          </div>
        );
      })}
      <button type="button" className="button button-secondary" data-testid="qs-add-option" onClick={() => setOptions([...item.options, { code: '', system: item.options[0]?.system, display: { ...EMPTY } }])}>
        {t('questionnaireStructure.addOption')}
      </button>
    </fieldset>
  );
}

function ConditionFields({ id, items, index, set }: { id: string; items: DraftItem[]; index: number; set: (next: DraftItem) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const item = items[index] as DraftItem;
  const targets = conditionTargets(items, index);
  const setConditions = (conditions: DraftCondition[]) => set({ ...item, conditions });
  const valuesOf = (linkId: string) => {
    const target = targets.find((x) => x.linkId === linkId);
    if (target?.type === 'boolean') return [{ value: 'true', label: t('questionnaireStructure.yes') }, { value: 'false', label: t('questionnaireStructure.no') }];
    return (target?.options ?? []).filter((o) => o.code.trim()).map((o) => ({ value: o.code, label: pickText(o.display, lang) || o.code }));
  };
  return (
    <fieldset className="field-group" data-testid="qs-conditions">
      <legend>{t('questionnaireStructure.conditions')}</legend>
      <p className="hint">{targets.length > 0 ? t('questionnaireStructure.conditionsHint') : t('questionnaireStructure.noTargets')}</p>
      {item.conditions.map((c, ci) => (
        <div key={ci} className="condition-row" data-testid="qs-condition">
          <SelectInput
            id={`${id}-cond-${ci}-question`}
            label={t('questionnaireStructure.conditionQuestion')}
            value={c.question}
            emptyLabel={t('adminEdit.choose')}
            choices={targets.map((x) => ({ value: x.linkId, label: pickText(x.text, lang) || x.linkId }))}
            testId="qs-condition-question"
            onChange={(question) => setConditions(item.conditions.map((x, j) => (j === ci ? { ...x, question, value: valuesOf(question)[0]?.value ?? '' } : x)))}
          />
          <SelectInput
            id={`${id}-cond-${ci}-operator`}
            label={t('questionnaireStructure.conditionOperator')}
            value={c.operator}
            choices={[
              { value: '=', label: t('questionnaireStructure.is') },
              { value: '!=', label: t('questionnaireStructure.isNot') },
            ]}
            onChange={(operator) => setConditions(item.conditions.map((x, j) => (j === ci ? { ...x, operator: operator as DraftCondition['operator'] } : x)))}
          />
          <SelectInput id={`${id}-cond-${ci}-value`} label={t('questionnaireStructure.conditionValue')} value={c.value} emptyLabel={t('adminEdit.choose')} choices={valuesOf(c.question)} testId="qs-condition-value" onChange={(value) => setConditions(item.conditions.map((x, j) => (j === ci ? { ...x, value } : x)))} />
          <button type="button" className="button button-secondary" aria-label={t('questionnaireStructure.conditionRemove', { n: ci + 1 })} onClick={() => setConditions(item.conditions.filter((_, j) => j !== ci))}>
            {t('adminEdit.remove')}
          </button>
        </div>
      ))}
      {item.conditions.length > 1 && (
        <RadioGroup
          id={`${id}-behavior`}
          legend={t('questionnaireStructure.behavior')}
          value={item.enableBehavior}
          choices={[
            { value: 'all', label: t('questionnaireStructure.all') },
            { value: 'any', label: t('questionnaireStructure.any') },
          ]}
          onChange={(v) => set({ ...item, enableBehavior: v as DraftItem['enableBehavior'] })}
        />
      )}
      {targets.length > 0 && (
        <button type="button" className="button button-secondary" data-testid="qs-add-condition" onClick={() => setConditions([...item.conditions, { question: '', operator: '=', value: '' }])}>
          {t('questionnaireStructure.addCondition')}
        </button>
      )}
    </fieldset>
  );
}

export function StructureItemFields({ items, index, problems, onChange }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const item = items[index] as DraftItem;
  const id = safeId(item.linkId, index);
  const name = pickText(item.text, lang) || item.linkId;
  const set = (next: DraftItem) => onChange(items.map((x, i) => (i === index ? next : x)));
  const answerable = item.type !== 'display' && item.type !== 'group';
  return (
    <fieldset className="condition-row" data-testid="qs-item" data-link-id={item.linkId} aria-describedby={problems.length > 0 ? `${id}-problems` : undefined}>
      <legend>{t('adminEdit.questionnaires.question', { n: index + 1, name })}</legend>
      {problems.length > 0 && (
        <ul id={`${id}-problems`} className="field-error server-words" data-testid="qs-item-problems">
          {problems.map((p, i) => (
            <li key={i} lang="en">
              {p}
            </li>
          ))}
        </ul>
      )}
      {item.isNew ? (
        <TextInput id={`${id}-linkId`} label={t('questionnaireStructure.linkId')} hint={t('questionnaireStructure.linkIdHint')} value={item.linkId} width="short" testId="qs-linkid" onChange={(linkId) => set({ ...item, linkId })} />
      ) : (
        <p className="muted small">
          {t('questionnaireStructure.linkId')}: <code>{item.linkId}</code>
        </p>
      )}
      <SelectInput
        id={`${id}-type`}
        label={t('questionnaireStructure.type')}
        hint={item.isNew ? undefined : t('questionnaireStructure.typeHint')}
        value={item.type}
        choices={[...DRAFT_TYPES, ...(item.type === 'group' ? ['group' as const] : [])].map((type) => ({ value: type, label: t(`admin.questionnaires.types.${type}`, { defaultValue: type }) }))}
        testId="qs-type"
        onChange={(type) => set({ ...item, type: type as DraftItem['type'] })}
      />
      {answerable && (
        <div className="field">
          <input type="checkbox" id={`${id}-required`} checked={item.required} data-testid="qs-required" onChange={(e) => set({ ...item, required: e.target.checked })} />{' '}
          <label htmlFor={`${id}-required`}>{t('questionnaireStructure.required')}</label>
        </div>
      )}
      {item.type === 'choice' && (
        <div className="field">
          <input type="checkbox" id={`${id}-repeats`} checked={item.repeats} onChange={(e) => set({ ...item, repeats: e.target.checked })} />{' '}
          <label htmlFor={`${id}-repeats`}>{t('questionnaireStructure.repeats')}</label>
        </div>
      )}
      <LocalizedInputs id={`${id}-text`} legend={t('adminEdit.questionnaires.questionText')} value={item.text} multiline={item.type === 'display'} testId="qs-text" onChange={(text) => set({ ...item, text })} />
      {answerable && <LocalizedInputs id={`${id}-help`} legend={t('questionnaireStructure.help')} value={item.help} required={false} testId="qs-help" onChange={(help) => set({ ...item, help })} />}
      {item.type === 'choice' && <OptionFields id={id} item={item} set={set} />}
      <ConditionFields id={id} items={items} index={index} set={set} />
      <div className="button-row">
        <button type="button" className="button button-secondary" disabled={index === 0} aria-label={t('questionnaireStructure.up', { name })} data-testid="qs-up" onClick={() => onChange(moved(items, index, -1))}>
          {t('adminEdit.up')}
        </button>
        <button type="button" className="button button-secondary" disabled={index === items.length - 1} aria-label={t('questionnaireStructure.down', { name })} data-testid="qs-down" onClick={() => onChange(moved(items, index, 1))}>
          {t('adminEdit.down')}
        </button>
        <button type="button" className="button button-secondary" aria-label={t('questionnaireStructure.remove', { name })} data-testid="qs-remove" onClick={() => onChange(items.filter((_, i) => i !== index))}>
          {t('questionnaireStructure.removeQuestion')}
        </button>
      </div>
    </fieldset>
  );
}
