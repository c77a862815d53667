/**
 * "Book a time": the resident picks a visit type they may book themselves, then a free time
 * in the next 30 days, and books it. Nothing else is asked: the booking is for themselves.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../api/appointment.resource';
import { pickText } from '../../api/fhir';
import { fetchVisitTypes, type VisitTypeView } from '../../api/schedule.resource';
import { Link } from '../../app/router';
import { PATHS } from '../../app/routes';
import { useUser } from '../../auth/SessionContext';
import { AppointmentFacts } from '../../components/appointment/AppointmentFacts';
import { modesText } from '../../components/appointment/visitLabels';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLanguage } from '../../i18n/useLanguage';
import { AddToCalendar } from './AddToCalendar';
import { TimePicker } from './TimePicker';

function Booked({ appointment, onAnother }: { appointment: AppointmentView; onAnother: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="booked" data-testid="selfbook-done" data-appointment-id={appointment.id} aria-labelledby="selfbook-done-title">
      <h2 id="selfbook-done-title" className="booked-title">
        <span aria-hidden="true">✓ </span>
        {t('selfBook.done')}
      </h2>
      <AppointmentFacts appointment={appointment} />
      <p>{t('selfBook.doneHint')}</p>
      <div className="button-row">
        <AddToCalendar appointmentId={appointment.id} />
      </div>
      <div className="button-row">
        <Link to={PATHS.appointments} className="button button-primary">
          {t('myAppointments.seeAll')}
        </Link>
        <button type="button" className="button button-secondary" onClick={onAnother}>
          {t('selfBook.another')}
        </button>
      </div>
    </div>
  );
}

export function SelfBooking() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const user = useUser();
  const types = useAsync(fetchVisitTypes, []);
  const [code, setCode] = useState('');
  const [booked, setBooked] = useState<AppointmentView>();
  const bookable = (types.data ?? []).filter((v) => v.selfBookable);
  const chosen: VisitTypeView | undefined = bookable.find((v) => v.code === code);

  return (
    <>
      <PageHeading title={t('selfBook.title')}>{t('selfBook.title')}</PageHeading>
      <p className="lead">{t('selfBook.intro')}</p>
      {types.loading && !types.data && <Loading />}
      {types.error !== undefined && <ErrorMessage error={types.error} onRetry={types.reload} />}
      {booked ? (
        <Booked
          appointment={booked}
          onAnother={() => {
            setBooked(undefined);
            setCode('');
          }}
        />
      ) : (
        types.data && (
          <>
            {bookable.length === 0 ? (
              <p className="empty">
                {t('selfBook.noTypes')} <Link to={PATHS.sendContact}>{t('selfBook.sendInstead')}</Link>
              </p>
            ) : (
              <fieldset className="field choice">
                <legend>{t('selfBook.what')}</legend>
                <ul className="options">
                  {bookable.map((v) => {
                    const id = `selfbook-type-${v.code}`;
                    return (
                      <li key={v.code} className="option visit-type-option" data-testid="selfbook-type" data-code={v.code}>
                        <input type="radio" id={id} name="selfbook-type" value={v.code} checked={code === v.code} onChange={() => setCode(v.code)} />
                        <label htmlFor={id}>
                          <span className="proposal-when">
                            <strong>{pickText(v.label, lang) || v.code}</strong>
                            <span className="muted">
                              {[v.minutes !== undefined ? t('adminSchedules.minutesValue', { count: v.minutes }) : '', modesText(v.modes, t)].filter(Boolean).join(' · ')}
                            </span>
                          </span>
                        </label>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
            )}
            <p className="hint">{t('selfBook.notListed')}</p>
            {chosen && (
              <section className="section" aria-labelledby="selfbook-times-title">
                <h2 id="selfbook-times-title">{t('selfBook.timesFor', { name: pickText(chosen.label, lang) || chosen.code })}</h2>
                <TimePicker key={chosen.code} visitType={chosen} patientRef={user.fhirUser} idPrefix="selfbook" bookLabel={t('selfBook.book')} onBooked={setBooked} />
              </section>
            )}
          </>
        )
      )}
    </>
  );
}
