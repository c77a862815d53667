/**
 * A professional's weekly template as a form: when it is valid and its times (day, start, end,
 * visit type, ways of meeting). "Check the change" lists what changes in words (the server has
 * no dry run for templates; it checks the template when it is saved and answers 400 with its
 * reasons, shown here); saving makes the free times again, booked times always stay.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pickText } from '../../api/fhir';
import type { VisitTypeView } from '../../api/schedule.resource';
import { saveScheduleTemplate, type SlotChanges, type WeeklyTemplate } from '../../api/scheduleTemplateEdit.resource';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useLanguage } from '../../i18n/useLanguage';
import { ChangeReview } from './ChangeReview';
import { CheckboxGroup, SelectInput, TextInput, summaryItems } from './fields';
import { blockFieldId, checkTemplateDraft, describeTemplateChanges, fromTemplateDraft, newBlock, toTemplateDraft, type TemplateDraft } from './templateDraft';
import { useChangeReview } from './useChangeReview';

interface Props {
  template: WeeklyTemplate;
  name: string;
  visitTypes: VisitTypeView[];
  horizonDays?: number;
  onSaved: (slots: SlotChanges | undefined) => void;
  onCancel: () => void;
}

export function TemplateForm({ template, name, visitTypes, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [draft, setDraft] = useState<TemplateDraft>(() => toTemplateDraft(template));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [focusAfter, setFocusAfter] = useState<{ id: string; n: number }>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (focusAfter) document.getElementById(focusAfter.id)?.focus();
  }, [focusAfter]);
  const focus = (id: string) => setFocusAfter((f) => ({ id, n: (f?.n ?? 0) + 1 }));

  const check = useCallback(async (value: WeeklyTemplate) => ({ lines: describeTemplateChanges(template, value, visitTypes, t, lang) }), [template, visitTypes, t, lang]);
  const save = useCallback((value: WeeklyTemplate) => saveScheduleTemplate(value), []);
  const saved = useCallback((result: { slots?: SlotChanges }) => onSaved(result.slots), [onSaved]);
  const review = useChangeReview({ check, save, onSaved: saved });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkTemplateDraft(draft, visitTypes, t);
    setProblems(found);
    setAttempt((n) => n + 1);
    if (Object.keys(found).length === 0) void review.start(fromTemplateDraft(draft, template));
  };

  const setBlock = (index: number, change: Partial<TemplateDraft['blocks'][number]>) =>
    setDraft((d) => ({ ...d, blocks: d.blocks.map((b, i) => (i === index ? { ...b, ...change } : b)) }));

  const id = `template-form-${template.id}`;
  if ((review.phase === 'review' || review.phase === 'saving') && review.value && review.preview) {
    return (
      <div className="panel" data-testid="template-review">
        <ChangeReview
          valid
          changes={
            review.preview.lines.length === 0 ? (
              <p>{t('adminEdit.templates.noChanges')}</p>
            ) : (
              <ul className="change-list">
                {review.preview.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            )
          }
          effect={<p>{t('adminEdit.templates.effect')}</p>}
          saving={review.phase === 'saving'}
          error={review.error}
          confirmLabel={t('adminEdit.templates.save')}
          onConfirm={() => void review.confirm()}
          onBack={() => {
            review.back();
            focus(`${id}-check`);
          }}
          testId="template-change-review"
          level={3}
        />
      </div>
    );
  }

  return (
    <form className="edit-form panel" noValidate onSubmit={submit} aria-labelledby={`${id}-heading`} data-testid="template-form">
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {t('adminEdit.templates.editHeading', { name })}
      </h3>
      <ErrorSummary items={summaryItems(problems, t('common.required'))} focusKey={attempt} />
      <div className="inline-fields">
        <TextInput id="template-valid-from" label={t('adminEdit.templates.validFrom')} hint={t('adminEdit.dateHint')} value={draft.validFrom} required width="short" error={problems['template-valid-from']} onChange={(validFrom) => setDraft((d) => ({ ...d, validFrom }))} />
        <TextInput id="template-valid-to" label={t('adminEdit.templates.validTo')} hint={t('adminEdit.templates.validToHint')} value={draft.validTo} width="short" error={problems['template-valid-to']} onChange={(validTo) => setDraft((d) => ({ ...d, validTo }))} />
      </div>
      <h4 className="form-subheading">{t('adminSchedules.blocks')}</h4>
      {draft.blocks.length === 0 && <p className="empty">{t('adminSchedules.noBlocks')}</p>}
      {draft.blocks.map((b, i) => {
        const type = visitTypes.find((v) => v.code === b.visitType);
        const legend = t('adminEdit.templates.blockN', { n: i + 1 });
        return (
          <fieldset key={b.key} className="condition-row block-row" data-testid="template-block">
            <legend>{legend}</legend>
            <div className="inline-fields">
              <SelectInput id={blockFieldId(i, 'weekday')} label={t('adminSchedules.weekday')} value={b.weekday} choices={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t(`weekday.${d}`) }))} onChange={(weekday) => setBlock(i, { weekday })} />
              <TextInput id={blockFieldId(i, 'start')} label={t('adminEdit.templates.start')} hint={t('adminEdit.templates.timeHint')} value={b.start} required width="number" error={problems[blockFieldId(i, 'start')]} onChange={(start) => setBlock(i, { start })} />
              <TextInput id={blockFieldId(i, 'end')} label={t('adminEdit.templates.end')} hint={t('adminEdit.templates.timeHint')} value={b.end} required width="number" error={problems[blockFieldId(i, 'end')]} onChange={(end) => setBlock(i, { end })} />
            </div>
            <SelectInput
              id={blockFieldId(i, 'visit-type')}
              label={t('adminEdit.templates.visitType')}
              value={b.visitType}
              emptyLabel={t('adminEdit.choose')}
              choices={visitTypes.map((v) => ({ value: v.code, label: `${pickText(v.label, lang) || v.code}${v.minutes ? ` (${t('adminSchedules.minutesValue', { count: v.minutes })})` : ''}` }))}
              required
              error={problems[blockFieldId(i, 'visit-type')]}
              onChange={(visitType) => {
                const next = visitTypes.find((v) => v.code === visitType);
                setBlock(i, { visitType, modes: b.modes.filter((m) => next?.modes.includes(m)).length > 0 ? b.modes.filter((m) => next?.modes.includes(m)) : [...(next?.modes ?? [])] });
              }}
            />
            <CheckboxGroup
              id={blockFieldId(i, 'modes')}
              legend={t('adminSchedules.modes')}
              choices={(type?.modes ?? b.modes).map((m) => ({ value: m, label: t(`visitMode.${m}`, { defaultValue: m }) }))}
              selected={b.modes}
              required
              error={problems[`${blockFieldId(i, 'modes')}-0`]}
              onChange={(modes) => setBlock(i, { modes })}
            />
            <div className="button-row">
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setDraft((d) => ({ ...d, blocks: d.blocks.filter((_, j) => j !== i) }));
                  focus(`${id}-add`);
                }}
              >
                {t('adminEdit.templates.removeBlock', { what: legend })}
              </button>
            </div>
          </fieldset>
        );
      })}
      <button
        type="button"
        id={`${id}-add`}
        className="button button-secondary"
        onClick={() => {
          const index = draft.blocks.length;
          setDraft((d) => ({ ...d, blocks: [...d.blocks, newBlock(visitTypes)] }));
          focus(blockFieldId(index, 'weekday'));
        }}
      >
        {t('adminEdit.templates.addBlock')}
      </button>
      <div className="button-row">
        <button type="submit" id={`${id}-check`} className="button button-primary" data-testid="template-check">
          {t('adminEdit.draft.check')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} data-testid="template-cancel">
          {t('adminEdit.cancel')}
        </button>
      </div>
    </form>
  );
}
