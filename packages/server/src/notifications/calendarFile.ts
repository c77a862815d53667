import type { Appointment } from '@medplum/fhirtypes';
import type { Language } from '@ovi/domain';
import { buildICalendar } from '@ovi/domain/src/icalendar';

export interface CalendarFile {
  filename: string;
  /** text/calendar, CRLF lines. */
  body: string;
}

/** The unit as the confirmation names it. */
export interface CalendarPlace {
  name?: string;
  address?: string;
  phone?: string;
}

const SUMMARY: Record<Language, string> = { fi: 'Varattu aika', sv: 'Bokad tid', en: 'Booked appointment' };
const FILENAME: Record<Language, string> = { fi: 'ovi-aika.ics', sv: 'ovi-tid.ics', en: 'ovi-appointment.ics' };

function description(language: Language, phone: string | undefined): string {
  const call = phone ? { fi: ` Jos et pääse etkä voi perua Ovissa, soita ${phone}.`, sv: ` Om du inte kan komma och inte kan avboka i Ovi, ring ${phone}.`, en: ` If you cannot come and cannot cancel in Ovi, call ${phone}.` }[language] : '';
  return { fi: 'Voit katsoa ja tarvittaessa perua ajan Ovissa.', sv: 'Du kan se tiden och vid behov avboka den i Ovi.', en: 'You can see the appointment and cancel it if needed in Ovi.' }[language] + call;
}

/**
 * The add-to-calendar file of an appointment. Like the confirmation e-mail it says when and
 * where only (and whom to call): no professional, profession, visit type or reason, because a
 * calendar is often shared or synced to other services.
 */
export function appointmentCalendarFile(appointment: Appointment, place: CalendarPlace, language: Language, stamp: Date): CalendarFile {
  const where = [place.name, place.address].filter(Boolean).join(', ');
  const cancelled = ['cancelled', 'noshow', 'entered-in-error'].includes(appointment.status);
  const body = buildICalendar({
    uid: `${appointment.id ?? ''}@ovi`,
    start: new Date(appointment.start ?? ''),
    end: new Date(appointment.end ?? appointment.start ?? ''),
    stamp,
    summary: place.name ? `${SUMMARY[language]}: ${place.name}` : SUMMARY[language],
    ...(where ? { location: where } : {}),
    description: description(language, place.phone),
    sequence: Math.max(0, Number(appointment.meta?.versionId ?? '1') - 1),
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    language,
  });
  return { filename: FILENAME[language], body };
}
