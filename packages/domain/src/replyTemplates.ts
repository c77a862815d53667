/**
 * Ready-made replies to the resident, per guidance outcome, in Finnish, Swedish and English.
 * An administrator edits them (a versioned setting); in the decision form a professional picks
 * one, which fills the message in the client's preferred language, and edits it before sending.
 */
import { GUIDANCE_OUTCOMES, type GuidanceOutcome, type Language, type LocalizedText } from './types';

export const REPLY_TEMPLATE_LANGUAGES: readonly Language[] = ['fi', 'sv', 'en'];

export const REPLY_TEMPLATE_LIMITS = {
  /** A template's short name in the picker. */
  title: 80,
  /** The message itself (the decision note may be up to 4000; a template leaves room to add). */
  text: 2000,
  perOutcome: 10,
  total: 50,
  /** `solved-answered`: lower-case letters, digits and hyphens. */
  id: 40,
} as const;

export interface ReplyTemplate {
  id: string;
  outcome: GuidanceOutcome;
  title: LocalizedText;
  text: LocalizedText;
}

export interface ReplyTemplateSet {
  templates: ReplyTemplate[];
}

export type ReplyTemplateProblemCode =
  | 'not-object'
  | 'not-list'
  | 'unknown-property'
  | 'required'
  | 'too-long'
  | 'unknown-outcome'
  | 'bad-id'
  | 'duplicate-id'
  | 'too-many'
  | 'too-many-for-outcome';

/** One problem, with the path of the value (`templates[2].text.sv`) so a form can place it. */
export interface ReplyTemplateProblem {
  path: string;
  code: ReplyTemplateProblemCode;
  /** For `too-long` and the counts: the limit. */
  max?: number;
}

const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TEMPLATE_KEYS = ['id', 'outcome', 'title', 'text'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function checkTexts(value: unknown, path: string, max: number, problems: ReplyTemplateProblem[]): LocalizedText | undefined {
  if (!isRecord(value)) {
    problems.push({ path, code: 'not-object' });
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!(REPLY_TEMPLATE_LANGUAGES as readonly string[]).includes(key)) problems.push({ path: `${path}.${key}`, code: 'unknown-property' });
  }
  const texts: Partial<LocalizedText> = {};
  for (const lang of REPLY_TEMPLATE_LANGUAGES) {
    const text = value[lang];
    if (typeof text !== 'string' || text.trim() === '') problems.push({ path: `${path}.${lang}`, code: 'required' });
    else if (text.trim().length > max) problems.push({ path: `${path}.${lang}`, code: 'too-long', max });
    else texts[lang] = text.trim();
  }
  return texts.fi !== undefined && texts.sv !== undefined && texts.en !== undefined ? (texts as LocalizedText) : undefined;
}

/**
 * Checks a template set that arrives as untyped JSON (`version` may ride along and is ignored):
 * known outcomes, a text in every language, the length limits, unique ids. Texts are trimmed.
 */
export function validateReplyTemplates(value: unknown): { set?: ReplyTemplateSet; problems: ReplyTemplateProblem[] } {
  const problems: ReplyTemplateProblem[] = [];
  if (!isRecord(value)) return { problems: [{ path: '', code: 'not-object' }] };
  for (const key of Object.keys(value)) if (key !== 'templates' && key !== 'version') problems.push({ path: key, code: 'unknown-property' });
  const list = value.templates;
  if (!Array.isArray(list)) return { problems: [...problems, { path: 'templates', code: 'not-list' }] };
  if (list.length > REPLY_TEMPLATE_LIMITS.total) problems.push({ path: 'templates', code: 'too-many', max: REPLY_TEMPLATE_LIMITS.total });
  const templates: ReplyTemplate[] = [];
  const ids = new Set<string>();
  list.forEach((raw: unknown, index) => {
    const path = `templates[${index}]`;
    if (!isRecord(raw)) {
      problems.push({ path, code: 'not-object' });
      return;
    }
    for (const key of Object.keys(raw)) if (!TEMPLATE_KEYS.includes(key)) problems.push({ path: `${path}.${key}`, code: 'unknown-property' });
    const id = raw.id;
    let idOk = false;
    if (typeof id !== 'string' || id === '') problems.push({ path: `${path}.id`, code: 'required' });
    else if (id.length > REPLY_TEMPLATE_LIMITS.id || !ID_PATTERN.test(id)) problems.push({ path: `${path}.id`, code: 'bad-id', max: REPLY_TEMPLATE_LIMITS.id });
    else if (ids.has(id)) problems.push({ path: `${path}.id`, code: 'duplicate-id' });
    else idOk = true;
    if (typeof id === 'string') ids.add(id);
    const outcome = raw.outcome;
    const outcomeOk = typeof outcome === 'string' && (GUIDANCE_OUTCOMES as readonly string[]).includes(outcome);
    if (!outcomeOk) problems.push({ path: `${path}.outcome`, code: outcome === undefined || outcome === '' ? 'required' : 'unknown-outcome' });
    const title = checkTexts(raw.title, `${path}.title`, REPLY_TEMPLATE_LIMITS.title, problems);
    const text = checkTexts(raw.text, `${path}.text`, REPLY_TEMPLATE_LIMITS.text, problems);
    if (idOk && outcomeOk && title && text) templates.push({ id: id as string, outcome: outcome as GuidanceOutcome, title, text });
  });
  for (const outcome of GUIDANCE_OUTCOMES) {
    if (list.filter((t: unknown) => isRecord(t) && t.outcome === outcome).length > REPLY_TEMPLATE_LIMITS.perOutcome) {
      problems.push({ path: 'templates', code: 'too-many-for-outcome', max: REPLY_TEMPLATE_LIMITS.perOutcome });
    }
  }
  return problems.length > 0 ? { problems } : { set: { templates }, problems };
}

/** A problem in plain English, for the API's OperationOutcome. */
export function describeReplyTemplateProblem(problem: ReplyTemplateProblem): string {
  const where = problem.path || '(body)';
  switch (problem.code) {
    case 'not-object':
      return `${where}: must be an object`;
    case 'not-list':
      return `${where}: must be a list of templates`;
    case 'unknown-property':
      return `${where}: unknown property`;
    case 'required':
      return `${where}: is required (a text in Finnish, Swedish and English)`;
    case 'too-long':
      return `${where}: is longer than ${problem.max ?? 0} characters`;
    case 'unknown-outcome':
      return `${where}: must be one of ${GUIDANCE_OUTCOMES.join(', ')}`;
    case 'bad-id':
      return `${where}: must be lower-case letters, digits and hyphens, at most ${problem.max ?? 0} characters`;
    case 'duplicate-id':
      return `${where}: another template has the same id`;
    case 'too-many':
      return `${where}: at most ${problem.max ?? 0} templates`;
    case 'too-many-for-outcome':
      return `${where}: at most ${problem.max ?? 0} templates per outcome`;
  }
}

/** The templates of one outcome, in the order the administrator gave them. */
export function templatesFor(set: ReplyTemplateSet, outcome: GuidanceOutcome): ReplyTemplate[] {
  return set.templates.filter((t) => t.outcome === outcome);
}

const t = (fi: string, sv: string, en: string): LocalizedText => ({ fi, sv, en });

/**
 * Ovi's starting set. A booked visit gets its message from the booking itself (time, place,
 * professional), so it has no template of its own here; an administrator may add one.
 */
export const defaultReplyTemplates: ReplyTemplateSet = {
  templates: [
    {
      id: 'solved-answered',
      outcome: 'solved',
      title: t('Asia hoidettu', 'Ärendet är skött', 'Matter dealt with'),
      text: t(
        'Kiitos yhteydenotostasi. Kävimme asiasi läpi, ja se on nyt hoidettu. Jos tilanteesi muuttuu tai oireet pahenevat, ota uudelleen yhteyttä.',
        'Tack för att du kontaktade oss. Vi gick igenom ditt ärende och det är nu skött. Om din situation förändras eller symtomen blir värre, kontakta oss igen.',
        'Thank you for contacting us. We went through your matter and it has now been dealt with. If your situation changes or your symptoms get worse, please contact us again.',
      ),
    },
    {
      id: 'self-care-advice',
      outcome: 'self-care',
      title: t('Kotihoito-ohjeet', 'Egenvårdsråd', 'Self-care advice'),
      text: t(
        'Kiitos yhteydenotostasi. Oireesi sopivat kotihoitoon. Toimi niiden ohjeiden mukaan, jotka kävimme läpi. Jos oireet eivät helpota viikon kuluessa tai ne pahenevat, ota uudelleen yhteyttä.',
        'Tack för att du kontaktade oss. Dina symtom kan skötas hemma. Följ de råd som vi gick igenom. Om symtomen inte lindras inom en vecka eller blir värre, kontakta oss igen.',
        'Thank you for contacting us. Your symptoms can be cared for at home. Follow the advice we went through. If your symptoms do not ease within a week or they get worse, please contact us again.',
      ),
    },
    {
      id: 'routed-team-contacts',
      outcome: 'routed',
      title: t('Ammattilainen ottaa yhteyttä', 'En yrkesperson kontaktar dig', 'A professional will contact you'),
      text: t(
        'Kiitos yhteydenotostasi. Olemme välittäneet asiasi eteenpäin, ja ammattilainen ottaa sinuun yhteyttä. Jos tilanteesi pahenee sitä ennen, ota uudelleen yhteyttä.',
        'Tack för att du kontaktade oss. Vi har skickat ditt ärende vidare och en yrkesperson kontaktar dig. Om din situation blir värre innan dess, kontakta oss igen.',
        'Thank you for contacting us. We have passed your matter on, and a professional will contact you. If your situation gets worse before then, please contact us again.',
      ),
    },
    {
      id: 'emergency-now',
      outcome: 'emergency',
      title: t('Hakeudu päivystykseen', 'Sök dig till jouren', 'Go to emergency care'),
      text: t(
        'Oireesi pitää arvioida heti. Hakeudu päivystykseen nyt. Jos tilanne on hengenvaarallinen, soita 112.',
        'Dina symtom behöver bedömas genast. Sök dig till jouren nu. Om läget är livshotande, ring 112.',
        'Your symptoms need to be assessed straight away. Go to emergency care now. If it is life-threatening, call 112.',
      ),
    },
  ],
};
