/**
 * The team's view of home measurements: the clients whose values need a look (one work item
 * each), and one client's trends, tables and targets, with a form to set the targets.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
// Deep imports: the domain's index would bring the holiday calendar into the first page's chunk.
import { KINDS, MEASUREMENT_KINDS, QUANTITIES, type MeasurementKind, type Quantity } from '@ovi/domain/src/selfMonitoring/measures';
import type { Target } from '@ovi/domain/src/selfMonitoring/targets';
import { Link } from '../app/router';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { StatusMessage } from '../components/StatusMessage';
import { TableWrap } from '../components/TableWrap';
import { useAsync } from '../components/useAsync';
import { useUser } from '../auth/SessionContext';
import { fetchMyWorkTeams } from '../api/workTeams.resource';
import { formatDeadline } from '../i18n/format';
import { useLanguage } from '../i18n/useLanguage';
import { KindSummaryPanel } from './KindSummaryPanel';
import { fetchMonitoringWork, fetchSummary, setTargets } from './selfMonitoring.resource';
import './selfMonitoring.css';

export const MONITORING_PATH = '/monitoring';

export function ClientMonitoring({ patientId }: { patientId?: string }) {
  return patientId ? <OneClient patient={`Patient/${patientId}`} /> : <WorkList />;
}

function WorkList() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const work = useAsync(() => fetchMonitoringWork(), []);
  return (
    <>
      <PageHeading title={t('selfMonitoring.team.title')}>{t('selfMonitoring.team.title')}</PageHeading>
      <p className="lead">{t('selfMonitoring.team.intro')}</p>
      {work.loading && !work.data && <Loading />}
      {work.error !== undefined && <ErrorMessage error={work.error} onRetry={work.reload} />}
      {work.data && work.data.items.length === 0 && <p>{t('selfMonitoring.team.none')}</p>}
      {work.data && work.data.items.length > 0 && (
        <TableWrap labelledBy="sm-work-caption">
          <table data-testid="sm-work">
            <caption id="sm-work-caption">{t('selfMonitoring.team.caption')}</caption>
            <thead><tr><th scope="col">{t('selfMonitoring.team.client')}</th><th scope="col">{t('selfMonitoring.team.urgency')}</th><th scope="col">{t('selfMonitoring.team.deadline')}</th></tr></thead>
            <tbody>
              {work.data.items.map((i) => (
                <tr key={i.taskId}>
                  <td><Link to={`${MONITORING_PATH}/${encodeURIComponent(i.patient.replace('Patient/', ''))}`}>{i.name ?? i.patient}</Link></td>
                  <td>{t(i.urgencyRank <= 1 ? 'selfMonitoring.team.urgent' : 'selfMonitoring.team.notUrgent')}</td>
                  <td>{formatDeadline(i.deadline, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

function OneClient({ patient }: { patient: string }) {
  const { t } = useTranslation();
  const summary = useAsync(() => fetchSummary(patient), [patient]);
  return (
    <>
      <PageHeading title={t('selfMonitoring.team.clientTitle')}>{t('selfMonitoring.team.clientTitle')}</PageHeading>
      <p className="no-print"><Link to={MONITORING_PATH}>{t('selfMonitoring.team.back')}</Link></p>
      {summary.loading && !summary.data && <Loading />}
      {summary.error !== undefined && <ErrorMessage error={summary.error} onRetry={summary.reload} />}
      {summary.data?.kinds.length === 0 && <p>{t('selfMonitoring.noneYet')}</p>}
      {summary.data?.kinds.map((k) => <KindSummaryPanel key={k.kind} summary={k} />)}
      {summary.data && <button type="button" className="button button-secondary no-print" onClick={() => window.print()}>{t('selfMonitoring.print')}</button>}
      {summary.data && <TargetForm patient={patient} team={summary.data.kinds.find((k) => k.plan)?.plan?.team} onSaved={summary.reload} />}
    </>
  );
}

function TargetForm({ patient, team, onSaved }: { patient: string; team?: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<MeasurementKind>('blood-pressure');
  const [limits, setLimits] = useState<Record<string, string>>({});
  const [everyDays, setEveryDays] = useState('7');
  const me = useUser();
  // The professional's own work teams; the plan's team stays chosen (and listed) when it is another.
  const teams = useAsync(() => fetchMyWorkTeams(me.fhirUser), [me.fhirUser]);
  const [teamRef, setTeamRef] = useState(team ?? '');
  useEffect(() => {
    if (!teamRef && teams.data?.[0]) setTeamRef(teams.data[0].reference);
  }, [teams.data, teamRef]);
  const teamOptions = [...(teams.data ?? []), ...(team && !teams.data?.some((x) => x.reference === team) ? [{ reference: team, name: t('targetTeam.current') }] : [])];
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const quantities = KINDS[kind].quantities;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    setDone(undefined);
    const num = (s: string | undefined) => (s === undefined || s === '' ? undefined : Number(s.replace(',', '.')));
    const targets: Target[] = quantities.flatMap((q: Quantity) => {
      const low = num(limits[`${q}-low`]);
      const high = num(limits[`${q}-high`]);
      return low === undefined && high === undefined ? [] : [{ quantity: q, ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}) }];
    });
    try {
      await setTargets({ patient, kind, targets, ...(everyDays ? { everyDays: Number(everyDays) } : {}), team: teamRef });
      setDone(t('selfMonitoring.team.targetSaved'));
      onSaved();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <form className="panel no-print" onSubmit={(e) => void submit(e)} aria-labelledby="sm-target-title" data-testid="sm-target-form">
      <h2 id="sm-target-title">{t('selfMonitoring.team.setTarget')}</h2>
      <div className="field">
        <label htmlFor="sm-target-kind">{t('selfMonitoring.whatMeasured')}</label>
        <select id="sm-target-kind" value={kind} onChange={(e) => setKind(e.target.value as MeasurementKind)}>
          {MEASUREMENT_KINDS.map((k) => <option key={k} value={k}>{t(`selfMonitoring.kind.${k}`)}</option>)}
        </select>
      </div>
      {quantities.map((q) => (
        <fieldset className="field group" key={q}>
          <legend>{t(`selfMonitoring.quantity.${q}`)} ({QUANTITIES[q].unit.replace('mm[Hg]', 'mmHg')})</legend>
          <label htmlFor={`sm-${q}-low`}>{t('selfMonitoring.team.low')}</label>
          <input id={`sm-${q}-low`} inputMode="decimal" value={limits[`${q}-low`] ?? ''} onChange={(e) => setLimits((l) => ({ ...l, [`${q}-low`]: e.target.value }))} />
          <label htmlFor={`sm-${q}-high`}>{t('selfMonitoring.team.high')}</label>
          <input id={`sm-${q}-high`} inputMode="decimal" value={limits[`${q}-high`] ?? ''} onChange={(e) => setLimits((l) => ({ ...l, [`${q}-high`]: e.target.value }))} />
        </fieldset>
      ))}
      <div className="field">
        <label htmlFor="sm-every">{t('selfMonitoring.team.everyDays')}</label>
        <input id="sm-every" inputMode="numeric" value={everyDays} onChange={(e) => setEveryDays(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="sm-team">{t('selfMonitoring.team.team')}</label>
        {teams.error !== undefined && !teams.data && <ErrorMessage error={teams.error} onRetry={teams.reload} />}
        {teams.data && teamOptions.length === 0 ? (
          <p id="sm-team" className="hint" data-testid="sm-no-team">{t('targetTeam.none')}</p>
        ) : (
          <select id="sm-team" className="input" value={teamRef} required onChange={(e) => setTeamRef(e.target.value)} data-testid="sm-team">
            {teamOptions.map((x) => <option key={x.reference} value={x.reference}>{x.name}</option>)}
          </select>
        )}
      </div>
      {failure !== undefined && <ErrorMessage error={failure} />}
      {done && <StatusMessage tone="success">{done}</StatusMessage>}
      <button type="submit" className="button button-primary" disabled={!teamRef}>{t('selfMonitoring.team.saveTarget')}</button>
    </form>
  );
}
