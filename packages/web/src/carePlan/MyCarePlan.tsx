/** The client's shared plan on the phone: goals, who does what and by when, marking their own actions done, comments, print. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { StatusMessage } from '../components/StatusMessage';
import { useAsync } from '../components/useAsync';
import { addComment, fetchOutcome, fetchPlans, markAction, type SharedPlanView } from './carePlan.resource';
import { PlanSummary } from './PlanSummary';
import { OutcomeCharts } from './OutcomeCharts';
import './carePlan.css';

export function MyCarePlan() {
  const { t } = useTranslation();
  const plans = useAsync(() => fetchPlans(), []);
  return (
    <>
      <PageHeading title={t('carePlan.myTitle')}>{t('carePlan.myTitle')}</PageHeading>
      <p className="lead no-print">{t('carePlan.myIntro')}</p>
      {plans.loading && !plans.data && <Loading />}
      {plans.error !== undefined && <ErrorMessage error={plans.error} onRetry={plans.reload} />}
      {plans.data?.length === 0 && <p data-testid="plan-none">{t('carePlan.none')}</p>}
      {plans.data?.map((plan) => <OwnPlan key={plan.id} initial={plan} />)}
    </>
  );
}

function OwnPlan({ initial }: { initial: SharedPlanView }) {
  const { t } = useTranslation();
  const [plan, setPlan] = useState(initial);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState<string>();
  const outcome = useAsync(() => fetchOutcome(plan.id), [plan.id]);
  const act = async (work: () => Promise<SharedPlanView>, message: string) => {
    setBusy(true);
    setError(undefined);
    try {
      setPlan(await work());
      setSaved(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    void act(() => addComment(plan.id, text), t('carePlan.commentSaved')).then(() => setText(''));
  };
  return (
    <section aria-labelledby={`plan-${plan.id}`}>
      <h2 id={`plan-${plan.id}`}>{plan.title}</h2>
      {saved && <StatusMessage tone="success" testId="plan-saved">{saved}</StatusMessage>}
      {error !== undefined && <ErrorMessage error={error} />}
      <PlanSummary plan={plan} busy={busy} onMark={(index) => void act(() => markAction(plan.id, index, 'completed'), t('carePlan.marked'))} />
      <form className="no-print plan-comment" onSubmit={submit}>
        <label htmlFor={`comment-${plan.id}`}>{t('carePlan.comment')}</label>
        <textarea id={`comment-${plan.id}`} value={text} maxLength={2000} rows={3} onChange={(e) => setText(e.target.value)} data-testid="plan-comment-text" />
        <button type="submit" className="button" disabled={busy || !text.trim()} data-testid="plan-comment-send">{t('carePlan.send')}</button>
      </form>
      {outcome.data && (
        <>
          <h2>{t('carePlan.outcome.title')}</h2>
          <OutcomeCharts outcome={outcome.data} goalText={(g) => plan.goals.find((x) => x.goal === g)?.text ?? g} />
        </>
      )}
      <button type="button" className="button button-secondary no-print" onClick={() => window.print()} data-testid="plan-print">{t('carePlan.print')}</button>
    </section>
  );
}
