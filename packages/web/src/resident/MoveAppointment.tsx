/**
 * Moving one's own appointment: choose a new time of the same visit type, book it, then cancel
 * the old one. If the old one cannot be cancelled, the resident is told plainly that both
 * times are now booked and chooses which one to cancel.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelAppointment, type AppointmentView } from '../api/appointment.resource';
import { ApiError } from '../api/client';
import { pickText } from '../api/fhir';
import type { VisitTypeView } from '../api/schedule.resource';
import { useUser } from '../auth/SessionContext';
import { appointmentWhen } from '../components/appointment/AppointmentFacts';
import { ErrorMessage } from '../components/ErrorMessage';
import { useLanguage } from '../i18n/useLanguage';
import { TimePicker } from './booking/TimePicker';

export type MoveResult = { kind: 'moved'; appointment: AppointmentView } | { kind: 'kept-old'; appointment: AppointmentView };

interface Props {
  appointment: AppointmentView;
  visitType: VisitTypeView;
  onDone: (result: MoveResult) => void;
}

type Stage = { step: 'closed' } | { step: 'choosing' } | { step: 'cancelling'; booked: AppointmentView } | { step: 'both'; booked: AppointmentView; failure: unknown };

export function MoveAppointment({ appointment: old, visitType, onDone }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const user = useUser();
  const [stage, setStage] = useState<Stage>({ step: 'closed' });
  const [busy, setBusy] = useState(false);
  const [actionFailure, setActionFailure] = useState<{ which: 'old' | 'new'; error: unknown }>();
  const panelRef = useRef<HTMLDivElement>(null);
  const bothRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);

  useEffect(() => {
    if (stage.step === 'choosing') panelRef.current?.focus();
    if (stage.step === 'both') bothRef.current?.focus();
    if (stage.step === 'closed' && returnFocus) buttonRef.current?.focus();
  }, [stage.step, returnFocus]);

  const cancelOld = async (booked: AppointmentView) => {
    try {
      await cancelAppointment(old.id, t('move.cancelReason'));
      onDone({ kind: 'moved', appointment: booked });
    } catch (failure) {
      setStage({ step: 'both', booked, failure });
    }
  };

  const onBooked = (booked: AppointmentView) => {
    setStage({ step: 'cancelling', booked });
    void cancelOld(booked);
  };

  const resolve = async (which: 'old' | 'new', booked: AppointmentView) => {
    setBusy(true);
    setActionFailure(undefined);
    try {
      if (which === 'old') await cancelAppointment(old.id, t('move.cancelReason'));
      else await cancelAppointment(booked.id);
      // Settled: this card goes back to its plain state (the old one may stay in the list).
      setBusy(false);
      setStage({ step: 'closed' });
      onDone(which === 'old' ? { kind: 'moved', appointment: booked } : { kind: 'kept-old', appointment: old });
    } catch (error) {
      setActionFailure({ which, error });
      setBusy(false);
    }
  };

  /** When and with whom: two times can be at the same hour with different people. */
  const whenWho = (a: AppointmentView) => [appointmentWhen(a, lang, t), a.practitionerName].filter(Boolean).join(', ');
  const oldWhen = whenWho(old);

  if (stage.step === 'closed') {
    return (
      <button ref={buttonRef} type="button" className="button button-secondary" data-testid="appointment-move" onClick={() => setStage({ step: 'choosing' })}>
        {t('move.button')}
      </button>
    );
  }

  if (stage.step === 'cancelling') {
    return (
      <p className="loading" role="status">
        {t('move.finishing')}
      </p>
    );
  }

  if (stage.step === 'both') {
    const newWhen = whenWho(stage.booked);
    const tooLate = (e: unknown) => e instanceof ApiError && e.status === 409;
    // A time too close to cancel here stays: only the other one is offered.
    const oldStays = tooLate(stage.failure) || (actionFailure?.which === 'old' && tooLate(actionFailure.error));
    const newStays = actionFailure?.which === 'new' && tooLate(actionFailure.error);
    return (
      <div ref={bothRef} tabIndex={-1} role="alert" className="notice notice-error move-both" data-testid="appointment-move-both">
        <p>
          <strong>{t('move.bothBooked')}</strong>
        </p>
        <p>{t('move.bothExplained', { newWhen, oldWhen })}</p>
        {oldStays && !newStays && <p>{t('move.oldTooLate')}</p>}
        {newStays && <p>{t('move.neitherCanBeCancelled')}</p>}
        {actionFailure !== undefined && !tooLate(actionFailure.error) && <ErrorMessage error={actionFailure.error} />}
        {!newStays && (
          <>
            <p>{oldStays ? t('move.cancelNewQuestion') : t('move.whichOne')}</p>
            <div className="button-row">
              {!oldStays && (
                <button type="button" className="button button-primary" disabled={busy} onClick={() => void resolve('old', stage.booked)}>
                  {t('move.cancelOld', { when: oldWhen })}
                </button>
              )}
              <button type="button" className="button button-secondary" disabled={busy} onClick={() => void resolve('new', stage.booked)}>
                {t('move.cancelNew', { when: newWhen })}
              </button>
            </div>
          </>
        )}
      </div>
    );
  }

  const titleId = `move-${old.id}-title`;
  return (
    <div ref={panelRef} tabIndex={-1} className="move-panel" aria-labelledby={titleId}>
      <h4 id={titleId}>{t('move.title', { name: pickText(visitType.label, lang) || visitType.code })}</h4>
      <p className="hint">{t('move.intro', { when: appointmentWhen(old, lang, t) })}</p>
      <TimePicker visitType={visitType} patientRef={user.fhirUser} idPrefix={`move-${old.id}`} bookLabel={t('move.book')} onBooked={onBooked} />
      <div className="button-row">
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setStage({ step: 'closed' });
            setReturnFocus(true);
          }}
        >
          {t('move.keep')}
        </button>
      </div>
    </div>
  );
}
