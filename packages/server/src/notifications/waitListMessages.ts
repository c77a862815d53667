import type { Language } from '@ovi/domain';
import type { AppointmentMessage } from './appointmentMessages';

const LOCALE: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

function format(instant: Date, language: Language, withDay: boolean): string {
  return new Intl.DateTimeFormat(LOCALE[language], {
    ...(withDay ? { weekday: 'long', day: 'numeric', month: 'numeric', year: 'numeric' } : { day: 'numeric', month: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Helsinki',
  }).format(instant);
}

/**
 * The e-mail offering earlier times from the wait list. Like the other appointment e-mails it
 * says when and where only (an e-mail may be read by someone else), and that the first to
 * accept in Ovi gets the time.
 */
export function waitListOfferMessage(language: Language, times: Array<{ start: Date; place?: string; expiresAt: Date }>): AppointmentMessage {
  const lines = times.map((t) => `- ${format(t.start, language, true)}${t.place ? `, ${t.place}` : ''}`).join('\n');
  const until = format(new Date(Math.min(...times.map((t) => t.expiresAt.getTime()))), language, false);
  return {
    fi: {
      subject: 'Aikaisempi aika vapautui',
      text: `Olet jonossa aikaisempaan aikaan. Vapautui:\n${lines}\n\nVoit ottaa ajan kirjautumalla Oviin viimeistään ${until}. Aika annetaan sille, joka ehtii ensin; nykyinen aikasi perutaan samalla.\n\nJos et halua aikaa, sinun ei tarvitse tehdä mitään: nykyinen aikasi pysyy.`,
    },
    sv: {
      subject: 'En tidigare tid har blivit ledig',
      text: `Du står i kö till en tidigare tid. Ledig nu:\n${lines}\n\nDu kan ta tiden när du loggar in i Ovi senast ${until}. Den som hinner först får tiden; din nuvarande tid avbokas samtidigt.\n\nOm du inte vill ha tiden behöver du inte göra något: din nuvarande tid står kvar.`,
    },
    en: {
      subject: 'An earlier time is free',
      text: `You are on the wait list for an earlier time. Free now:\n${lines}\n\nYou can take it by logging in to Ovi by ${until}. The first to accept gets the time; your current appointment is cancelled at the same moment.\n\nIf you do not want it, do nothing: your current appointment stays.`,
    },
  }[language];
}
