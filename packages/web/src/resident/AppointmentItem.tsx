/** One appointment of the resident: when (as the heading), status, who, where, how; move or cancel if upcoming. */
import type { AppointmentView } from '../api/appointment.resource';
import type { VisitTypeView } from '../api/schedule.resource';
import { AppointmentFacts, AppointmentWhen } from '../components/appointment/AppointmentFacts';
import { AppointmentStatus } from '../components/appointment/AppointmentStatus';
import { CancelAppointment } from './CancelAppointment';
import { MoveAppointment, type MoveResult } from './MoveAppointment';

interface Props {
  appointment: AppointmentView;
  canCancel: boolean;
  onCancelled: () => void;
  /** Set when the resident may move this appointment: its visit type is self-bookable. */
  moveType?: VisitTypeView;
  onMoved?: (result: MoveResult) => void;
}

export function AppointmentItem({ appointment: a, canCancel, onCancelled, moveType, onMoved }: Props) {
  const headingId = `appointment-${a.id}-title`;
  return (
    <li className={`card appointment-card appointment-${a.status}`} data-testid="appointment" data-appointment-id={a.id} aria-labelledby={headingId}>
      <div className="card-head">
        <h3 id={headingId} className="card-title">
          <AppointmentWhen appointment={a} />
        </h3>
        <AppointmentStatus status={a.status} />
      </div>
      <AppointmentFacts appointment={a} showWhen={false} />
      {moveType && onMoved && <MoveAppointment appointment={a} visitType={moveType} onDone={onMoved} />}
      {canCancel && <CancelAppointment appointment={a} onCancelled={onCancelled} />}
    </li>
  );
}
