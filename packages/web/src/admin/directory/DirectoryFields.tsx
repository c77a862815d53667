/** The fields of each directory form; values are plain form objects, never FHIR resources. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROFESSIONS } from '@ovi/domain/src/types';
import {
  CARE_TEAM_STATUSES,
  SERVICE_CODES,
  SERVICE_LANGUAGES,
  type DirectoryForms,
  type DirectoryOptions,
  type RefOption,
} from '../../api/directory.resource';
import { CheckboxField, CheckboxesField, FieldGroup, SelectField, TextField, fieldId, type Choice, type FieldProblem } from './fields';

export interface FieldsProps<F> {
  form: F;
  onChange: (next: F) => void;
  problem: (field: string) => FieldProblem | undefined;
  options: DirectoryOptions;
  /** `Organization/<id>` of the record itself, so it is not offered as its own parent. */
  self?: string;
}

const choicesOf = (options: RefOption[], except?: string): Choice[] => options.filter((o) => o.reference !== except).map((o) => ({ value: o.reference, label: o.name }));

function useProfessionChoices(): Choice[] {
  const { t } = useTranslation();
  return PROFESSIONS.map((p) => ({ value: p, label: t(`profession.${p}`) }));
}

export function OrganizationFields({ form, onChange, problem, options, self }: FieldsProps<DirectoryForms['organizations']>) {
  const { t } = useTranslation();
  const set = (patch: Partial<typeof form>) => onChange({ ...form, ...patch });
  return (
    <>
      <TextField field="name" label={t('directory.field.name')} value={form.name} required problem={problem('name')} onChange={(name) => set({ name })} />
      <SelectField
        field="partOf"
        label={t('directory.field.partOf')}
        hint={t('directory.hint.partOf')}
        value={form.partOf}
        emptyLabel={t('directory.none')}
        choices={choicesOf(options.organizations, self)}
        problem={problem('partOf')}
        onChange={(partOf) => set({ partOf })}
      />
      <TextField
        field="municipalityCode"
        label={t('directory.field.municipalityCode')}
        hint={t('directory.hint.municipalityCode')}
        value={form.municipalityCode}
        inputMode="numeric"
        width="short"
        problem={problem('municipalityCode')}
        onChange={(municipalityCode) => set({ municipalityCode })}
      />
      <CheckboxField field="active" label={t('directory.field.active')} hint={t('directory.hint.active')} checked={form.active} onChange={(active) => set({ active })} />
    </>
  );
}

export function LocationFields({ form, onChange, problem, options }: FieldsProps<DirectoryForms['locations']>) {
  const { t } = useTranslation();
  const set = (patch: Partial<typeof form>) => onChange({ ...form, ...patch });
  return (
    <>
      <TextField field="name" label={t('directory.field.name')} value={form.name} required problem={problem('name')} onChange={(name) => set({ name })} />
      <FieldGroup legend={t('directory.field.address')}>
        <TextField field="line" label={t('directory.field.street')} value={form.line} autoComplete="off" problem={problem('line')} onChange={(line) => set({ line })} />
        <TextField
          field="postalCode"
          label={t('directory.field.postalCode')}
          value={form.postalCode}
          inputMode="numeric"
          width="short"
          problem={problem('postalCode')}
          onChange={(postalCode) => set({ postalCode })}
        />
        <TextField field="city" label={t('directory.field.city')} value={form.city} problem={problem('city')} onChange={(city) => set({ city })} />
      </FieldGroup>
      <SelectField
        field="managingOrganization"
        label={t('directory.field.managingOrganization')}
        value={form.managingOrganization}
        emptyLabel={t('directory.none')}
        choices={choicesOf(options.organizations)}
        problem={problem('managingOrganization')}
        onChange={(managingOrganization) => set({ managingOrganization })}
      />
    </>
  );
}

export function ServiceFields({ form, onChange, problem, options }: FieldsProps<DirectoryForms['services']>) {
  const { t } = useTranslation();
  const set = (patch: Partial<typeof form>) => onChange({ ...form, ...patch });
  return (
    <>
      <TextField field="name" label={t('directory.field.name')} value={form.name} required problem={problem('name')} onChange={(name) => set({ name })} />
      <SelectField
        field="type"
        label={t('directory.field.serviceType')}
        value={form.type}
        emptyLabel={t('directory.choose')}
        choices={SERVICE_CODES.map((c) => ({ value: c, label: t(`service.${c}`) }))}
        problem={problem('type')}
        onChange={(type) => set({ type })}
      />
      <SelectField
        field="providedBy"
        label={t('directory.field.providedBy')}
        value={form.providedBy}
        required
        emptyLabel={t('directory.choose')}
        choices={choicesOf(options.organizations)}
        problem={problem('providedBy')}
        onChange={(providedBy) => set({ providedBy })}
      />
      <CheckboxesField
        field="locations"
        legend={t('directory.field.serviceLocations')}
        values={form.locations}
        choices={choicesOf(options.locations)}
        problem={problem('locations')}
        onChange={(locations) => set({ locations })}
      />
      <CheckboxField field="active" label={t('directory.field.active')} hint={t('directory.hint.active')} checked={form.active} onChange={(active) => set({ active })} />
    </>
  );
}

export function ProfessionalFields({ form, onChange, problem, options }: FieldsProps<DirectoryForms['professionals']>) {
  const { t } = useTranslation();
  const professions = useProfessionChoices();
  const set = (patch: Partial<typeof form>) => onChange({ ...form, ...patch });
  return (
    <>
      <FieldGroup legend={t('directory.group.person')}>
        <TextField field="given" label={t('directory.field.given')} value={form.given} required problem={problem('given')} onChange={(given) => set({ given })} />
        <TextField field="family" label={t('directory.field.family')} value={form.family} required problem={problem('family')} onChange={(family) => set({ family })} />
        <TextField
          field="terhikki"
          label={t('directory.field.terhikki')}
          hint={t('directory.hint.terhikki')}
          value={form.terhikki}
          inputMode="numeric"
          width="short"
          problem={problem('terhikki')}
          onChange={(terhikki) => set({ terhikki })}
        />
        <CheckboxesField
          field="languages"
          legend={t('directory.field.languages')}
          values={form.languages}
          inline
          choices={SERVICE_LANGUAGES.map((l) => ({ value: l, label: t(`directory.language.${l}`) }))}
          problem={problem('languages')}
          onChange={(languages) => set({ languages })}
        />
        <CheckboxField field="active" label={t('directory.field.activePerson')} hint={t('directory.hint.activePerson')} checked={form.active} onChange={(active) => set({ active })} />
      </FieldGroup>
      <FieldGroup legend={t('directory.group.role')}>
        <SelectField
          field="profession"
          label={t('directory.field.profession')}
          value={form.profession}
          required
          emptyLabel={t('directory.choose')}
          choices={professions}
          problem={problem('profession')}
          onChange={(profession) => set({ profession })}
        />
        <SelectField
          field="organization"
          label={t('directory.field.organization')}
          value={form.organization}
          required
          emptyLabel={t('directory.choose')}
          choices={choicesOf(options.organizations)}
          problem={problem('organization')}
          onChange={(organization) => set({ organization })}
        />
        <SelectField
          field="location"
          label={t('directory.field.location')}
          value={form.location}
          emptyLabel={t('directory.none')}
          choices={choicesOf(options.locations)}
          problem={problem('location')}
          onChange={(location) => set({ location })}
        />
        <SelectField
          field="service"
          label={t('directory.field.service')}
          value={form.service}
          emptyLabel={t('directory.none')}
          choices={choicesOf(options.services)}
          problem={problem('service')}
          onChange={(service) => set({ service })}
        />
      </FieldGroup>
    </>
  );
}

export function TeamFields({ form, onChange, problem, options }: FieldsProps<DirectoryForms['teams']>) {
  const { t } = useTranslation();
  const professions = useProfessionChoices();
  const [focusField, setFocusField] = useState<string>();
  const addRef = useRef<HTMLButtonElement>(null);
  const [nextKey, setNextKey] = useState(0);
  const set = (patch: Partial<typeof form>) => onChange({ ...form, ...patch });
  const setMember = (index: number, patch: Partial<(typeof form.participants)[number]>) =>
    set({ participants: form.participants.map((p, i) => (i === index ? { ...p, ...patch } : p)) });

  useEffect(() => {
    if (!focusField) return;
    if (focusField === 'add') addRef.current?.focus();
    else document.getElementById(fieldId(focusField))?.focus();
    setFocusField(undefined);
  }, [focusField]);

  const add = () => {
    set({ participants: [...form.participants, { key: `new${nextKey}`, profession: '', member: '' }] });
    setNextKey((n) => n + 1);
    setFocusField(`participants.${form.participants.length}.profession`);
  };
  const remove = (index: number) => {
    set({ participants: form.participants.filter((_, i) => i !== index) });
    setFocusField('add');
  };

  return (
    <>
      <TextField field="name" label={t('directory.field.teamName')} value={form.name} required problem={problem('name')} onChange={(name) => set({ name })} />
      <SelectField
        field="status"
        label={t('directory.field.status')}
        value={form.status}
        required
        choices={CARE_TEAM_STATUSES.map((s) => ({ value: s, label: t(`directory.teamStatus.${s}`) }))}
        problem={problem('status')}
        onChange={(status) => set({ status })}
      />
      <SelectField
        field="managingOrganization"
        label={t('directory.field.managingOrganization')}
        value={form.managingOrganization}
        emptyLabel={t('directory.none')}
        choices={choicesOf(options.organizations)}
        problem={problem('managingOrganization')}
        onChange={(managingOrganization) => set({ managingOrganization })}
      />
      <h3 className="form-subheading">{t('directory.group.members')}</h3>
      {form.participants.length === 0 && <p className="empty">{t('directory.noMembers')}</p>}
      <ol className="member-list">
        {form.participants.map((p, i) => (
          <li key={p.key}>
            <FieldGroup legend={t('directory.memberLegend', { number: i + 1 })}>
              <SelectField
                field={`participants.${i}.profession`}
                label={t('directory.field.memberRole')}
                value={p.profession}
                required
                emptyLabel={t('directory.choose')}
                choices={professions}
                problem={problem(`participants.${i}.profession`)}
                onChange={(profession) => setMember(i, { profession })}
              />
              <SelectField
                field={`participants.${i}.member`}
                label={t('directory.field.member')}
                value={p.member}
                required
                emptyLabel={t('directory.choose')}
                choices={choicesOf(options.practitioners)}
                problem={problem(`participants.${i}.member`)}
                onChange={(member) => setMember(i, { member })}
              />
              <button type="button" className="button button-secondary" onClick={() => remove(i)}>
                {t('directory.removeMember', { number: i + 1 })}
              </button>
            </FieldGroup>
          </li>
        ))}
      </ol>
      <button ref={addRef} type="button" className="button button-secondary" onClick={add}>
        <span aria-hidden="true">+ </span>
        {t('directory.addMember')}
      </button>
    </>
  );
}
