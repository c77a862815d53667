/**
 * Cancelling one's own appointment: a button, then a plain question to confirm. Too late to
 * cancel (409) is said plainly, with the server's own words as the detail.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelAppointment, parseLocalizedJson, type AppointmentView } from '../api/appointment.resource';
import { ApiError } from '../api/client';
import { pickText } from '../api/fhir';
import { appointmentWhen } from '../components/appointment/AppointmentFacts';
import { ErrorMessage } from '../components/ErrorMessage';
import { useLanguage } from '../i18n/useLanguage';

interface Props {
  appointment: AppointmentView;
  onCancelled: () => void;
}

export function CancelAppointment({ appointment, onCancelled }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const questionRef = useRef<HTMLParagraphElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);

  useEffect(() => {
    if (confirming) questionRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (returnFocus && !confirming) buttonRef.current?.focus();
  }, [returnFocus, confirming]);

  const cancel = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await cancelAppointment(appointment.id);
      onCancelled();
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  };

  const tooLate = failure instanceof ApiError && failure.status === 409;
  // The server's own words: in the reader's language when it gives them as {fi, sv, en}; plain
  // server messages are English.
  const serverMessage = tooLate ? failure.issues[0]?.message : undefined;
  const localized = parseLocalizedJson(serverMessage);
  const serverText = localized ? pickText(localized, lang) : serverMessage;

  return (
    <div className="cancel-appointment">
      {tooLate ? (
        <div role="alert" className="notice notice-error">
          <p>{t('myAppointments.tooLate')}</p>
          {serverText && (
            <p className="small">
              {t('myAppointments.serverSaid')} <span lang={localized ? undefined : 'en'}>{serverText}</span>
            </p>
          )}
        </div>
      ) : (
        failure !== undefined && <ErrorMessage error={failure} />
      )}
      {!confirming ? (
        !tooLate && (
          <button ref={buttonRef} type="button" className="button button-secondary" data-testid="appointment-cancel" onClick={() => setConfirming(true)}>
            {t('myAppointments.cancel')}
          </button>
        )
      ) : (
        !tooLate && (
          <div className="confirm-box">
            <p ref={questionRef} tabIndex={-1} className="confirm-question">
              {t('myAppointments.confirmQuestion', { when: appointmentWhen(appointment, lang, t) })}
            </p>
            <div className="button-row">
              <button type="button" className="button button-danger" disabled={busy} data-testid="appointment-cancel-confirm" onClick={() => void cancel()}>
                {busy ? t('myAppointments.cancelling') : t('myAppointments.confirm')}
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={busy}
                onClick={() => {
                  setConfirming(false);
                  setReturnFocus(true);
                }}
              >
                {t('myAppointments.keep')}
              </button>
            </div>
          </div>
        )
      )}
    </div>
  );
}
