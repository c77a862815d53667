/**
 * Creating or editing one directory entry. Our own checks run first; the server's FHIR
 * validation problems are placed next to the fields their `expression` names. A 412 means
 * someone else saved in between: the latest version is loaded and the admin is told so.
 */
import { useEffect, useState, type FormEvent, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import {
  emptyRecord,
  fetchDirectoryOptions,
  fetchRecord,
  issuesToFields,
  PartlySavedError,
  saveRecord,
  type DirectoryForms,
  type DirectoryKind,
  type DirectoryOptions,
  type DirectoryRecord,
  type FieldIssue,
} from '../../api/directory.resource';
import { Link, useRouter } from '../../app/router';
import { directoryPath } from '../../app/routes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { Loading } from '../../components/Loading';
import { StatusMessage } from '../../components/StatusMessage';
import { useAsync } from '../../components/useAsync';
import { checkForm, type Problems } from './directoryChecks';
import { LocationFields, OrganizationFields, ProfessionalFields, ServiceFields, TeamFields } from './DirectoryFields';
import { fieldId, type FieldProblem } from './fields';

type AnyForm = DirectoryForms[DirectoryKind];

interface Props {
  kind: DirectoryKind;
  /** Undefined for a new entry. */
  id?: string;
  /** Set when the previous screen just created this entry. */
  justCreated?: boolean;
}

/** The label a field has in the form, for the error summary. */
function useFieldLabel(kind: DirectoryKind) {
  const { t } = useTranslation();
  return (field: string): string => {
    const member = /^participants\.(\d+)\.(\w+)$/.exec(field);
    if (member) {
      const part = member[2] === 'member' ? t('directory.field.member') : t('directory.field.memberRole');
      return `${t('directory.memberLegend', { number: Number(member[1]) + 1 })}: ${part}`;
    }
    if (field === 'name' && kind === 'teams') return t('directory.field.teamName');
    if (field === 'type') return t('directory.field.serviceType');
    if (field === 'locations') return t('directory.field.serviceLocations');
    if (field === 'line') return t('directory.field.street');
    if (field === 'active' && kind === 'professionals') return t('directory.field.activePerson');
    return t(`directory.field.${field}`, { defaultValue: field });
  };
}

export function DirectoryEditor({ kind, id, justCreated = false }: Props) {
  const { t } = useTranslation();
  const { navigate } = useRouter();
  const label = useFieldLabel(kind);
  const [reloads, setReloads] = useState(0);
  const loaded = useAsync(
    () => Promise.all([fetchDirectoryOptions(), id ? fetchRecord(kind, id) : Promise.resolve(emptyRecord(kind))]),
    [kind, id, reloads],
  );
  const [record, setRecord] = useState<DirectoryRecord>();
  const [options, setOptions] = useState<DirectoryOptions>();
  const [form, setForm] = useState<AnyForm>();
  const [problems, setProblems] = useState<Problems>({});
  const [serverIssues, setServerIssues] = useState<FieldIssue[]>([]);
  const [failure, setFailure] = useState<unknown>();
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(justCreated);
  const [attempts, setAttempts] = useState(0);

  useEffect(() => {
    if (!loaded.data) return;
    const [opts, rec] = loaded.data;
    setOptions(opts);
    setRecord(rec);
    setForm(rec.form);
  }, [loaded.data]);

  if (!record || !form || !options) {
    return (
      <>
        {loaded.loading && <Loading />}
        {loaded.error !== undefined && <ErrorMessage error={loaded.error} onRetry={loaded.reload} />}
      </>
    );
  }

  const problem = (field: string): FieldProblem | undefined => {
    if (problems[field]) return { message: t(problems[field] ?? '') };
    const issue = serverIssues.find((i) => i.field === field);
    return issue ? { message: t('directory.check.server'), detail: issue.message } : undefined;
  };

  const summary: SummaryItem[] = [
    ...Object.entries(problems).map(([field, key]) => ({ fieldId: fieldId(field), message: `${label(field)}: ${t(key)}` })),
    ...serverIssues.map((i) => (i.field ? { fieldId: fieldId(i.field), message: `${label(i.field)}: ${t('directory.check.server')}` } : { message: i.message })),
  ];

  const change = (next: AnyForm) => {
    setForm(next);
    setSaved(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setConflict(false);
    setFailure(undefined);
    setServerIssues([]);
    const found = checkForm(kind, form);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setAttempts((n) => n + 1);
      return;
    }
    setSaving(true);
    try {
      const next = await saveRecord(record, form, options);
      setSaving(false);
      // A new entry gets its own address (also when an earlier try already saved part of it).
      if (id === undefined && next.id) {
        navigate(directoryPath(kind, next.id), { state: { flash: 'directory-saved' } });
        return;
      }
      setRecord(next);
      setForm(next.form);
      setSaved(true);
    } catch (error) {
      setSaving(false);
      let cause = error;
      if (error instanceof PartlySavedError) {
        // The person is saved; keep what was typed for the role and let the admin try again.
        setRecord(error.record);
        cause = error.error;
      }
      if (cause instanceof ApiError && cause.status === 400 && cause.issues.length > 0) {
        setServerIssues(issuesToFields(kind, cause.issues));
        setAttempts((n) => n + 1);
      } else if (cause instanceof ApiError && (cause.status === 412 || cause.status === 409) && record.id) {
        setConflict(true);
        setReloads((n) => n + 1);
      } else {
        setFailure(cause);
      }
    }
  };

  const Fields = {
    organizations: OrganizationFields,
    locations: LocationFields,
    services: ServiceFields,
    professionals: ProfessionalFields,
    teams: TeamFields,
  }[kind] as (props: { form: AnyForm; onChange: (f: AnyForm) => void; problem: typeof problem; options: DirectoryOptions; self?: string }) => JSX.Element;

  const hasError = summary.length > 0 || conflict || failure !== undefined;
  const title = record.id ? t('directory.editTitle', { name: formName(kind, record.form) || t('directory.unnamed') }) : t(`directory.newTitle.${kind}`);

  return (
    <section aria-labelledby="directory-form-title">
      <p className="back-link">
        <Link to={directoryPath(kind)}>
          <span aria-hidden="true">← </span>
          {t('directory.backToList', { list: t(`directory.kinds.${kind}`) })}
        </Link>
      </p>
      <h2 id="directory-form-title">{title}</h2>
      <StatusMessage tone="success" testId="directory-saved">
        {saved ? t('directory.saved') : undefined}
      </StatusMessage>
      {hasError && (
        <div data-testid="directory-error">
          {conflict && (
            <div role="alert" className="notice notice-error">
              <p>{t('directory.conflict')}</p>
            </div>
          )}
          {failure !== undefined && <ErrorMessage error={failure} />}
          <ErrorSummary items={summary} focusKey={attempts} />
        </div>
      )}
      <form className="directory-form" noValidate onSubmit={(e) => void submit(e)} data-testid="directory-form" aria-busy={saving || loaded.loading}>
        <p className="hint">{t('directory.requiredNote')}</p>
        <Fields form={form} onChange={change} problem={problem} options={options} self={record.id ? `Organization/${record.id}` : undefined} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving} data-testid="directory-save">
            {saving ? t('directory.saving') : t('directory.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function formName(kind: DirectoryKind, form: AnyForm): string {
  if (kind === 'professionals') {
    const f = form as DirectoryForms['professionals'];
    return `${f.given} ${f.family}`.trim();
  }
  return (form as { name: string }).name;
}
