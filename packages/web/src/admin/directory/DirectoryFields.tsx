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
  type TeamMemberForm,
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

/** The keys of F whose values are of type V. */
type KeysOf<F, V> = { [K in keyof F]: F[K] extends V ? K : never }[keyof F] & string;

/**
 * Ties a control to one key of the form: the key is also its `field` id and the name its
 * problems go by, so each control needs only its label and extras.
 */
function bindForm<F>({ form, onChange, problem }: FieldsProps<F>) {
  const set = <K extends keyof F>(key: K, value: F[K]) => onChange({ ...form, [key]: value });
  return {
    text: <K extends KeysOf<F, string>>(field: K) => ({ field, value: form[field] as string, problem: problem(field), onChange: (v: string) => set(field, v as F[K]) }),
    list: <K extends KeysOf<F, string[]>>(field: K) => ({ field, values: form[field] as string[], problem: problem(field), onChange: (v: string[]) => set(field, v as F[K]) }),
    check: <K extends KeysOf<F, boolean>>(field: K) => ({ field, checked: form[field] as boolean, onChange: (v: boolean) => set(field, v as F[K]) }),
  };
}

export function OrganizationFields(props: FieldsProps<DirectoryForms['organizations']>) {
  const { t } = useTranslation();
  const bind = bindForm(props);
  return (
    <>
      <TextField {...bind.text('name')} label={t('directory.field.name')} required />
      <SelectField
        {...bind.text('partOf')}
        label={t('directory.field.partOf')}
        hint={t('directory.hint.partOf')}
        emptyLabel={t('directory.none')}
        choices={choicesOf(props.options.organizations, props.self)}
      />
      <TextField {...bind.text('municipalityCode')} label={t('directory.field.municipalityCode')} hint={t('directory.hint.municipalityCode')} inputMode="numeric" width="short" />
      <CheckboxField {...bind.check('active')} label={t('directory.field.active')} hint={t('directory.hint.active')} />
    </>
  );
}

export function LocationFields(props: FieldsProps<DirectoryForms['locations']>) {
  const { t } = useTranslation();
  const bind = bindForm(props);
  return (
    <>
      <TextField {...bind.text('name')} label={t('directory.field.name')} required />
      <FieldGroup legend={t('directory.field.address')}>
        <TextField {...bind.text('line')} label={t('directory.field.street')} autoComplete="off" />
        <TextField {...bind.text('postalCode')} label={t('directory.field.postalCode')} inputMode="numeric" width="short" />
        <TextField {...bind.text('city')} label={t('directory.field.city')} />
      </FieldGroup>
      <SelectField {...bind.text('managingOrganization')} label={t('directory.field.managingOrganization')} emptyLabel={t('directory.none')} choices={choicesOf(props.options.organizations)} />
    </>
  );
}

export function ServiceFields(props: FieldsProps<DirectoryForms['services']>) {
  const { t } = useTranslation();
  const bind = bindForm(props);
  const { options } = props;
  return (
    <>
      <TextField {...bind.text('name')} label={t('directory.field.name')} required />
      <SelectField
        {...bind.text('type')}
        label={t('directory.field.serviceType')}
        emptyLabel={t('directory.choose')}
        choices={SERVICE_CODES.map((c) => ({ value: c, label: t(`service.${c}`) }))}
      />
      <SelectField {...bind.text('providedBy')} label={t('directory.field.providedBy')} required emptyLabel={t('directory.choose')} choices={choicesOf(options.organizations)} />
      <CheckboxesField {...bind.list('locations')} legend={t('directory.field.serviceLocations')} choices={choicesOf(options.locations)} />
      <CheckboxField {...bind.check('active')} label={t('directory.field.active')} hint={t('directory.hint.active')} />
    </>
  );
}

export function ProfessionalFields(props: FieldsProps<DirectoryForms['professionals']>) {
  const { t } = useTranslation();
  const professions = useProfessionChoices();
  const bind = bindForm(props);
  const { options } = props;
  const none = t('directory.none');
  const choose = t('directory.choose');
  return (
    <>
      <FieldGroup legend={t('directory.group.person')}>
        <TextField {...bind.text('given')} label={t('directory.field.given')} required />
        <TextField {...bind.text('family')} label={t('directory.field.family')} required />
        <TextField {...bind.text('terhikki')} label={t('directory.field.terhikki')} hint={t('directory.hint.terhikki')} inputMode="numeric" width="short" />
        <TextField {...bind.text('suosikki')} label={t('directory.field.suosikki')} hint={t('directory.hint.suosikki')} inputMode="numeric" width="short" />
        <CheckboxesField
          {...bind.list('languages')}
          legend={t('directory.field.languages')}
          inline
          choices={SERVICE_LANGUAGES.map((l) => ({ value: l, label: t(`directory.language.${l}`) }))}
        />
        <CheckboxField {...bind.check('active')} label={t('directory.field.activePerson')} hint={t('directory.hint.activePerson')} />
      </FieldGroup>
      <FieldGroup legend={t('directory.group.role')}>
        <SelectField {...bind.text('profession')} label={t('directory.field.profession')} required emptyLabel={choose} choices={professions} />
        <SelectField {...bind.text('organization')} label={t('directory.field.organization')} required emptyLabel={choose} choices={choicesOf(options.organizations)} />
        <SelectField {...bind.text('location')} label={t('directory.field.location')} emptyLabel={none} choices={choicesOf(options.locations)} />
        <SelectField {...bind.text('service')} label={t('directory.field.service')} emptyLabel={none} choices={choicesOf(options.services)} />
      </FieldGroup>
    </>
  );
}

export function TeamFields(props: FieldsProps<DirectoryForms['teams']>) {
  const { form, onChange, problem, options } = props;
  const { t } = useTranslation();
  const professions = useProfessionChoices();
  const bind = bindForm(props);
  const [focusField, setFocusField] = useState<string>();
  const addRef = useRef<HTMLButtonElement>(null);
  const [nextKey, setNextKey] = useState(0);
  const setParticipants = (participants: TeamMemberForm[]) => onChange({ ...form, participants });
  /** A member's select: its field id and problems are `participants.<index>.<key>`. */
  const bindMember = (member: TeamMemberForm, index: number, key: 'profession' | 'member') => {
    const field = `participants.${index}.${key}`;
    const onMemberChange = (value: string) => setParticipants(form.participants.map((p, i) => (i === index ? { ...p, [key]: value } : p)));
    return { field, value: member[key], problem: problem(field), onChange: onMemberChange, required: true, emptyLabel: t('directory.choose') };
  };

  useEffect(() => {
    if (!focusField) return;
    if (focusField === 'add') addRef.current?.focus();
    else document.getElementById(fieldId(focusField))?.focus();
    setFocusField(undefined);
  }, [focusField]);

  const add = () => {
    setParticipants([...form.participants, { key: `new${nextKey}`, profession: '', member: '' }]);
    setNextKey((n) => n + 1);
    setFocusField(`participants.${form.participants.length}.profession`);
  };
  const remove = (index: number) => {
    setParticipants(form.participants.filter((_, i) => i !== index));
    setFocusField('add');
  };

  return (
    <>
      <TextField {...bind.text('name')} label={t('directory.field.teamName')} required />
      <SelectField
        {...bind.text('status')}
        label={t('directory.field.status')}
        required
        choices={CARE_TEAM_STATUSES.map((s) => ({ value: s, label: t(`directory.teamStatus.${s}`) }))}
      />
      <SelectField {...bind.text('managingOrganization')} label={t('directory.field.managingOrganization')} emptyLabel={t('directory.none')} choices={choicesOf(options.organizations)} />
      <h3 className="form-subheading">{t('directory.group.members')}</h3>
      {form.participants.length === 0 && <p className="empty">{t('directory.noMembers')}</p>}
      <ol className="member-list">
        {form.participants.map((p, i) => (
          <li key={p.key}>
            <FieldGroup legend={t('directory.memberLegend', { number: i + 1 })}>
              <SelectField {...bindMember(p, i, 'profession')} label={t('directory.field.memberRole')} choices={professions} />
              <SelectField {...bindMember(p, i, 'member')} label={t('directory.field.member')} choices={choicesOf(options.practitioners)} />
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
