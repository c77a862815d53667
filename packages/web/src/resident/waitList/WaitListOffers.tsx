/**
 * Earlier times offered from the wait list: each with when and where, until when it can be
 * taken, and one button that takes it (the current time is cancelled in the same step). A
 * time someone else took first is said politely and the list is read again.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView } from '../../api/appointment.resource';
import { acceptOffer, type WaitListOffer } from '../../api/waitList.resource';
import { appointmentWhen } from '../../components/appointment/AppointmentFacts';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatClock, formatVisitDay } from '../../i18n/format';
import { useLanguage } from '../../i18n/useLanguage';
import { refusalText } from './refusal';

interface Props {
  offers: WaitListOffer[];
  /** The resident's own appointments, to say which time the offer replaces. */
  appointments: AppointmentView[];
  onAccepted: (appointment: AppointmentView) => void;
  /** A refused offer: read the list again. */
  onRefused: () => void;
}

export function WaitListOffers({ offers, appointments, onAccepted, onRefused }: Props) {
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<{ text?: string; error: unknown }>();
  if (offers.length === 0 && !refusal) return null;
  return (
    <section aria-labelledby="wait-list-offers-title" className="section" data-testid="wait-list-offers">
      <h2 id="wait-list-offers-title">{t('waitList.offersTitle')}</h2>
      {refusal &&
        (refusal.text ? (
          <div role="alert" className="notice notice-info" data-testid="wait-list-refused">
            <p>{refusal.text}</p>
          </div>
        ) : (
          <ErrorMessage error={refusal.error} />
        ))}
      {offers.length > 0 && (
        <>
          <p className="hint">{t('waitList.offersIntro')}</p>
          <ul className="card-list">
            {offers.map((offer) => (
              <Offer
                key={offer.id}
                offer={offer}
                current={appointments.find((a) => `Appointment/${a.id}` === offer.appointment)}
                onAccepted={(a) => {
                  setRefusal(undefined);
                  onAccepted(a);
                }}
                onRefused={(error, text) => {
                  setRefusal({ error, text });
                  onRefused();
                }}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Offer({ offer, current, onAccepted, onRefused }: { offer: WaitListOffer; current?: AppointmentView; onAccepted: (a: AppointmentView) => void; onRefused: (error: unknown, text?: string) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [busy, setBusy] = useState(false);
  const headingId = `offer-${offer.id}-title`;
  const where = [offer.location?.display, offer.practitioner?.display].filter(Boolean).join(', ');
  const expires = new Date(offer.expiresAt);
  const sameDay = expires.toDateString() === new Date().toDateString();
  const until = sameDay ? formatClock(offer.expiresAt, lang) : `${formatVisitDay(offer.expiresAt, lang)} ${formatClock(offer.expiresAt, lang)}`;

  const take = async () => {
    setBusy(true);
    try {
      onAccepted(await acceptOffer(offer.id));
    } catch (error) {
      setBusy(false);
      onRefused(error, refusalText(error, lang));
    }
  };

  return (
    <li className="card wait-list-offer" data-testid="wait-list-offer" data-offer-id={offer.id} aria-labelledby={headingId}>
      <h3 id={headingId} className="card-title">
        {appointmentWhen(offer, lang, t)}
      </h3>
      {offer.patientName && <p>{t('waitList.forPerson', { name: offer.patientName })}</p>}
      {where && <p>{where}</p>}
      <p className="hint">
        {current ? t('waitList.replaces', { when: appointmentWhen(current, lang, t) }) : t('waitList.replacesTheirs')} {t('waitList.openUntil', { time: until })}
      </p>
      <div className="button-row">
        <button type="button" className="button button-primary" disabled={busy} data-testid="wait-list-accept" onClick={() => void take()}>
          {busy ? t('waitList.accepting') : t('waitList.accept')}
        </button>
      </div>
    </li>
  );
}
