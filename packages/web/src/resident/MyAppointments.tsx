/** "My appointments": upcoming first (earliest on top), then past and cancelled ones (latest on top). */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changeableUntil } from '@ovi/domain/src/bookingSafety';
import { fetchBookingRules, fetchMyAppointments, type AppointmentView } from '../api/appointment.resource';
import { fetchVisitTypes } from '../api/schedule.resource';
import { Link } from '../app/router';
import { PATHS } from '../app/routes';
import { appointmentWhen } from '../components/appointment/AppointmentFacts';
import { useLanguage } from '../i18n/useLanguage';
import { useUser } from '../auth/SessionContext';
import { ErrorMessage } from '../components/ErrorMessage';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { StatusMessage } from '../components/StatusMessage';
import { useAsync } from '../components/useAsync';
import { AppointmentItem } from './AppointmentItem';
import type { MoveResult } from './MoveAppointment';
import { fetchWaitList } from '../api/waitList.resource';
import { WaitListControl } from './waitList/WaitListControl';
import { WaitListOffers } from './waitList/WaitListOffers';

const ACTIVE = new Set(['booked', 'pending', 'arrived', 'checked-in']);

function split(list: AppointmentView[], now: number): { upcoming: AppointmentView[]; past: AppointmentView[] } {
  const isUpcoming = (a: AppointmentView) => ACTIVE.has(a.status) && Date.parse(a.end ?? a.start ?? '') >= now;
  return {
    upcoming: list.filter(isUpcoming),
    past: list.filter((a) => !isUpcoming(a)).reverse(),
  };
}

export function MyAppointments() {
  const { t } = useTranslation();
  const user = useUser();
  const [tick, setTick] = useState(0);
  const lang = useLanguage();
  const [flash, setFlash] = useState<{ testId: string; text: string }>();
  const appointments = useAsync(() => fetchMyAppointments(user.fhirUser), [user.fhirUser, tick]);
  // Only self-bookable visits can be moved here; without the list, nothing offers to move.
  const visitTypes = useAsync(() => fetchVisitTypes().catch(() => []), []);
  const movable = new Map((visitTypes.data ?? []).filter((v) => v.selfBookable).map((v) => [v.code, v]));
  // The notice rule: past it, a time is not moved or cancelled here (the server refuses it too).
  const rules = useAsync(() => fetchBookingRules().catch(() => undefined), []);
  const until = (a: AppointmentView) => (rules.data && a.start ? changeableUntil(new Date(a.start), rules.data.cancelNoticeHours) : undefined);
  // The wait list for an earlier time: what this resident waits for, and the times offered.
  const waitList = useAsync(() => fetchWaitList().catch(() => undefined), [tick]);
  const entryOf = (a: AppointmentView) => waitList.data?.entries.find((e) => e.appointment === `Appointment/${a.id}`);
  const now = Date.now();
  const mayWait = (a: AppointmentView) => a.status === 'booked' && waitList.data !== undefined && (until(a)?.getTime() ?? Infinity) > now;
  const groups = appointments.data ? split(appointments.data, now) : undefined;

  // The cancelled or moved card moves away from under the focus: continue from the list's heading.
  useEffect(() => {
    if (flash && appointments.data) document.getElementById('upcoming-title')?.focus();
  }, [flash, appointments.data]);

  const onCancelled = () => {
    setFlash({ testId: 'appointment-cancelled', text: t('myAppointments.cancelled') });
    setTick((n) => n + 1);
  };

  const onMoved = (result: MoveResult) => {
    const when = [appointmentWhen(result.appointment, lang, t), result.appointment.practitionerName].filter(Boolean).join(', ');
    setFlash({ testId: 'appointment-moved', text: t('move.moved', { when }) });
    setTick((n) => n + 1);
  };

  const onWaitListChanged = (change: 'joined' | 'left') => {
    setFlash({ testId: `wait-list-${change}`, text: t(change === 'joined' ? 'waitList.joined' : 'waitList.left') });
    setTick((n) => n + 1);
  };

  const onOfferTaken = (appointment: AppointmentView) => {
    const when = [appointmentWhen(appointment, lang, t), appointment.practitionerName].filter(Boolean).join(', ');
    setFlash({ testId: 'wait-list-accepted', text: t('waitList.accepted', { when }) });
    setTick((n) => n + 1);
  };

  return (
    <>
      <PageHeading title={t('myAppointments.title')}>{t('myAppointments.title')}</PageHeading>
      <p className="lead">{t('myAppointments.intro')}</p>
      <p>
        <Link to={PATHS.book}>{t('myAppointments.bookNew')}</Link>
      </p>
      <StatusMessage tone="success" testId={flash?.testId}>
        {flash?.text}
      </StatusMessage>
      {appointments.loading && !appointments.data && <Loading />}
      {appointments.error !== undefined && <ErrorMessage error={appointments.error} onRetry={appointments.reload} />}
      {appointments.data && appointments.data.length === 0 && <p className="empty">{t('myAppointments.empty')}</p>}
      {rules.data && <p className="hint">{t('bookingGuard.noticeRule', { count: rules.data.cancelNoticeHours })}</p>}
      {waitList.data && appointments.data && (
        <WaitListOffers offers={waitList.data.offers} appointments={appointments.data} onAccepted={onOfferTaken} onRefused={() => setTick((n) => n + 1)} />
      )}
      {/* The actions follow the notice rule, so the list waits for it (a failed read leaves the server to decide). */}
      {groups && !rules.loading && appointments.data && appointments.data.length > 0 && (
        <>
          <section aria-labelledby="upcoming-title" className="section">
            <h2 id="upcoming-title" tabIndex={-1}>{t('myAppointments.upcoming')}</h2>
            {groups.upcoming.length === 0 ? (
              <p className="empty">{t('myAppointments.noUpcoming')}</p>
            ) : (
              <ul className="card-list">
                {groups.upcoming.map((a) => (
                  <AppointmentItem
                    key={a.id}
                    appointment={a}
                    canCancel={a.status === 'booked'}
                    onCancelled={onCancelled}
                    moveType={a.status === 'booked' && a.visitType ? movable.get(a.visitType) : undefined}
                    onMoved={onMoved}
                    upcoming
                    changeableUntil={until(a)}
                    now={now}
                  >
                    {mayWait(a) && <WaitListControl appointmentId={a.id} entry={entryOf(a)} onChanged={onWaitListChanged} />}
                  </AppointmentItem>
                ))}
              </ul>
            )}
          </section>
          {groups.past.length > 0 && (
            <section aria-labelledby="past-title" className="section">
              <h2 id="past-title">{t('myAppointments.past')}</h2>
              <ul className="card-list">
                {groups.past.map((a) => (
                  <AppointmentItem key={a.id} appointment={a} canCancel={false} onCancelled={onCancelled} />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </>
  );
}
