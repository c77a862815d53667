/**
 * Team and unit schedules for staff and managers: free and taken times per professional, a day
 * at a time (columns on wide screens, one after another on phones) or as a week summary.
 * Times only: the server sends no client data, so a taken time says only that it is taken.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addCalendarDays } from '@ovi/domain/src/calendarDate';
import { fetchScheduleScopes, fetchTeamSchedule, type ScheduleScope, type ScheduleScopes } from '../../api/teamSchedule.resource';
import { useUser } from '../../auth/SessionContext';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { mondayOf, todayInHelsinki } from '../schedule/scheduleDays';
import { TeamDay } from './TeamDay';
import { TeamWeek } from './TeamWeek';

type View = 'day' | 'week';
const SCOPE_KEY = 'ovi.teamScheduleScope';

function remembered(): string | undefined {
  try {
    return sessionStorage.getItem(SCOPE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The remembered choice, else the user's own team, else the first team or unit. */
function initialScope(scopes: ScheduleScopes, fhirUser: string): string {
  const all = [...scopes.teams, ...scopes.units];
  const kept = remembered();
  if (kept && all.some((s) => s.reference === kept)) return kept;
  return (scopes.teams.find((team) => team.members.includes(fhirUser)) ?? all[0])?.reference ?? '';
}

export function TeamSchedule() {
  const { t } = useTranslation();
  const user = useUser();
  const scopes = useAsync(fetchScheduleScopes, []);
  const [scopeRef, setScopeRef] = useState('');
  const [day, setDay] = useState(todayInHelsinki);
  const [view, setView] = useState<View>('day');

  useEffect(() => {
    if (scopes.data && !scopeRef) setScopeRef(initialScope(scopes.data, user.fhirUser));
  }, [scopes.data, scopeRef, user.fhirUser]);

  const scope: ScheduleScope | undefined = useMemo(
    () => (scopes.data ? [...scopes.data.teams, ...scopes.data.units].find((s) => s.reference === scopeRef) : undefined),
    [scopes.data, scopeRef],
  );
  const placeNames = useMemo(() => new Map((scopes.data?.units ?? []).map((u) => [u.reference, u.name])), [scopes.data]);
  const monday = mondayOf(day);
  const from = view === 'day' ? day : monday;
  const to = view === 'day' ? day : addCalendarDays(monday, 6);
  const schedule = useAsync(
    () => (scope ? fetchTeamSchedule(scope, from, to, placeNames) : Promise.resolve(undefined)),
    [scope?.reference, from, to, placeNames],
  );
  const step = view === 'day' ? 1 : 7;

  const choose = (reference: string) => {
    setScopeRef(reference);
    try {
      sessionStorage.setItem(SCOPE_KEY, reference);
    } catch {
      /* private mode: remembered for this page only */
    }
  };

  return (
    <>
      <PageHeading title={t('teamSchedule.title')}>{t('teamSchedule.title')}</PageHeading>
      <p className="lead">{t('teamSchedule.intro')}</p>
      {scopes.loading && !scopes.data && <Loading />}
      {scopes.error !== undefined && <ErrorMessage error={scopes.error} onRetry={scopes.reload} />}
      {scopes.data && (
        <>
          <div className="field team-scope">
            <label htmlFor="team-scope">{t('teamSchedule.scope')}</label>
            <select id="team-scope" className="input" value={scopeRef} onChange={(e) => choose(e.target.value)}>
              {scopes.data.teams.length > 0 && (
                <optgroup label={t('teamSchedule.teams')}>
                  {scopes.data.teams.map((s) => (
                    <option key={s.reference} value={s.reference}>
                      {s.name}
                    </option>
                  ))}
                </optgroup>
              )}
              {scopes.data.units.length > 0 && (
                <optgroup label={t('teamSchedule.units')}>
                  {scopes.data.units.map((s) => (
                    <option key={s.reference} value={s.reference}>
                      {s.name}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </div>
          <div className="toolbar schedule-toolbar">
            <div role="group" aria-label={t('schedule.view')} className="segmented">
              {(['day', 'week'] as const).map((v) => (
                <button key={v} type="button" className="segment" aria-pressed={view === v} onClick={() => setView(v)}>
                  {t(`teamSchedule.${v}`)}
                </button>
              ))}
            </div>
            <div className="button-row schedule-steps">
              <button type="button" className="button button-secondary" onClick={() => setDay((d) => addCalendarDays(d, -step))}>
                <span aria-hidden="true">← </span>
                {view === 'day' ? t('schedule.previousDay') : t('schedule.previousWeek')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setDay(todayInHelsinki())}>
                {t('schedule.today')}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setDay((d) => addCalendarDays(d, step))}>
                {view === 'day' ? t('schedule.nextDay') : t('schedule.nextWeek')}
                <span aria-hidden="true"> →</span>
              </button>
            </div>
          </div>
          <p className="hint">{t('teamSchedule.legend')}</p>
          {scopes.data.teams.length + scopes.data.units.length === 0 && <p className="empty">{t('teamSchedule.noScopes')}</p>}
          {schedule.loading && <Loading />}
          {schedule.error !== undefined && <ErrorMessage error={schedule.error} onRetry={schedule.reload} />}
          {schedule.data &&
            !schedule.loading &&
            scope &&
            (view === 'day' ? (
              <TeamDay day={day} scopeName={scope.name} view={schedule.data} />
            ) : (
              <TeamWeek
                day={day}
                scopeName={scope.name}
                view={schedule.data}
                onOpenDay={(d) => {
                  setDay(d);
                  setView('day');
                }}
              />
            ))}
        </>
      )}
    </>
  );
}
