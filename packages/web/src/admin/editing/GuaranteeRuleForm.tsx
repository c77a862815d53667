/**
 * One care-guarantee rule as a form: law or regional promise, service, urgency, ages, the time
 * limit (calendar time or working days) and what it counts from, the dates it is in force,
 * its name in three languages and its source. "Done" puts it in the draft.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { URGENCIES } from '@ovi/domain/src/types';
import { pickText } from '../../api/fhir';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useLanguage } from '../../i18n/useLanguage';
import { LocalizedInputs, RadioGroup, SelectInput, TextInput, languageErrors, summaryItems } from './fields';
import { checkGuaranteeDraft, type GuaranteeDraft } from './guaranteeDraft';

interface Props {
  initial: GuaranteeDraft;
  services: string[];
  otherIds: string[];
  onDone: (draft: GuaranteeDraft) => void;
  onCancel: () => void;
}

export function GuaranteeRuleForm({ initial, services, otherIds, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [d, setD] = useState<GuaranteeDraft>(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const set = <K extends keyof GuaranteeDraft>(key: K) => (value: GuaranteeDraft[K]) => setD((x) => ({ ...x, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkGuaranteeDraft(d, otherIds, t);
    setProblems(found);
    setAttempt((n) => n + 1);
    if (Object.keys(found).length === 0) onDone(d);
  };
  const number = { inputMode: 'numeric' as const, width: 'number' as const };
  const serviceChoices = [...new Set([...services, ...(d.service ? [d.service] : [])])].map((s) => ({ value: s, label: t(`service.${s}`, { defaultValue: s }) }));
  const heading = d.isNew ? t('adminEdit.guarantee.newRule') : t('adminEdit.guarantee.editRule', { rule: pickText(initial.label, lang) || initial.id });

  return (
    <form className="edit-form panel" noValidate onSubmit={submit} aria-labelledby="limit-form-heading" data-testid="limit-form">
      <h2 id="limit-form-heading" ref={headingRef} tabIndex={-1}>
        {heading}
      </h2>
      <ErrorSummary items={summaryItems(problems, t('common.required'))} focusKey={attempt} />
      {d.isNew ? (
        <TextInput id="limit-id" label={t('adminEdit.rules.id')} hint={t('adminEdit.rules.idHint')} value={d.id} width="short" required error={problems['limit-id']} onChange={set('id')} />
      ) : (
        <p className="muted small">
          {t('adminEdit.rules.id')}: <code>{d.id}</code>
        </p>
      )}
      <RadioGroup
        id="limit-kind"
        legend={t('admin.guarantee.kind')}
        value={d.kind}
        choices={[
          { value: 'legal', label: t('admin.guarantee.legal') },
          { value: 'regional', label: t('admin.guarantee.regional') },
        ]}
        error={problems['limit-kind-0']}
        onChange={set('kind')}
      />
      <div className="inline-fields">
        <SelectInput id="limit-service" label={t('service.label')} value={d.service} emptyLabel={t('adminEdit.choose')} choices={serviceChoices} required error={problems['limit-service']} testId="limit-service" onChange={set('service')} />
        <SelectInput
          id="limit-urgency"
          label={t('urgency.label')}
          value={d.urgency}
          emptyLabel={t('adminEdit.choose')}
          choices={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
          required
          error={problems['limit-urgency']}
          testId="limit-urgency"
          onChange={set('urgency')}
        />
      </div>
      <fieldset className="field-group">
        <legend>{t('admin.guarantee.ages')}</legend>
        <p className="hint">{t('adminEdit.guarantee.agesHint')}</p>
        <div className="inline-fields">
          <TextInput id="limit-youngest" label={t('adminEdit.guarantee.youngest')} value={d.youngest} error={problems['limit-youngest']} {...number} onChange={set('youngest')} />
          <TextInput id="limit-oldest" label={t('adminEdit.guarantee.oldest')} value={d.oldest} error={problems['limit-oldest']} {...number} onChange={set('oldest')} />
        </div>
      </fieldset>
      <fieldset className="field-group">
        <legend>{t('admin.guarantee.limit')}</legend>
        <RadioGroup
          id="limit-limit-kind"
          legend={t('adminEdit.guarantee.countedIn')}
          value={d.limitKind}
          choices={[
            { value: 'calendar', label: t('adminEdit.guarantee.calendar') },
            { value: 'working', label: t('adminEdit.guarantee.working') },
          ]}
          onChange={(v) => set('limitKind')(v === 'working' ? 'working' : 'calendar')}
        />
        {d.limitKind === 'calendar' ? (
          <div className="inline-fields">
            <TextInput id="limit-months" label={t('adminEdit.guarantee.months')} value={d.months} error={problems['limit-months']} testId="limit-months" {...number} onChange={set('months')} />
            <TextInput id="limit-days" label={t('adminEdit.guarantee.days')} value={d.days} error={problems['limit-days']} testId="limit-days" {...number} onChange={set('days')} />
          </div>
        ) : (
          <TextInput
            id="limit-working-days"
            label={t('adminEdit.guarantee.workingDays')}
            hint={t('adminEdit.guarantee.workingDaysHint')}
            value={d.workingDays}
            error={problems['limit-working-days']}
            testId="limit-working-days"
            {...number}
            onChange={set('workingDays')}
          />
        )}
        <RadioGroup
          id="limit-from"
          legend={t('adminEdit.guarantee.from')}
          value={d.from}
          choices={[
            { value: 'contact', label: t('adminEdit.guarantee.fromContactChoice') },
            { value: 'assessment', label: t('adminEdit.guarantee.fromAssessmentChoice') },
          ]}
          onChange={(v) => set('from')(v === 'assessment' ? 'assessment' : 'contact')}
        />
      </fieldset>
      <fieldset className="field-group">
        <legend>{t('adminEdit.guarantee.inForce')}</legend>
        <p className="hint">{t('adminEdit.guarantee.inForceHint')}</p>
        <div className="inline-fields">
          <TextInput id="limit-in-force-from" label={t('adminEdit.guarantee.inForceFrom')} hint={t('adminEdit.dateHint')} value={d.inForceFrom} error={problems['limit-in-force-from']} width="short" onChange={set('inForceFrom')} />
          <TextInput id="limit-in-force-until" label={t('adminEdit.guarantee.inForceUntil')} hint={t('adminEdit.dateHint')} value={d.inForceUntil} error={problems['limit-in-force-until']} width="short" onChange={set('inForceUntil')} />
        </div>
      </fieldset>
      <LocalizedInputs id="limit-label" legend={t('adminEdit.guarantee.label')} value={d.label} errors={languageErrors('limit-label', problems)} testId="limit-label" onChange={set('label')} />
      <TextInput id="limit-source" label={t('admin.guarantee.source')} hint={t('adminEdit.guarantee.sourceHint')} value={d.source} onChange={set('source')} />
      <p className="hint">{t('adminEdit.rules.doneHint')}</p>
      <div className="button-row">
        <button type="submit" className="button button-primary" data-testid="limit-form-done">
          {t('adminEdit.rules.done')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} data-testid="limit-form-cancel">
          {t('adminEdit.cancel')}
        </button>
      </div>
    </form>
  );
}
