/**
 * The professional's decision on a contact: outcome, a message to the resident, and where to
 * route it. A visit already booked for the contact (by this professional before leaving the
 * page, or by a colleague) is shown first and offered for the decision "booked a visit"; the
 * server allows one booked visit per contact, so a second is never made.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GUIDANCE_OUTCOMES, type GuidanceOutcome } from '@ovi/domain/src/types';
import { bookingConflictOf, fetchAppointment, fetchContactBooking, type AppointmentView, type BookingConflict } from '../api/appointment.resource';
import { ApiError } from '../api/client';
import { pickText } from '../api/fhir';
import { fetchRouteTargets, resolveContact } from '../api/guidance.resource';
import type { ContactTask } from '../api/task.resource';
import { useRouter } from '../app/router';
import { PATHS } from '../app/routes';
import { ErrorMessage } from '../components/ErrorMessage';
import { ErrorSummary, type SummaryItem } from '../components/ErrorSummary';
import { FieldError } from '../components/questionnaire/FieldError';
import { AppointmentFacts, appointmentWhen } from '../components/appointment/AppointmentFacts';
import { useAsync } from '../components/useAsync';
import { useLanguage } from '../i18n/useLanguage';
import { BookingPanel } from './booking/BookingPanel';
import { RouteTargetSelect } from './RouteTargetSelect';
import { ReplyTemplatePicker } from './contact/ReplyTemplatePicker';
import { HandoverField } from './contact/HandoverField';

const MAX_NOTE = 4000;

type Field = 'outcome' | 'note' | 'routeTo' | 'booking';

interface Props {
  task: ContactTask;
  /** The reason recorded for opening a client without a care relationship (X-Access-Reason). */
  reason?: string;
}

export function DecisionForm({ task, reason }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const taskId = task.id;
  const { navigate } = useRouter();
  const [outcome, setOutcome] = useState<GuidanceOutcome>();
  const [note, setNote] = useState('');
  const [routeTo, setRouteTo] = useState('');
  const [handover, setHandover] = useState('');
  const [appointment, setAppointment] = useState<AppointmentView>();
  /** The message written for the booked time, so it can go again with the booking. */
  const [autoNote, setAutoNote] = useState<string>();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<unknown>();
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const targets = useAsync(fetchRouteTargets, []);
  /** The visit already booked for this contact, as its Task records it (still booked). */
  const [existing, setExisting] = useState<AppointmentView>();
  /** A colleague's booking turned up while this professional was booking: say so. */
  const [bookedMeanwhile, setBookedMeanwhile] = useState<BookingConflict>();
  const recorded = useAsync(
    async () => (task.appointmentRef ? fetchAppointment(task.appointmentRef, reason).then((a) => (a.status === 'booked' ? a : undefined)) : undefined),
    [task.appointmentRef, reason],
  );
  useEffect(() => setExisting(recorded.data), [recorded.data]);
  const meanwhileRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (bookedMeanwhile) meanwhileRef.current?.focus();
  }, [bookedMeanwhile]);

  const check = (): Partial<Record<Field, string>> => ({
    ...(outcome ? {} : { outcome: t('decision.outcomeRequired') }),
    ...(note.trim() ? {} : { note: t('decision.noteRequired') }),
    ...(outcome === 'routed' && !routeTo ? { routeTo: t('decision.routeRequired') } : {}),
    ...(outcome === 'booked' && !appointment ? { booking: t('booking.required') } : {}),
  });

  const booked = (a: AppointmentView | undefined) => {
    setAppointment(a);
    // A cancelled booking is the contact's no more.
    if (!a && appointment && existing?.id === appointment.id) setExisting(undefined);
    if (a) setExisting(a);
    setErrors(({ booking: _b, ...rest }) => rest);
    if (a && (!note.trim() || note === autoNote)) setErrors(({ note: _n, ...rest }) => rest);
    // A ready message to the resident; the professional may rewrite it.
    if (a && (!note.trim() || note === autoNote)) {
      const text = t('booking.noteTemplate', {
        when: appointmentWhen(a, lang, t),
        who: a.practitionerName || t('appointment.notGiven'),
        where: a.locationName || t('appointment.notGiven'),
      });
      setNote(text);
      setAutoNote(text);
    } else if (!a && note === autoNote) {
      setNote('');
      setAutoNote(undefined);
    }
  };

  /** Takes the contact's booked visit as the one this decision is about. */
  const takeExisting = (a: AppointmentView) => {
    setOutcome('booked');
    setErrors(({ outcome: _o, ...rest }) => rest);
    booked(a);
  };

  /** The server refused a second booking for the contact: show the one it has. */
  const contactBooked = async (conflict: BookingConflict) => {
    setBookedMeanwhile(conflict);
    try {
      const found = await fetchContactBooking(task.id, reason);
      if (found) takeExisting(found);
    } catch (error) {
      setFailure(error);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const found = check();
    setErrors(found);
    setFailure(undefined);
    setAttempt((n) => n + 1);
    if (Object.keys(found).length > 0 || !outcome) return;
    setSubmitting(true);
    try {
      await resolveContact(
        taskId,
        {
          outcome,
          note: note.trim(),
          routeTo: outcome === 'routed' ? routeTo : undefined,
          handover: outcome === 'routed' ? handover : undefined,
          appointment: outcome === 'booked' && appointment ? `Appointment/${appointment.id}` : undefined,
        },
        reason,
      );
      navigate(PATHS.queue, { state: { flash: 'decision-done' } });
    } catch (error) {
      setFailure(error);
      setAttempt((n) => n + 1);
      setSubmitting(false);
      // The decision named another visit than the one booked for the contact: show that one.
      if (bookingConflictOf(error)?.kind === 'contact-booked') {
        fetchContactBooking(task.id, reason)
          .then((found) => setExisting(found))
          .catch(() => undefined);
      }
    }
  };

  const summary: SummaryItem[] = (
    [
      ['outcome', 'decision-outcome-solved'],
      ['note', 'decision-note'],
      ['routeTo', 'decision-routeto'],
      ['booking', 'booking-mode'],
    ] as const
  ).flatMap(([field, id]) => (errors[field] ? [{ fieldId: id, message: errors[field] ?? '' }] : []));

  return (
    <section className="panel" aria-labelledby="decision-title">
      <h2 id="decision-title">{t('decision.title')}</h2>
      <form noValidate onSubmit={(e) => void submit(e)} data-testid="decision-form" aria-busy={submitting}>
        <ErrorSummary items={summary} focusKey={attempt} />
        {failure !== undefined &&
          (bookingConflictOf(failure)?.kind === 'contact-booked' ? (
            <div role="alert" className="notice notice-error">
              <p>{pickText(bookingConflictOf(failure)?.text, lang) || t('bookingGuard.useExistingFirst')}</p>
            </div>
          ) : failure instanceof ApiError && failure.status === 409 ? (
            <div role="alert" className="notice notice-error">
              <p>{t('decision.alreadyHandled')}</p>
            </div>
          ) : (
            <ErrorMessage error={failure} />
          ))}
        {bookedMeanwhile && (
          <div ref={meanwhileRef} tabIndex={-1} role="alert" className="notice notice-error" data-testid="booking-booked-meanwhile">
            <p>{t('bookingGuard.bookedMeanwhile')}</p>
            {pickText(bookedMeanwhile.text, lang) && <p>{pickText(bookedMeanwhile.text, lang)}</p>}
          </div>
        )}
        {existing && appointment?.id !== existing.id && (
          <section className="callout callout-warning existing-booking" aria-labelledby="booking-existing-title" data-testid="booking-existing" data-appointment-id={existing.id}>
            <h3 id="booking-existing-title">{t('bookingGuard.existingTitle')}</h3>
            <AppointmentFacts appointment={existing} />
            <p className="hint">{t('bookingGuard.existingHint')}</p>
            <button type="button" className="button button-primary" data-testid="booking-use-existing" onClick={() => takeExisting(existing)}>
              {t('bookingGuard.useExisting')}
            </button>
          </section>
        )}
        <fieldset className={errors.outcome ? 'field choice has-error' : 'field choice'} aria-describedby={errors.outcome ? 'decision-outcome-error' : undefined}>
          <legend>{t('decision.outcome')}</legend>
          <FieldError id="decision-outcome-error" message={errors.outcome} />
          <div className="options">
            {GUIDANCE_OUTCOMES.map((code) => (
              <div className="option" key={code}>
                <input
                  type="radio"
                  id={`decision-outcome-${code}`}
                  name="decision-outcome"
                  value={code}
                  checked={outcome === code}
                  required
                  data-testid={`decision-outcome-${code}`}
                  onChange={() => {
                    setOutcome(code);
                    setErrors(({ outcome: _o, ...rest }) => rest);
                    // The contact's booked visit is the one to decide on; a second is not booked.
                    if (code === 'booked' && !appointment && existing) booked(existing);
                  }}
                />
                <label htmlFor={`decision-outcome-${code}`}>{t(`outcome.${code}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        {outcome === 'emergency' && <p className="callout callout-warning">{t('decision.emergencyHint')}</p>}
        {outcome === 'booked' && <BookingPanel task={task} reason={reason} booked={appointment} error={errors.booking} onBooked={booked} onContactBooked={(c) => void contactBooked(c)} />}
        {outcome !== undefined && outcome !== 'booked' && (appointment ?? existing) && <p className="callout callout-warning">{t('booking.stillBooked')}</p>}
        {outcome === 'routed' && (
          <div className={errors.routeTo ? 'field has-error' : 'field'}>
            <label htmlFor="decision-routeto">{t('decision.routeTo')}</label>
            <FieldError id="decision-routeto-error" message={errors.routeTo} />
            {targets.error !== undefined && <ErrorMessage error={targets.error} onRetry={targets.reload} />}
            <RouteTargetSelect
              id="decision-routeto"
              targets={targets.data ?? []}
              value={routeTo}
              error={errors.routeTo}
              errorId="decision-routeto-error"
              onChange={setRouteTo}
            />
          </div>
        )}
        {outcome === 'routed' && <HandoverField value={handover} onChange={setHandover} />}
        <ReplyTemplatePicker outcome={outcome} note={note} onFill={setNote} />
        <div className={errors.note ? 'field has-error' : 'field'}>
          <label htmlFor="decision-note">
            {t('decision.note')} <span className="required-mark">({t('common.required')})</span>
          </label>
          <p id="decision-note-hint" className="hint">
            {t('decision.noteHint')}
          </p>
          <FieldError id="decision-note-error" message={errors.note} />
          <textarea
            id="decision-note"
            className="input"
            rows={5}
            maxLength={MAX_NOTE}
            value={note}
            required
            aria-invalid={errors.note ? true : undefined}
            aria-describedby={errors.note ? 'decision-note-hint decision-note-error' : 'decision-note-hint'}
            data-testid="decision-note"
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={submitting} data-testid="decision-submit">
            {submitting ? t('decision.submitting') : t('decision.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
