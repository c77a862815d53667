/**
 * Starting a client's shared plan with them: a name, the start, the first goal in the client's
 * own words, the team (the worker starting it is the responsible worker; others are added from
 * every professional's role in the region's units and outside organisations) and a first review
 * date. Actions with owners and due dates are added in the editor once the team is there.
 */
import { useState, type FormEvent } from 'react';
import { addCalendarMonths } from '@ovi/domain/src/calendarDate';
import { toHelsinkiDate } from '@ovi/domain/src/helsinkiTime';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { FieldError } from '../components/questionnaire/FieldError';
import { Loading } from '../components/Loading';
import { useAsync } from '../components/useAsync';
import { useSession } from '../auth/SessionContext';
import { createPlan, type SharedPlanView } from './carePlan.resource';
import { fetchPlanMemberOptions, type PlanMemberOption } from './planMembers.resource';
import { memberKey, TeamMemberPicker } from './TeamMemberPicker';

/** Today in Finland (not in UTC: just after midnight the two are different days). */
const today = () => toHelsinkiDate(new Date());

export function NewPlanForm({ patient, onCreated }: { patient: string; onCreated: (plan: SharedPlanView) => void }) {
  const { t } = useTranslation();
  const me = useSession().user?.fhirUser ?? '';
  const options = useAsync(fetchPlanMemberOptions, []);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [start, setStart] = useState(today());
  const [goal, setGoal] = useState('');
  const [review, setReview] = useState(addCalendarMonths(today(), 3));
  const [team, setTeam] = useState<PlanMemberOption[]>([]);
  const [errors, setErrors] = useState<{ title?: string; goal?: string }>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const mine = options.data?.filter((o) => o.member === me) ?? [];
  const myRole = mine[0];
  const members = myRole && !team.some((m) => memberKey(m) === memberKey(myRole)) ? [myRole, ...team] : team;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = { ...(title.trim() ? {} : { title: t('carePlan.new.titleMissing') }), ...(goal.trim() ? {} : { goal: t('carePlan.new.goalMissing') }) };
    setErrors(found);
    if (found.title) return document.getElementById('new-plan-title')?.focus();
    if (found.goal) return document.getElementById('new-plan-goal')?.focus();
    setBusy(true);
    setFailure(undefined);
    try {
      const created = await createPlan({
        patient,
        title: title.trim(),
        start,
        goals: [{ text: goal.trim() }],
        activities: [],
        responsibleWorker: me,
        team: members.map((m) => ({ member: m.member, organization: m.organization })),
        reviewDates: review ? [review] : [],
      });
      setOpen(false);
      onCreated(created);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)} data-testid="plan-new">
        {t('carePlan.new.open')}
      </button>
    );
  }
  return (
    <form className="panel plan-editor" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="new-plan-heading" data-testid="plan-new-form">
      <h2 id="new-plan-heading">{t('carePlan.new.heading')}</h2>
      {failure !== undefined && <ErrorMessage error={failure} />}
      <div className="field">
        <label htmlFor="new-plan-title">{t('carePlan.title')}</label>
        <FieldError id="new-plan-title-error" message={errors.title} />
        <input id="new-plan-title" className="input" value={title} maxLength={200} aria-invalid={errors.title ? true : undefined} aria-describedby={errors.title ? 'new-plan-title-error' : undefined} onChange={(e) => setTitle(e.target.value)} data-testid="plan-new-title" />
      </div>
      <div className="field">
        <label htmlFor="new-plan-start">{t('carePlan.new.start')}</label>
        <input id="new-plan-start" className="input" type="date" value={start} onChange={(e) => setStart(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="new-plan-goal">{t('carePlan.new.goal')}</label>
        <p className="hint" id="new-plan-goal-hint">{t('carePlan.new.goalHint')}</p>
        <FieldError id="new-plan-goal-error" message={errors.goal} />
        <textarea id="new-plan-goal" className="input" rows={3} value={goal} maxLength={2000} aria-invalid={errors.goal ? true : undefined} aria-describedby={`new-plan-goal-hint${errors.goal ? ' new-plan-goal-error' : ''}`} onChange={(e) => setGoal(e.target.value)} data-testid="plan-new-goal" />
      </div>
      <fieldset className="field">
        <legend>{t('carePlan.new.team')}</legend>
        {options.loading && !options.data && <Loading />}
        {options.error !== undefined && <ErrorMessage error={options.error} onRetry={options.reload} />}
        <ul className="plain-list" data-testid="plan-new-team">
          {members.map((m) => (
            <li key={memberKey(m)}>
              {m.name}, {m.organizationName}
              {m.member === me ? (
                <span className="muted"> {t('carePlan.new.responsible')}</span>
              ) : (
                <button type="button" className="button button-quiet" onClick={() => setTeam((list) => list.filter((x) => memberKey(x) !== memberKey(m)))}>
                  {t('carePlan.new.remove', { name: m.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
        {options.data && <TeamMemberPicker id="plan-new-member" options={options.data} team={members} onAdd={(o) => setTeam((list) => [...list, o])} />}
      </fieldset>
      <div className="field">
        <label htmlFor="new-plan-review">{t('carePlan.new.review')}</label>
        <input id="new-plan-review" className="input" type="date" value={review} onChange={(e) => setReview(e.target.value)} />
      </div>
      <button type="submit" className="button" disabled={busy || !myRole} data-testid="plan-new-save">{t('carePlan.new.save')}</button>{' '}
      <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>{t('carePlan.cancel')}</button>
    </form>
  );
}
