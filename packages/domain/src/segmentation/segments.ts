/**
 * The four client segments of the two-sided, Suuntima-style segmentation (DOMAIN.md §1:
 * self-acting, cooperating, community, network). The codes are Ovi's; their names, the
 * questions, the thresholds and the mapping are configuration (settings.ts), because the
 * national service's own rules are not public.
 */
import { OVI_FHIR_BASE } from '../codes';
import type { LocalizedText } from '../types';

export const SEGMENTS = ['self-acting', 'cooperating', 'community', 'network'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const isSegment = (value: unknown): value is Segment => typeof value === 'string' && (SEGMENTS as readonly string[]).includes(value);

export const SEGMENTATION_SYSTEMS = {
  /** The segment codes (valueCodeableConcept of the segment Observation). */
  segment: `${OVI_FHIR_BASE}/CodeSystem/client-segment`,
  /** The Observation's code and its components' codes. */
  observation: `${OVI_FHIR_BASE}/CodeSystem/segmentation`,
  /** The answer codes of the two questionnaires. */
  answer: `${OVI_FHIR_BASE}/CodeSystem/segmentation-answer`,
} as const;

/** `Observation.code`: "client segment"; components: the two scores. */
export const SEGMENT_OBSERVATION_CODE = 'client-segment';
export const RESOURCES_SCORE_CODE = 'resources-score';
export const DEMAND_SCORE_CODE = 'demand-score';

/** R4's standard extension for an answer option's score (higher = more of what is measured). */
export const ORDINAL_VALUE_EXTENSION_URL = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';

export const CLIENT_RESOURCES_QUESTIONNAIRE_URL = `${OVI_FHIR_BASE}/Questionnaire/segmentation-client-resources`;
export const PROFESSIONAL_DEMAND_QUESTIONNAIRE_URL = `${OVI_FHIR_BASE}/Questionnaire/segmentation-professional-demand`;

/** Which side of the segmentation a questionnaire is, by its canonical URL (a `|version` ignored). */
export function segmentationSide(questionnaire: string | undefined): 'client' | 'professional' | undefined {
  const url = questionnaire?.split('|')[0];
  if (url === CLIENT_RESOURCES_QUESTIONNAIRE_URL) return 'client';
  if (url === PROFESSIONAL_DEMAND_QUESTIONNAIRE_URL) return 'professional';
  return undefined;
}

/** The published Finnish names (omatoimi-, yhteistyö-, yhteisö-, verkostoasiakkuus) and Ovi's Swedish and English. */
export const DEFAULT_SEGMENT_LABELS: Record<Segment, LocalizedText> = {
  'self-acting': { fi: 'Omatoimiasiakkuus', sv: 'Självständig klient', en: 'Self-acting client' },
  cooperating: { fi: 'Yhteistyöasiakkuus', sv: 'Samarbetsklient', en: 'Cooperating client' },
  community: { fi: 'Yhteisöasiakkuus', sv: 'Gemenskapsklient', en: 'Community client' },
  network: { fi: 'Verkostoasiakkuus', sv: 'Nätverksklient', en: 'Network client' },
};
