/**
 * One appointment of the resident: when (as the heading), status, who, where, how; for an
 * upcoming one "add to calendar", and move or cancel while the notice rule allows it (after
 * that: whom to call).
 */
import type { ReactNode } from 'react';
import type { AppointmentView } from '../api/appointment.resource';
import type { VisitTypeView } from '../api/schedule.resource';
import { AppointmentFacts, AppointmentWhen } from '../components/appointment/AppointmentFacts';
import { AppointmentStatus } from '../components/appointment/AppointmentStatus';
import { AddToCalendar } from './booking/AddToCalendar';
import { CancelAppointment } from './CancelAppointment';
import { ChangeByPhone } from './booking/ChangeByPhone';
import { MoveAppointment, type MoveResult } from './MoveAppointment';

interface Props {
  appointment: AppointmentView;
  canCancel: boolean;
  onCancelled: () => void;
  /** Set when the resident may move this appointment: its visit type is self-bookable. */
  moveType?: VisitTypeView;
  onMoved?: (result: MoveResult) => void;
  /** An upcoming booked time: offer it as a calendar file. */
  upcoming?: boolean;
  /** The last moment the resident may move or cancel it here; past it, whom to call. */
  changeableUntil?: Date;
  /** The time the page was drawn, so every card judges the notice alike. */
  now?: number;
  /** More for this card (the wait list for an earlier time). */
  children?: ReactNode;
}

export function AppointmentItem({ appointment: a, canCancel, onCancelled, moveType, onMoved, upcoming = false, changeableUntil, now = Date.now(), children }: Props) {
  const headingId = `appointment-${a.id}-title`;
  const tooLate = upcoming && changeableUntil !== undefined && now > changeableUntil.getTime();
  return (
    <li className={`card appointment-card appointment-${a.status}`} data-testid="appointment" data-appointment-id={a.id} aria-labelledby={headingId}>
      <div className="card-head">
        <h3 id={headingId} className="card-title">
          <AppointmentWhen appointment={a} />
        </h3>
        <AppointmentStatus status={a.status} />
      </div>
      <AppointmentFacts appointment={a} showWhen={false} showWaitList={false} />
      {upcoming && a.status === 'booked' && (
        <div className="button-row">
          <AddToCalendar appointmentId={a.id} />
        </div>
      )}
      {tooLate && (canCancel || moveType) ? (
        <ChangeByPhone appointment={a} until={changeableUntil} />
      ) : (
        <>
          {moveType && onMoved && <MoveAppointment appointment={a} visitType={moveType} onDone={onMoved} />}
          {canCancel && <CancelAppointment appointment={a} onCancelled={onCancelled} />}
        </>
      )}
      {children}
    </li>
  );
}
