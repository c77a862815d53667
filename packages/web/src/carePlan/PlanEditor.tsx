/**
 * The professional's view of a client's shared plan in the workbench (`/care-plans/<client id>`):
 * the plan as they may see it, editing goals, actions, owners, due dates and review dates (a new
 * version each time, refused if someone saved in between), and the AVAIN recording with the client.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_STATUSES, type ActivityStatus, type SharedPlanInput } from '@ovi/domain';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { StatusMessage } from '../components/StatusMessage';
import { useAsync } from '../components/useAsync';
import { fetchOutcome, fetchPlans, inputOf, savePlan, type SharedPlanView } from './carePlan.resource';
import { PlanSummary } from './PlanSummary';
import { OutcomeCharts } from './OutcomeCharts';
import { AvainForm } from './AvainForm';
import { NewPlanForm } from './NewPlanForm';
import { fetchPlanMemberOptions } from './planMembers.resource';
import { memberKey, TeamMemberPicker } from './TeamMemberPicker';
import { useRouter } from '../app/router';
import './carePlan.css';

export function PlanEditor({ patientId }: { patientId?: string }) {
  const { t } = useTranslation();
  if (!patientId) return <ClientChoice />;
  return <ClientPlans patientId={patientId} />;
}

/** Without a client in the address: the client's record number opens their plans. */
function ClientChoice() {
  const { t } = useTranslation();
  const { navigate } = useRouter();
  const [id, setId] = useState('');
  return (
    <>
      <PageHeading title={t('carePlan.teamTitle')}>{t('carePlan.teamTitle')}</PageHeading>
      <form className="plan-editor" onSubmit={(e) => { e.preventDefault(); if (id.trim()) navigate(`/care-plans/${encodeURIComponent(id.trim().replace(/^Patient\//, ''))}`); }}>
        <label htmlFor="plan-client">{t('carePlan.clientId')}</label>
        <input id="plan-client" value={id} onChange={(e) => setId(e.target.value)} />
        <button type="submit" className="button">{t('carePlan.open')}</button>
      </form>
    </>
  );
}

function ClientPlans({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const plans = useAsync(() => fetchPlans(`Patient/${patientId}`), [patientId]);
  return (
    <>
      <PageHeading title={t('carePlan.teamTitle')}>{t('carePlan.teamTitle')}</PageHeading>
      {plans.loading && !plans.data && <Loading />}
      {plans.error !== undefined && <ErrorMessage error={plans.error} onRetry={plans.reload} />}
      {plans.data?.length === 0 && <p data-testid="plan-none">{t('carePlan.noneForClient')}</p>}
      {plans.data?.map((plan) => <EditablePlan key={plan.id} initial={plan} />)}
      {plans.data && <NewPlanForm patient={`Patient/${patientId}`} onCreated={() => plans.reload()} />}
    </>
  );
}

function EditablePlan({ initial }: { initial: SharedPlanView }) {
  const { t } = useTranslation();
  const [plan, setPlan] = useState(initial);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string>();
  const outcome = useAsync(() => fetchOutcome(plan.id).catch(() => undefined), [plan.id]);
  const goalText = (g: string) => plan.goals.find((x) => x.goal === g)?.text ?? g;
  return (
    <section aria-labelledby={`plan-${plan.id}`}>
      <h2 id={`plan-${plan.id}`}>{plan.title}</h2>
      {saved && <StatusMessage tone="success" testId="plan-saved">{saved}</StatusMessage>}
      {editing ? (
        <PlanForm plan={plan} onCancel={() => setEditing(false)} onSaved={(next) => { setPlan(next); setEditing(false); setSaved(t('carePlan.saved', { version: next.versionId })); }} />
      ) : (
        <>
          <PlanSummary plan={plan} />
          <button type="button" className="button" onClick={() => { setSaved(undefined); setEditing(true); }} data-testid="plan-edit">{t('carePlan.edit')}</button>
        </>
      )}
      {outcome.data && (
        <>
          <h2>{t('carePlan.outcome.title')}</h2>
          <OutcomeCharts outcome={outcome.data} goalText={goalText} />
          <AvainForm planId={plan.id} goals={plan.goals} settings={outcome.data.settings} onRecorded={() => { outcome.reload(); setSaved(t('carePlan.outcome.recorded')); }} />
        </>
      )}
    </section>
  );
}

function PlanForm({ plan, onSaved, onCancel }: { plan: SharedPlanView; onSaved: (plan: SharedPlanView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [input, setInput] = useState<SharedPlanInput>(() => inputOf(plan));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const options = useAsync(fetchPlanMemberOptions, []);
  const memberName = (member: string) => plan.team.find((m) => m.member === member)?.name ?? options.data?.find((o) => o.member === member)?.name ?? member;
  const orgName = (org: string) => plan.team.find((m) => m.organization === org)?.organizationName ?? options.data?.find((o) => o.organization === org)?.organizationName ?? org;
  const owners = [{ ref: plan.patient, name: t('carePlan.theClient') }, ...input.team.map((m) => ({ ref: m.member, name: memberName(m.member) }))];
  const change = (next: Partial<SharedPlanInput>) => setInput((i) => ({ ...i, ...next }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await savePlan(plan.id, plan.versionId, input));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="plan-editor" onSubmit={(e) => void submit(e)} data-testid="plan-form">
      {error !== undefined && <ErrorMessage error={error} />}
      <label htmlFor="plan-title">{t('carePlan.title')}</label>
      <input id="plan-title" value={input.title} onChange={(e) => change({ title: e.target.value })} />
      <fieldset>
        <legend>{t('carePlan.goals')}</legend>
        {input.goals.map((g, i) => (
          <div key={g.goal ?? `new-${i}`}>
            <label htmlFor={`goal-${i}`}>{t('carePlan.goalN', { n: i + 1 })}</label>
            <textarea id={`goal-${i}`} rows={2} value={g.text} onChange={(e) => change({ goals: input.goals.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })} data-testid={`plan-goal-${i}`} />
          </div>
        ))}
        <button type="button" className="button button-secondary" onClick={() => change({ goals: [...input.goals, { text: '' }] })}>{t('carePlan.addGoal')}</button>
      </fieldset>
      {input.activities.map((a, i) => (
        <fieldset key={i} data-testid={`plan-action-form-${i}`}>
          <legend>{t('carePlan.actionN', { n: i + 1 })}</legend>
          <label htmlFor={`action-${i}`}>{t('carePlan.what')}</label>
          <input id={`action-${i}`} value={a.description} onChange={(e) => change({ activities: input.activities.map((x, j) => (j === i ? { ...x, description: e.target.value } : x)) })} />
          <label htmlFor={`owner-${i}`}>{t('carePlan.who')}</label>
          <select id={`owner-${i}`} value={a.owner} onChange={(e) => change({ activities: input.activities.map((x, j) => (j === i ? { ...x, owner: e.target.value } : x)) })}>
            {owners.map((o) => <option key={o.ref} value={o.ref}>{o.name}</option>)}
          </select>
          <label htmlFor={`due-${i}`}>{t('carePlan.dueLabel')}</label>
          <input id={`due-${i}`} type="date" value={a.due ?? ''} onChange={(e) => change({ activities: input.activities.map((x, j) => (j === i ? { ...x, ...(e.target.value ? { due: e.target.value } : { due: undefined }) } : x)) })} data-testid={`plan-due-${i}`} />
          <label htmlFor={`status-${i}`}>{t('carePlan.statusLabel')}</label>
          <select id={`status-${i}`} value={a.status} onChange={(e) => change({ activities: input.activities.map((x, j) => (j === i ? { ...x, status: e.target.value as ActivityStatus } : x)) })}>
            {ACTIVITY_STATUSES.map((s) => <option key={s} value={s}>{t(`carePlan.status.${s}`)}</option>)}
          </select>
        </fieldset>
      ))}
      <button type="button" className="button button-secondary" onClick={() => change({ activities: [...input.activities, { description: '', owner: plan.patient, status: 'not-started' }] })} data-testid="plan-add-action">{t('carePlan.addAction')}</button>
      <fieldset data-testid="plan-team-form">
        <legend>{t('carePlan.new.team')}</legend>
        <ul className="plain-list">
          {input.team.map((m) => (
            <li key={memberKey(m)}>
              {memberName(m.member)}, {orgName(m.organization)}
              {m.member === input.responsibleWorker ? (
                <span className="muted"> {t('carePlan.new.responsible')}</span>
              ) : (
                // Someone who still owns an action stays until the action is given to another.
                !input.activities.some((a) => a.owner === m.member) && (
                  <button type="button" className="button button-quiet" onClick={() => change({ team: input.team.filter((x) => memberKey(x) !== memberKey(m)) })}>
                    {t('carePlan.new.remove', { name: memberName(m.member) })}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
        {options.data && <TeamMemberPicker id="plan-member" options={options.data} team={input.team} onAdd={(o) => change({ team: [...input.team, { member: o.member, organization: o.organization }] })} />}
      </fieldset>
      <fieldset>
        <legend>{t('carePlan.reviewDates')}</legend>
        {input.reviewDates.map((d, i) => (
          <div key={i}>
            <label htmlFor={`review-${i}`}>{t('carePlan.reviewN', { n: i + 1 })}</label>
            <input id={`review-${i}`} type="date" value={d} onChange={(e) => change({ reviewDates: input.reviewDates.map((x, j) => (j === i ? e.target.value : x)) })} />
          </div>
        ))}
        <button type="button" className="button button-secondary" onClick={() => change({ reviewDates: [...input.reviewDates, input.start] })}>{t('carePlan.addReview')}</button>
      </fieldset>
      <button type="submit" className="button" disabled={busy} data-testid="plan-save">{t('carePlan.save')}</button>{' '}
      <button type="button" className="button button-secondary" onClick={onCancel}>{t('carePlan.cancel')}</button>
    </form>
  );
}
