import type { Language } from '@ovi/domain';

export type MessageKind = 'confirmation' | 'cancellation' | 'reminder' | 'moved';

export interface AppointmentMessage {
  subject: string;
  text: string;
}

const WEEKDAY_FORMAT: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/**
 * Texts of appointment e-mails. They say when and where only: no profession, visit type or
 * reason, because an e-mail may be read by someone else.
 */
export function appointmentMessage(kind: MessageKind, language: Language, start: Date, place: string | undefined, previousStart?: Date): AppointmentMessage {
  const format = (instant: Date) =>
    new Intl.DateTimeFormat(WEEKDAY_FORMAT[language], {
      weekday: 'long',
      day: 'numeric',
      month: 'numeric',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Helsinki',
    }).format(instant);
  const where = place ?? { fi: 'sovitussa paikassa', sv: 'på överenskommen plats', en: 'at the agreed place' }[language];
  return TEXTS[language][kind](format(start), where, previousStart ? format(previousStart) : '');
}

type Builder = (when: string, where: string, before: string) => AppointmentMessage;

const TEXTS: Record<Language, Record<MessageKind, Builder>> = {
  fi: {
    confirmation: (when, where) => ({ subject: 'Aikasi on varattu', text: `Sinulle on varattu aika: ${when}, ${where}.\n\nVoit katsoa ja tarvittaessa perua ajan kirjautumalla Oviin.` }),
    cancellation: (when, where) => ({ subject: 'Aikasi on peruttu', text: `Aikasi ${when}, ${where}, on peruttu.\n\nJos tarvitset uuden ajan, ota yhteyttä Ovin kautta.` }),
    reminder: (when, where) => ({ subject: 'Muistutus huomisesta ajastasi', text: `Muistutus: sinulla on aika ${when}, ${where}.\n\nJos et pääse, peru aika kirjautumalla Oviin.` }),
    moved: (when, where, before) => ({ subject: 'Aikasi on siirretty', text: `Aikasi on siirretty. Uusi aika: ${when}, ${where}.${before ? `\nAiempi aika (${before}) on peruttu.` : ''}\n\nVoit katsoa ja tarvittaessa perua ajan kirjautumalla Oviin.` }),
  },
  sv: {
    confirmation: (when, where) => ({ subject: 'Din tid är bokad', text: `Du har fått en tid: ${when}, ${where}.\n\nDu kan se tiden och vid behov avboka den när du loggar in i Ovi.` }),
    cancellation: (when, where) => ({ subject: 'Din tid är avbokad', text: `Din tid ${when}, ${where}, är avbokad.\n\nOm du behöver en ny tid kan du kontakta oss via Ovi.` }),
    reminder: (when, where) => ({ subject: 'Påminnelse om din tid i morgon', text: `Påminnelse: du har en tid ${when}, ${where}.\n\nOm du inte kan komma, avboka tiden i Ovi.` }),
    moved: (when, where, before) => ({ subject: 'Din tid är flyttad', text: `Din tid är flyttad. Ny tid: ${when}, ${where}.${before ? `\nDen tidigare tiden (${before}) är avbokad.` : ''}\n\nDu kan se tiden och vid behov avboka den när du loggar in i Ovi.` }),
  },
  en: {
    confirmation: (when, where) => ({ subject: 'Your appointment is booked', text: `You have an appointment: ${when}, ${where}.\n\nLog in to Ovi to see it or to cancel it if you need to.` }),
    cancellation: (when, where) => ({ subject: 'Your appointment is cancelled', text: `Your appointment on ${when}, ${where}, has been cancelled.\n\nIf you need a new time, contact us through Ovi.` }),
    reminder: (when, where) => ({ subject: 'Reminder of your appointment tomorrow', text: `Reminder: you have an appointment on ${when}, ${where}.\n\nIf you cannot come, please cancel it in Ovi.` }),
    moved: (when, where, before) => ({ subject: 'Your appointment is moved', text: `Your appointment is moved. New time: ${when}, ${where}.${before ? `\nThe earlier time (${before}) is cancelled.` : ''}\n\nLog in to Ovi to see it or to cancel it if you need to.` }),
  },
};
