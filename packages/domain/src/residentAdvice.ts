/**
 * What the resident is told beside the promised contact, composed from the advice kinds a
 * contact needs and the region's where-to-turn contacts. The server stores these notes on
 * the contact's Task, so every app that shows the Task shows the same advice, in the
 * reader's language.
 */
import { contactsFor, type HelpContact, type WhereToTurnConfig } from './whereToTurn';
import { LANGUAGES } from './validation';
import type { AdviceKind, Language, LocalizedText } from './types';

export type ResidentNoteKind = AdviceKind | 'out-of-hours' | 'rule';

export interface ResidentNote {
  kind: ResidentNoteKind;
  text: LocalizedText;
}

export interface ResidentAdviceInput {
  advice: AdviceKind[];
  whereToTurn: WhereToTurnConfig;
  /** Set when the queue is closed and does not open before the contact is due. */
  outOfHours?: { opensAt?: Date };
  /** The winning rule's own explanation, as the rule's author wrote it for residents. */
  ruleAdvice?: LocalizedText;
}

const LEAD: Record<AdviceKind, LocalizedText> = {
  'call-112': {
    fi: 'Soita heti hätänumeroon 112. Älä jää odottamaan yhteydenottoamme.',
    sv: 'Ring nödnumret 112 genast. Vänta inte på att vi kontaktar dig.',
    en: 'Call the emergency number 112 now. Do not wait for us to contact you.',
  },
  'crisis-line': {
    fi: 'Et ole yksin. Voit soittaa kriisipuhelimeen nyt ja puhua jonkun kanssa:',
    sv: 'Du är inte ensam. Du kan ringa kristelefonen nu och prata med någon:',
    en: 'You are not alone. You can call the crisis line now and talk to someone:',
  },
  'on-call-helpline': {
    fi: 'Soita Päivystysapuun. Terveydenhuollon ammattilainen arvioi puhelimessa, minne sinun kannattaa hakeutua:',
    sv: 'Ring Jourhjälpen. En yrkesperson inom vården bedömer per telefon vart du ska vända dig:',
    en: 'Call the on-call medical helpline. A health professional will tell you on the phone where to go:',
  },
  'emergency-department': {
    fi: 'Lähin päivystys:',
    sv: 'Närmaste jour:',
    en: 'The nearest emergency department:',
  },
  'social-emergency': {
    fi: 'Jos joku on vaarassa, soita 112. Sosiaalipäivystys auttaa kiireellisissä sosiaalisissa hätätilanteissa:',
    sv: 'Om någon är i fara, ring 112. Socialjouren hjälper i brådskande sociala nödlägen:',
    en: 'If someone is in danger, call 112. The social emergency service helps in urgent social crises:',
  },
};

const OUT_OF_HOURS: LocalizedText = {
  fi: 'Palvelumme on nyt suljettu. Kukaan ei lue yhteydenottoasi ennen kuin avaamme {when}, mutta asiasi pitäisi arvioida sitä ennen. Älä jää odottamaan.',
  sv: 'Vår tjänst är stängd nu. Ingen läser ditt meddelande förrän vi öppnar {when}, men ditt ärende borde bedömas innan dess. Vänta inte.',
  en: 'We are closed now. Nobody reads your message before we open {when}, but your matter should be assessed before then. Do not wait.',
};

const NEXT_OPENING_UNKNOWN: LocalizedText = { fi: 'seuraavan kerran', sv: 'nästa gång', en: 'next' };

const LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** "ma 30.11. klo 8.00" in the reader's language, Helsinki time. */
export function formatOpening(at: Date, lang: Language): string {
  const day = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'Europe/Helsinki', weekday: 'short', day: 'numeric', month: 'numeric' }).format(at);
  const time = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: 'Europe/Helsinki', hour: 'numeric', minute: '2-digit' }).format(at);
  const at_ = { fi: 'klo', sv: 'kl.', en: 'at' }[lang];
  return `${day} ${at_} ${time}`;
}

function contactLine(contact: HelpContact, lang: Language): string {
  return `${contact.name[lang]} ${contact.phone} (${contact.hours[lang]})`;
}

function perLanguage(make: (lang: Language) => string): LocalizedText {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, make(lang)])) as LocalizedText;
}

function adviceNote(kind: AdviceKind, config: WhereToTurnConfig): ResidentNote {
  return {
    kind,
    text: perLanguage((lang) => {
      // 112 is its own number; the lead sentence says it. The others name their contacts.
      const contacts = kind === 'call-112' ? [] : contactsFor(config, [kind], lang);
      return [LEAD[kind][lang], ...contacts.map((c) => contactLine(c, lang))].join(' ');
    }),
  };
}

/** Most serious first: 112, the crisis line, social emergency, then where to turn when closed. */
const ORDER: AdviceKind[] = ['call-112', 'crisis-line', 'social-emergency', 'on-call-helpline', 'emergency-department'];

/**
 * The notes for one contact, most serious first. Out of hours, the on-call helpline and the
 * nearest emergency department are always added: a closed queue must never be the only door.
 */
export function residentNotes(input: ResidentAdviceInput): ResidentNote[] {
  const kinds = new Set<AdviceKind>(input.advice);
  if (input.outOfHours) {
    kinds.add('on-call-helpline');
    kinds.add('emergency-department');
  }
  const notes: ResidentNote[] = [];
  // 112 comes before anything else, the closed-queue notice included.
  if (kinds.has('call-112')) notes.push(adviceNote('call-112', input.whereToTurn));
  if (input.outOfHours) {
    const opensAt = input.outOfHours.opensAt;
    notes.push({
      kind: 'out-of-hours',
      text: perLanguage((lang) => OUT_OF_HOURS[lang].replace('{when}', opensAt ? formatOpening(opensAt, lang) : NEXT_OPENING_UNKNOWN[lang])),
    });
  }
  for (const kind of ORDER) if (kind !== 'call-112' && kinds.has(kind)) notes.push(adviceNote(kind, input.whereToTurn));
  if (input.ruleAdvice) notes.push({ kind: 'rule', text: input.ruleAdvice });
  return notes;
}
