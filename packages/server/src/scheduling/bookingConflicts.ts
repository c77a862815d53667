import type { Appointment } from '@medplum/fhirtypes';
import type { Language, LocalizedText } from '@ovi/domain';
import { BOOKING_EXTENSIONS, BOOKING_ISSUE_EXPRESSION, BOOKING_ISSUE_SYSTEM, type BookingIssue } from '@ovi/domain/src/bookingSafety';
import { FhirError } from '../fhir/outcomes';
import type { UnitContact } from './unitContact';

/**
 * A refused booking, move or cancellation (409) in words for the reader and in codes for
 * programs: `details.coding` says which rule (booking-issue), `expression` which input,
 * `details.text` the `{fi, sv, en}` words as JSON, `diagnostics` the English words, and the
 * extension `conflicting-appointment` the Appointment in the way, if any.
 */
export function bookingConflict(code: BookingIssue, text: LocalizedText, appointment?: string): FhirError {
  return new FhirError(409, {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code: 'conflict',
        details: { coding: [{ system: BOOKING_ISSUE_SYSTEM, code }], text: JSON.stringify(text) },
        diagnostics: appointment ? `${text.en} (${appointment})` : text.en,
        expression: [BOOKING_ISSUE_EXPRESSION[code]],
        ...(appointment ? { extension: [{ url: BOOKING_EXTENSIONS.conflictingAppointment, valueReference: { reference: appointment } }] } : {}),
      },
    ],
  });
}

export const slotTaken = () =>
  bookingConflict('slot-taken', {
    fi: 'Joku varasi juuri tämän ajan. Valitse toinen aika.',
    sv: 'Någon bokade just den här tiden. Välj en annan tid.',
    en: 'That time was just booked by someone else; choose another time',
  });

export const slotPassed = () =>
  bookingConflict('slot-taken', {
    fi: 'Aika on jo mennyt. Valitse toinen aika.',
    sv: 'Tiden har redan passerat. Välj en annan tid.',
    en: 'That time has already passed; choose another time',
  });

export const notBooked = (appointment: string, status: string) =>
  bookingConflict(
    'not-booked',
    {
      fi: 'Aika ei ole enää varattuna (se on peruttu tai siirretty).',
      sv: 'Tiden är inte längre bokad (den har avbokats eller flyttats).',
      en: `This appointment is ${status}, not booked`,
    },
    appointment,
  );

const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** "ti 13.5.2025 klo 9.00–9.30" in Helsinki time, in each language. */
export function whenInWords(start: Date, end: Date | undefined, language: Language): string {
  const day = new Intl.DateTimeFormat(LOCALES[language], { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'Europe/Helsinki' }).format(start);
  const clock = new Intl.DateTimeFormat(LOCALES[language], { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Helsinki' });
  const times = end ? `${clock.format(start)}–${clock.format(end)}` : clock.format(start);
  const at = { fi: 'klo ', sv: 'kl. ', en: '' }[language];
  return `${day} ${at}${times}`;
}

/**
 * The overlapping visit named as far as the reader may know it: when, and with whom and where
 * only when it is in the same register as the booking being made (a visit in the other
 * register is personal data of its own; its time is what matters here).
 */
export function overlapping(existing: Appointment, sameRegister: boolean, forResident: boolean): FhirError {
  const start = new Date(existing.start ?? '');
  const end = existing.end ? new Date(existing.end) : undefined;
  const who = existing.participant.find((p) => p.actor?.reference?.startsWith('Practitioner/'))?.actor?.display;
  const where = existing.participant.find((p) => p.actor?.reference?.startsWith('Location/'))?.actor?.display;
  const details = sameRegister || forResident ? [who, where].filter(Boolean).join(', ') : '';
  const visit = (language: Language) => [whenInWords(start, end, language), details].filter(Boolean).join(', ');
  const text: LocalizedText = forResident
    ? {
        fi: `Sinulla on jo aika, joka on osittain samaan aikaan: ${visit('fi')}. Varaa silti vain, jos ehdit molempiin.`,
        sv: `Du har redan en tid som delvis sammanfaller: ${visit('sv')}. Boka ändå bara om du hinner till båda.`,
        en: `You already have an appointment at an overlapping time: ${visit('en')}. Book anyway only if you can make both.`,
      }
    : {
        fi: `Asiakkaalla on jo päällekkäinen aika: ${visit('fi')}. Varaa silti vain, jos molemmat käynnit sopivat samaan aikaan.`,
        sv: `Klienten har redan en tid som sammanfaller: ${visit('sv')}. Boka ändå bara om båda besöken passar samtidigt.`,
        en: `The client already has a visit at an overlapping time: ${visit('en')}. Book anyway only if both visits can take place.`,
      };
  return bookingConflict('overlap', text, `Appointment/${existing.id ?? ''}`);
}

/** A resident too late to cancel or move the visit here: whom to call instead. */
export function noticePassed(hours: number, unit: UnitContact, action: 'cancel' | 'move'): FhirError {
  const phone = (language: Language) => {
    const name = unit.name ? `${unit.name}, ` : '';
    if (!unit.phone) return '';
    return { fi: ` Soita terveysasemalle: ${name}puh. ${unit.phone}.`, sv: ` Ring: ${name}tfn ${unit.phone}.`, en: ` Please call ${name}tel. ${unit.phone}.` }[language];
  };
  const texts: Record<'cancel' | 'move', LocalizedText> = {
    cancel: {
      fi: `Aikaa voi perua täällä viimeistään ${hours} tuntia ennen.${phone('fi') || ' Soita terveysasemalle.'}`,
      sv: `Tiden kan avbokas här senast ${hours} timmar före.${phone('sv') || ' Ring hälsostationen.'}`,
      en: `Appointments can be cancelled here up to ${hours} hours before.${phone('en') || ' Please call the health station.'}`,
    },
    move: {
      fi: `Aikaa voi siirtää täällä viimeistään ${hours} tuntia ennen.${phone('fi') || ' Soita terveysasemalle.'}`,
      sv: `Tiden kan flyttas här senast ${hours} timmar före.${phone('sv') || ' Ring hälsostationen.'}`,
      en: `Appointments can be moved here up to ${hours} hours before.${phone('en') || ' Please call the health station.'}`,
    },
  };
  return bookingConflict('notice-passed', texts[action]);
}
