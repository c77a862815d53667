/**
 * Where to turn when the centre cannot help in time: emergency number, on-call helpline,
 * crisis line, emergency department, social emergency service. Every number, its languages
 * and its hours are configuration, because they differ by region and change (DOMAIN §11).
 */
import { ADVICE_KINDS, type AdviceKind, type Language, type LocalizedText } from './types';
import {
  LANGUAGES,
  checkArray,
  checkInteger,
  checkLocalizedText,
  checkObject,
  checkOneOf,
  checkString,
  checkUniqueIds,
  isRecord,
  pathOf,
} from './validation';

export interface HelpContact {
  id: string;
  kind: AdviceKind;
  /** The service's name without its number, e.g. "Päivystysapu". */
  name: LocalizedText;
  /** As it is dialled and written in Finland, e.g. '09 2525 0111' or '116117'. */
  phone: string;
  /** When it answers, in words, e.g. "around the clock". */
  hours: LocalizedText;
  /** The languages it answers in (of Ovi's three). */
  languages: Language[];
  note?: LocalizedText;
}

export interface WhereToTurnConfig {
  version: number;
  contacts: HelpContact[];
}

const t = (fi: string, sv: string, en: string): LocalizedText => ({ fi, sv, en });
const AROUND_THE_CLOCK = t('ympäri vuorokauden', 'dygnet runt', 'around the clock');
const MIELI = 'MIELI Suomen Mielenterveys ry';

/**
 * National numbers as DOMAIN §11 confirms them; the demo region (Central Ostrobothnia) adds
 * its emergency department and social emergency service. The region's own numbers are demo
 * numbers (06 000 …, which no subscriber has) and say "demo" in their names: a deployment
 * must enter its real ones.
 */
export const defaultWhereToTurn: WhereToTurnConfig = {
  version: 1,
  contacts: [
    {
      id: 'emergency-112',
      kind: 'call-112',
      name: t('Hätänumero', 'Nödnumret', 'Emergency number'),
      phone: '112',
      hours: AROUND_THE_CLOCK,
      languages: ['fi', 'sv', 'en'],
      note: t(
        'Maksuton. Poliisi, ambulanssi, pelastus ja sosiaalipäivystys.',
        'Avgiftsfritt. Polis, ambulans, räddning och socialjour.',
        'Free. Police, ambulance, rescue and the social emergency service.',
      ),
    },
    {
      id: 'paivystysapu-116117',
      kind: 'on-call-helpline',
      name: t('Päivystysapu', 'Jourhjälpen', 'On-call medical helpline (Päivystysapu)'),
      phone: '116117',
      // 24/7 in most wellbeing services counties (DOMAIN §11); a region that differs edits it.
      hours: AROUND_THE_CLOCK,
      // The demo region is bilingual, so the helpline answers in Finnish and Swedish there.
      languages: ['fi', 'sv'],
      note: t(
        'Maksuton. Soita ennen kuin lähdet päivystykseen; hoitaja arvioi puhelimessa, minne hakeutua.',
        'Avgiftsfritt. Ring innan du åker till jouren; en skötare bedömer per telefon vart du ska vända dig.',
        'Free. Call before you go to an emergency department; a nurse tells you on the phone where to go.',
      ),
    },
    {
      id: 'mieli-crisis-fi',
      kind: 'crisis-line',
      name: t('Kriisipuhelin suomeksi', 'Kristelefonen på finska', 'Crisis line in Finnish'),
      phone: '09 2525 0111',
      hours: AROUND_THE_CLOCK,
      languages: ['fi'],
      note: t(MIELI, MIELI, MIELI),
    },
    {
      id: 'mieli-crisis-sv',
      kind: 'crisis-line',
      name: t('Kriisipuhelin ruotsiksi ja englanniksi', 'Kristelefonen på svenska och engelska', 'Crisis line in Swedish and English'),
      phone: '09 2525 0112',
      // Not around the clock (DOMAIN §11); the exact hours change, so the reader is sent to MIELI.
      hours: t(
        'ei ympäri vuorokauden – tarkista ajat mieli.fi',
        'inte dygnet runt – se tiderna på mieli.fi',
        'not around the clock – see the hours at mieli.fi',
      ),
      languages: ['sv', 'en'],
      note: t(MIELI, MIELI, MIELI),
    },
    {
      id: 'mieli-crisis-ar',
      kind: 'crisis-line',
      name: t('Kriisipuhelin arabiaksi ja englanniksi', 'Kristelefonen på arabiska och engelska', 'Crisis line in Arabic and English'),
      phone: '09 2525 0113',
      hours: t(
        'ei ympäri vuorokauden – tarkista ajat mieli.fi',
        'inte dygnet runt – se tiderna på mieli.fi',
        'not around the clock – see the hours at mieli.fi',
      ),
      languages: ['en'],
      note: t(MIELI, MIELI, MIELI),
    },
    {
      id: 'kokkola-emergency-department',
      kind: 'emergency-department',
      name: t(
        'Keski-Pohjanmaan keskussairaalan päivystys, Kokkola (demo)',
        'Jouren vid Mellersta Österbottens centralsjukhus, Karleby (demo)',
        'Emergency department, Central Ostrobothnia Central Hospital, Kokkola (demo)',
      ),
      phone: '06 000 0000',
      hours: AROUND_THE_CLOCK,
      languages: ['fi', 'sv'],
      note: t(
        'Soita ensin Päivystysapuun 116117. Hätätilanteessa soita 112. Demonumero: alue vaihtaa oikean.',
        'Ring först Jourhjälpen 116117. I en nödsituation, ring 112. Demonummer: regionen byter till det rätta.',
        'Call the helpline 116117 first. In an emergency call 112. Demo number: the region enters the real one.',
      ),
    },
    {
      // Out of office hours the social emergency service is reached through 112 (DOMAIN §11, §12).
      id: 'social-emergency-112',
      kind: 'social-emergency',
      name: t('Sosiaalipäivystys', 'Socialjouren', 'Social emergency service'),
      phone: '112',
      hours: t(
        'virka-ajan ulkopuolella hätänumeron kautta',
        'utanför tjänstetid via nödnumret',
        'outside office hours, through the emergency number',
      ),
      languages: ['fi', 'sv', 'en'],
    },
    {
      id: 'social-emergency-office-hours',
      kind: 'social-emergency',
      name: t(
        'Sosiaalipalvelujen kiireelliset asiat (demo)',
        'Socialservicens brådskande ärenden (demo)',
        'Urgent social services matters (demo)',
      ),
      phone: '06 000 0001',
      hours: t('arkisin klo 8–16', 'vardagar kl. 8–16', 'weekdays 8:00–16:00'),
      languages: ['fi', 'sv'],
    },
  ],
};

/**
 * The contacts for the given advice kinds, kind by kind in the order given. Within a kind,
 * contacts that answer in the reader's language come first (a Swedish speaker in crisis
 * sees the Swedish line first), otherwise in configuration order.
 */
export function contactsFor(config: WhereToTurnConfig, kinds: AdviceKind[], language: Language): HelpContact[] {
  const result: HelpContact[] = [];
  for (const kind of new Set(kinds)) {
    const ofKind = config.contacts.filter((c) => c.kind === kind);
    const speaks = (c: HelpContact): number => (c.languages.includes(language) ? 0 : 1);
    result.push(...ofKind.map((c, index) => ({ c, index })).sort((a, b) => speaks(a.c) - speaks(b.c) || a.index - b.index).map(({ c }) => c));
  }
  return result;
}

/**
 * A plausible Finnish phone number: digits, optionally grouped by single spaces or hyphens,
 * and either a short number not starting with 0 (3–6 digits: 112, 116117), a national number
 * starting with 0 (6–12 digits: 09 2525 0111, 0800 …), or an international one (+ and 8–15
 * digits). A long number without its leading 0 is refused: it would not connect.
 */
export function isPlausiblePhone(phone: string): boolean {
  if (!/^\+?\d+(?:[ -]\d+)*$/.test(phone)) return false;
  const digits = phone.replace(/\D/g, '');
  if (phone.startsWith('+')) return digits.length >= 8 && digits.length <= 15;
  if (digits.startsWith('0')) return digits.length >= 6 && digits.length <= 12;
  return digits.length >= 3 && digits.length <= 6;
}

const CONFIG_KEYS = ['version', 'contacts'] as const;
const CONTACT_KEYS = ['id', 'kind', 'name', 'phone', 'hours', 'languages', 'note'] as const;

function checkContact(value: unknown, path: string, errors: string[]): void {
  if (!checkObject(value, path, CONTACT_KEYS, errors)) return;
  checkString(value.id, pathOf(path, 'id'), errors);
  checkOneOf(value.kind, ADVICE_KINDS, pathOf(path, 'kind'), errors);
  checkLocalizedText(value.name, pathOf(path, 'name'), errors);
  const phonePath = pathOf(path, 'phone');
  if (checkString(value.phone, phonePath, errors) && !isPlausiblePhone(value.phone)) {
    errors.push(`${phonePath}: "${value.phone}" is not a plausible phone number (e.g. 112, 116117, 09 2525 0111, +358 9 2525 0111)`);
  }
  checkLocalizedText(value.hours, pathOf(path, 'hours'), errors);
  const languagesPath = pathOf(path, 'languages');
  if (checkArray(value.languages, languagesPath, errors)) {
    if (value.languages.length === 0) errors.push(`${languagesPath}: must name at least one language`);
    const seen = new Set<unknown>();
    value.languages.forEach((lang, index) => {
      const langPath = pathOf(languagesPath, index);
      if (!checkOneOf(lang, LANGUAGES, langPath, errors)) return;
      if (seen.has(lang)) errors.push(`${langPath}: "${lang}" is listed twice`);
      seen.add(lang);
    });
  }
  if (value.note !== undefined) checkLocalizedText(value.note, pathOf(path, 'note'), errors);
}

/** Every advice kind needs a contact: advice without a number to call is no help. */
export function validateWhereToTurn(value: unknown): { config?: WhereToTurnConfig; errors: string[] } {
  const errors: string[] = [];
  if (!checkObject(value, '', CONFIG_KEYS, errors)) return { errors };
  checkInteger(value.version, 'version', errors, { min: 1 });
  if (checkArray(value.contacts, 'contacts', errors)) {
    value.contacts.forEach((contact, index) => checkContact(contact, pathOf('contacts', index), errors));
    checkUniqueIds(value.contacts.map((c) => (isRecord(c) ? c.id : undefined)), 'contacts', errors);
    const kinds = new Set(value.contacts.map((c) => (isRecord(c) ? c.kind : undefined)));
    for (const kind of ADVICE_KINDS) {
      if (!kinds.has(kind)) errors.push(`contacts: no contact for advice kind "${kind}"`);
    }
  }
  if (errors.length > 0) return { errors };
  return { config: structuredClone(value) as unknown as WhereToTurnConfig, errors };
}
