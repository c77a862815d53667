/**
 * The client-feedback survey after a visit or a closed contact (pure): its structure, its checks
 * and the default texts.
 *
 * The structure is THL's national client feedback (kansallinen asiakaspalaute, DOMAIN.md §5):
 * likelihood to recommend on 0–10 (reported as NPS), **two to seven basic statements** on the
 * national themes (access, encounter and participation, safety, information and its
 * understandability, usefulness), the region's **own statements** appended at the end, and free
 * text. Everything the resident reads is configuration in Finnish, Swedish and English.
 *
 * UNVERIFIED: the exact wording of THL's basic statements and their answer scale were not
 * available (the THL working paper is not in the sources). The default texts below are Ovi's
 * own plain-language drafts on the national themes, and the 5-point agreement scale with
 * "don't know" is an inference from THL's reported x/5 results. Replace them with THL's
 * wording through `PUT /api/admin/feedback-survey` when it is at hand.
 */
import type { GuidanceOutcome, Language, LocalizedText } from '../types';
import { GUIDANCE_OUTCOMES } from '../types';
import { checkBoolean, checkInteger, checkLocalizedText, checkObject, checkOneOf, checkString, checkUniqueIds, pathOf } from '../validation';

/** The national themes of the basic statements; `own` is the region's own statement. */
export const FEEDBACK_THEMES = ['access', 'encounter', 'participation', 'safety', 'information', 'usefulness', 'own'] as const;
export type FeedbackTheme = (typeof FEEDBACK_THEMES)[number];

/** How many basic (national-theme) statements a survey has: THL's two to seven. */
export const BASIC_STATEMENTS = { min: 2, max: 7 } as const;
/** The region's own statements at most (short enough for a phone right after the visit). */
export const MAX_OWN_STATEMENTS = 5;
/** The answer code of "don't know / does not concern me". */
export const DONT_KNOW = 'dont-know';

export interface FeedbackStatement {
  /** Stable id: answers and results are stored under it (letters, digits, `-`). */
  id: string;
  theme: FeedbackTheme;
  text: LocalizedText;
}

export interface FeedbackScaleStep {
  /** Stored answer code, e.g. `1` … `5`. */
  code: string;
  text: LocalizedText;
}

export interface FeedbackSurvey {
  title: LocalizedText;
  intro: LocalizedText;
  recommend: { text: LocalizedText; low: LocalizedText; high: LocalizedText };
  statements: FeedbackStatement[];
  /** The agreement scale, from the most negative to the most positive. */
  scale: FeedbackScaleStep[];
  /** Whether "don't know" is offered beside the scale. */
  dontKnow: { offered: boolean; text: LocalizedText };
  freeText: LocalizedText;
  /** The offer to leave contact details for a reply (only if the resident wants one). */
  contact: LocalizedText;
  /** Days a survey link stays open. */
  linkValidDays: number;
  /** Which closed contacts get a survey (a realised visit always does). */
  contactOutcomes: GuidanceOutcome[];
  /** Where the wording comes from (shown to admins): the defaults say they are unverified. */
  source: string;
}

const TOP_KEYS = ['title', 'intro', 'recommend', 'statements', 'scale', 'dontKnow', 'freeText', 'contact', 'linkValidDays', 'contactOutcomes', 'source'];
const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Problems of a survey definition (empty when it may be used), each prefixed with its path. */
export function checkFeedbackSurvey(value: unknown): string[] {
  const errors: string[] = [];
  if (!checkObject(value, '', TOP_KEYS, errors)) return errors;
  for (const key of ['title', 'intro', 'freeText', 'contact'] as const) checkLocalizedText(value[key], key, errors);
  if (checkObject(value.recommend, 'recommend', ['text', 'low', 'high'], errors)) {
    for (const key of ['text', 'low', 'high'] as const) checkLocalizedText(value.recommend[key], pathOf('recommend', key), errors);
  }
  checkStatements(value.statements, errors);
  checkScale(value.scale, errors);
  if (checkObject(value.dontKnow, 'dontKnow', ['offered', 'text'], errors)) {
    checkBoolean(value.dontKnow.offered, 'dontKnow.offered', errors);
    checkLocalizedText(value.dontKnow.text, 'dontKnow.text', errors);
  }
  checkInteger(value.linkValidDays, 'linkValidDays', errors, { min: 1, max: 60 });
  if (!Array.isArray(value.contactOutcomes)) errors.push('contactOutcomes: must be an array of guidance outcomes');
  else value.contactOutcomes.forEach((o, i) => checkOneOf(o, GUIDANCE_OUTCOMES, pathOf('contactOutcomes', i), errors));
  checkString(value.source, 'source', errors);
  return errors;
}

function checkStatements(value: unknown, errors: string[]): void {
  if (!Array.isArray(value)) {
    errors.push('statements: must be an array');
    return;
  }
  value.forEach((s, i) => {
    const path = pathOf('statements', i);
    if (!checkObject(s, path, ['id', 'theme', 'text'], errors)) return;
    if (typeof s.id !== 'string' || !ID.test(s.id)) errors.push(`${pathOf(path, 'id')}: must be lower-case letters, digits and - (at most 40)`);
    checkOneOf(s.theme, FEEDBACK_THEMES, pathOf(path, 'theme'), errors);
    checkLocalizedText(s.text, pathOf(path, 'text'), errors);
  });
  checkUniqueIds(value.map((s: unknown) => (s as { id?: unknown } | null)?.id), 'statements', errors);
  const themes = value.map((s: unknown) => (s as { theme?: unknown } | null)?.theme);
  const basic = themes.filter((t) => t !== 'own').length;
  const own = themes.filter((t) => t === 'own').length;
  if (basic < BASIC_STATEMENTS.min || basic > BASIC_STATEMENTS.max) {
    errors.push(`statements: the national structure has ${BASIC_STATEMENTS.min}–${BASIC_STATEMENTS.max} basic statements, this has ${basic}`);
  }
  if (own > MAX_OWN_STATEMENTS) errors.push(`statements: at most ${MAX_OWN_STATEMENTS} own statements, this has ${own}`);
  // The region's own statements come after the national ones, as in the national structure.
  const firstOwn = themes.indexOf('own');
  if (firstOwn >= 0 && themes.slice(firstOwn).some((t) => t !== 'own')) errors.push('statements: the own statements must come after the basic statements');
}

function checkScale(value: unknown, errors: string[]): void {
  if (!Array.isArray(value) || value.length < 2 || value.length > 7) {
    errors.push('scale: must list 2–7 answer steps');
    return;
  }
  value.forEach((step, i) => {
    const path = pathOf('scale', i);
    if (!checkObject(step, path, ['code', 'text'], errors)) return;
    if (typeof step.code !== 'string' || !ID.test(step.code) || step.code === DONT_KNOW) errors.push(`${pathOf(path, 'code')}: must be a short code other than ${DONT_KNOW}`);
    checkLocalizedText(step.text, pathOf(path, 'text'), errors);
  });
  checkUniqueIds(value.map((s: unknown) => (s as { code?: unknown } | null)?.code), 'scale', errors);
}

/** The answer codes a statement accepts under this survey. */
export function answerCodes(survey: FeedbackSurvey): string[] {
  return [...survey.scale.map((s) => s.code), ...(survey.dontKnow.offered ? [DONT_KNOW] : [])];
}

/** The survey's texts in one language, as the resident's page shows them. */
export function surveyIn(survey: FeedbackSurvey, language: Language) {
  return {
    title: survey.title[language],
    intro: survey.intro[language],
    recommend: { text: survey.recommend.text[language], low: survey.recommend.low[language], high: survey.recommend.high[language] },
    statements: survey.statements.map((s) => ({ id: s.id, theme: s.theme, text: s.text[language] })),
    scale: survey.scale.map((s) => ({ code: s.code, text: s.text[language] })),
    dontKnow: survey.dontKnow.offered ? { code: DONT_KNOW, text: survey.dontKnow.text[language] } : null,
    freeText: survey.freeText[language],
    contact: survey.contact[language],
  };
}

const t = (fi: string, sv: string, en: string): LocalizedText => ({ fi, sv, en });

/** Ovi's default survey: national themes, UNVERIFIED wording (see the module comment). */
export const DEFAULT_FEEDBACK_SURVEY: FeedbackSurvey = {
  title: t('Miten onnistuimme?', 'Hur lyckades vi?', 'How did we do?'),
  intro: t(
    'Kerro lyhyesti kokemuksestasi. Vastaat nimettömästi: yksikkö näkee vastaukset ilman nimeäsi.',
    'Berätta kort om din upplevelse. Du svarar anonymt: enheten ser svaren utan ditt namn.',
    'Tell us briefly about your experience. You answer anonymously: the unit sees the answers without your name.',
  ),
  recommend: {
    text: t(
      'Kuinka todennäköisesti suosittelisit palvelua läheisillesi, jos he tarvitsisivat vastaavaa palvelua?',
      'Hur sannolikt är det att du skulle rekommendera tjänsten till dina närstående om de behövde en liknande tjänst?',
      'How likely would you be to recommend this service to people close to you if they needed similar help?',
    ),
    low: t('0 = en lainkaan todennäköisesti', '0 = inte alls sannolikt', '0 = not at all likely'),
    high: t('10 = erittäin todennäköisesti', '10 = mycket sannolikt', '10 = extremely likely'),
  },
  statements: [
    { id: 'access', theme: 'access', text: t('Sain apua silloin, kun sitä tarvitsin.', 'Jag fick hjälp när jag behövde den.', 'I got help when I needed it.') },
    { id: 'encounter', theme: 'encounter', text: t('Minua kohdeltiin arvostavasti.', 'Jag blev bemött med respekt.', 'I was treated with respect.') },
    {
      id: 'participation',
      theme: 'participation',
      text: t('Asiaani koskevat päätökset tehtiin yhdessä kanssani.', 'Beslut om mitt ärende fattades tillsammans med mig.', 'Decisions about my matter were made together with me.'),
    },
    { id: 'safety', theme: 'safety', text: t('Oloni oli turvallinen asioinnin aikana.', 'Jag kände mig trygg under besöket.', 'I felt safe during the visit.') },
    { id: 'information', theme: 'information', text: t('Saamani tieto oli ymmärrettävää.', 'Informationen jag fick var begriplig.', 'The information I was given was easy to understand.') },
    { id: 'usefulness', theme: 'usefulness', text: t('Palvelusta oli minulle hyötyä.', 'Tjänsten var till nytta för mig.', 'The service was useful to me.') },
  ],
  scale: [
    { code: '1', text: t('Täysin eri mieltä', 'Helt av annan åsikt', 'Strongly disagree') },
    { code: '2', text: t('Jokseenkin eri mieltä', 'Delvis av annan åsikt', 'Somewhat disagree') },
    { code: '3', text: t('Ei samaa eikä eri mieltä', 'Varken av samma eller annan åsikt', 'Neither agree nor disagree') },
    { code: '4', text: t('Jokseenkin samaa mieltä', 'Delvis av samma åsikt', 'Somewhat agree') },
    { code: '5', text: t('Täysin samaa mieltä', 'Helt av samma åsikt', 'Strongly agree') },
  ],
  dontKnow: { offered: true, text: t('En osaa sanoa', 'Kan inte säga', "Don't know") },
  freeText: t('Mitä muuta haluat kertoa?', 'Vad mer vill du berätta?', 'What else would you like to tell us?'),
  contact: t(
    'Jos haluat, että sinuun otetaan yhteyttä palautteesi vuoksi, jätä sähköpostiosoitteesi. Silloin vastauksesi ei ole nimetön.',
    'Om du vill att vi kontaktar dig om din respons, lämna din e-postadress. Då är ditt svar inte anonymt.',
    'If you would like us to contact you about your feedback, leave your e-mail address. Your answer is then not anonymous.',
  ),
  linkValidDays: 14,
  contactOutcomes: ['solved', 'self-care'],
  source: 'UNVERIFIED: Ovi drafts on THL national feedback themes (DOMAIN.md §5); replace with the THL working paper wording',
};
