/**
 * Moving one's own appointment: choose a new time of the same visit type; the new time is
 * booked and the old one cancelled in one step ($move), or nothing changes. Too late to move
 * here (the notice has started) is said in the server's words, with whom to call.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moveAppointment, type AppointmentView } from '../api/appointment.resource';
import { pickText } from '../api/fhir';
import type { VisitTypeView } from '../api/schedule.resource';
import { useUser } from '../auth/SessionContext';
import { appointmentWhen } from '../components/appointment/AppointmentFacts';
import { useLanguage } from '../i18n/useLanguage';
import { TimePicker } from './booking/TimePicker';

export type MoveResult = { kind: 'moved'; appointment: AppointmentView };

interface Props {
  appointment: AppointmentView;
  visitType: VisitTypeView;
  onDone: (result: MoveResult) => void;
}

export function MoveAppointment({ appointment: old, visitType, onDone }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const user = useUser();
  const [open, setOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);

  useEffect(() => {
    if (open) panelRef.current?.focus();
    else if (returnFocus) buttonRef.current?.focus();
  }, [open, returnFocus]);

  if (!open) {
    return (
      <button ref={buttonRef} type="button" className="button button-secondary" data-testid="appointment-move" onClick={() => setOpen(true)}>
        {t('move.button')}
      </button>
    );
  }

  const titleId = `move-${old.id}-title`;
  return (
    <div ref={panelRef} tabIndex={-1} className="move-panel" aria-labelledby={titleId} data-testid="appointment-move-panel">
      <h4 id={titleId}>{t('move.title', { name: pickText(visitType.label, lang) || visitType.code })}</h4>
      <p className="hint">{t('move.intro', { when: appointmentWhen(old, lang, t) })}</p>
      <TimePicker
        visitType={visitType}
        patientRef={user.fhirUser}
        idPrefix={`move-${old.id}`}
        bookLabel={t('move.book')}
        book={(proposal, allowOverlap) => moveAppointment(old.id, proposal.token, { allowOverlap })}
        onBooked={(appointment) => onDone({ kind: 'moved', appointment })}
      />
      <div className="button-row">
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setOpen(false);
            setReturnFocus(true);
          }}
        >
          {t('move.keep')}
        </button>
      </div>
    </div>
  );
}
