/**
 * The segmentation rule as data (setting `segmentation`): where each axis turns, which segment
 * each of the four cells gives, how old an answer pair may be, and the names and care paths
 * shown for each segment. DOMAIN.md §1.2: only the two corner cells are published; the middle
 * cells, the names beyond Finnish and every threshold are Ovi's defaults for an administrator
 * to change.
 */
import type { Language, LocalizedText } from '../types';
import { DEFAULT_SEGMENT_LABELS, SEGMENTS, isSegment, type Segment } from './segments';

export const SEGMENTATION_SETTING = 'segmentation';

/** The four cells of the 2×2: resources strong or weak × health state light or demanding. */
export const SEGMENT_CELLS = ['strongLight', 'strongDemanding', 'weakLight', 'weakDemanding'] as const;
export type SegmentCell = (typeof SEGMENT_CELLS)[number];

export interface SegmentationSettings {
  /** A mean resources score at or above this is "strong resources" (the client's options score 0–3). */
  resourcesStrongFrom: number;
  /** A mean demand score at or above this is "demanding" (the professional's options score 0–3). */
  demandingFrom: number;
  /** The segment each cell gives. */
  mapping: Record<SegmentCell, Segment>;
  /** Each answer of the pair may be at most this many days old when the segment is made. */
  maxAnswerAgeDays: number;
  /** The client's and the professional's answers at most this many days apart. */
  maxPairGapDays: number;
  labels: Record<Segment, LocalizedText>;
  /** What the segment means for how care is arranged: shown to the professional (and the client). */
  carePaths: Record<Segment, LocalizedText>;
}

export const DEFAULT_SEGMENTATION_SETTINGS: SegmentationSettings = {
  resourcesStrongFrom: 2,
  demandingFrom: 1.5,
  // The corners are published; the middle cells are DOMAIN.md §1.2's inference.
  mapping: { strongLight: 'self-acting', strongDemanding: 'cooperating', weakLight: 'community', weakDemanding: 'network' },
  maxAnswerAgeDays: 90,
  maxPairGapDays: 30,
  labels: DEFAULT_SEGMENT_LABELS,
  carePaths: {
    'self-acting': {
      fi: 'Asiakas hoitaa asioitaan itse. Tarjoa digitaaliset palvelut, omahoidon välineet ja etäyhteys; vastaanotolle tarvittaessa.',
      sv: 'Klienten sköter sina ärenden själv. Erbjud digitala tjänster, egenvårdsverktyg och distanskontakt; mottagning vid behov.',
      en: 'The client manages on their own. Offer digital services, self-care tools and remote contact; visits when needed.',
    },
    cooperating: {
      fi: 'Asiakas pärjää, mutta terveydentila vaatii säännöllistä hoitoa. Sovi yhdessä hoitosuunnitelma ja nimetty hoitaja, joka seuraa tilannetta.',
      sv: 'Klienten klarar sig men hälsotillståndet kräver regelbunden vård. Gör upp en vårdplan tillsammans och utse en skötare som följer upp.',
      en: 'The client copes but the health state needs regular care. Agree a care plan together and name a nurse who follows up.',
    },
    community: {
      fi: 'Terveydentila on kevyt, mutta arjen voimavarat ovat heikot. Ohjaa läheisten, järjestöjen ja sosiaalipalvelujen tukeen.',
      sv: 'Hälsotillståndet är lätt men resurserna i vardagen är svaga. Hänvisa till stöd från närstående, organisationer och socialtjänsten.',
      en: 'The health state is light but everyday resources are weak. Guide to support from close people, NGOs and social services.',
    },
    network: {
      fi: 'Asiakas tarvitsee monen palvelun yhteistyötä. Nimeä omatyöntekijä ja tee yhteinen asiakassuunnitelma palvelujen kesken.',
      sv: 'Klienten behöver samarbete mellan flera tjänster. Utse en egen kontaktperson och gör en gemensam klientplan.',
      en: 'The client needs several services working together. Name a responsible worker and make one shared client plan.',
    },
  },
};

const LANGS: Language[] = ['fi', 'sv', 'en'];
const MAX_TEXT = 2000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function threshold(value: unknown, name: string, problems: string[]): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 10) problems.push(`${name}: a number from 0 to 10`);
}

function days(value: unknown, name: string, problems: string[]): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 3650) problems.push(`${name}: a whole number of days from 1 to 3650`);
}

function texts(value: unknown, name: string, problems: string[]): void {
  if (!isObject(value)) {
    problems.push(`${name}: the text for each segment (${SEGMENTS.join(', ')})`);
    return;
  }
  for (const key of Object.keys(value)) if (!isSegment(key)) problems.push(`${name}.${key.slice(0, 40)}: not a segment (${SEGMENTS.join(', ')})`);
  for (const segment of SEGMENTS) {
    const text = value[segment];
    for (const lang of LANGS) {
      const s = isObject(text) ? text[lang] : undefined;
      if (typeof s !== 'string' || s.trim() === '') problems.push(`${name}.${segment}.${lang}: a text in ${lang}`);
      else if (s.length > MAX_TEXT) problems.push(`${name}.${segment}.${lang}: at most ${MAX_TEXT} characters`);
    }
  }
}

/** Every problem of a new setting as `path: message`; empty when it may be stored. */
export function segmentationSettingsProblems(value: unknown): string[] {
  if (!isObject(value)) return ['The segmentation setting is an object'];
  const problems: string[] = [];
  const known = new Set(['resourcesStrongFrom', 'demandingFrom', 'mapping', 'maxAnswerAgeDays', 'maxPairGapDays', 'labels', 'carePaths']);
  for (const key of Object.keys(value)) if (!known.has(key)) problems.push(`${key.slice(0, 40)}: unknown field`);
  threshold(value.resourcesStrongFrom, 'resourcesStrongFrom', problems);
  threshold(value.demandingFrom, 'demandingFrom', problems);
  if (!isObject(value.mapping)) problems.push(`mapping: a segment for each of ${SEGMENT_CELLS.join(', ')}`);
  else {
    for (const key of Object.keys(value.mapping)) if (!(SEGMENT_CELLS as readonly string[]).includes(key)) problems.push(`mapping.${key.slice(0, 40)}: not a cell (${SEGMENT_CELLS.join(', ')})`);
    for (const cell of SEGMENT_CELLS) if (!isSegment(value.mapping[cell])) problems.push(`mapping.${cell}: one of ${SEGMENTS.join(', ')}`);
  }
  days(value.maxAnswerAgeDays, 'maxAnswerAgeDays', problems);
  days(value.maxPairGapDays, 'maxPairGapDays', problems);
  texts(value.labels, 'labels', problems);
  texts(value.carePaths, 'carePaths', problems);
  return problems;
}
