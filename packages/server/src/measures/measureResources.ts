/**
 * The indicators as FHIR R4 resources: each a `Measure`, each evaluation a `MeasureReport` of
 * type `summary` (populations with counts, `measureScore`, stratifiers for unit, municipality,
 * age group and profession). A hidden count or score is left out and marked with the standard
 * data-absent-reason extension, code `masked`. No subject and no evaluatedResource: a summary
 * names no one.
 */
import type { Measure, MeasureGroup, MeasureReport, MeasureReportGroup, MeasureReportGroupPopulation, MeasureReportGroupStratifierStratum, Extension, Quantity } from '@medplum/fhirtypes';
import { OVI_FHIR_BASE, type IndicatorDefinition, type PublishedIndicator, type PublishedStratum, type Stratifier } from '@ovi/domain';

export const MEASURE_SCORING = 'http://terminology.hl7.org/CodeSystem/measure-scoring';
export const MEASURE_POPULATION = 'http://terminology.hl7.org/CodeSystem/measure-population';
export const IMPROVEMENT_NOTATION = 'http://terminology.hl7.org/CodeSystem/measure-improvement-notation';
export const DATA_ABSENT_REASON = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason';
export const STRATIFIER_SYSTEM = `${OVI_FHIR_BASE}/CodeSystem/measure-stratifier`;
export const THEME_SYSTEM = `${OVI_FHIR_BASE}/CodeSystem/measure-theme`;
export const MEASURE_GROUP_SYSTEM = `${OVI_FHIR_BASE}/CodeSystem/measure-group`;
export const TARGET_EXTENSION = `${OVI_FHIR_BASE}/StructureDefinition/measure-target`;
/** On a stratum: the figures are not shown because one professional did all the handling (decision 009). */
export const ONE_PROFESSIONAL_EXTENSION = `${OVI_FHIR_BASE}/StructureDefinition/one-professional`;

const masked: Extension = { url: DATA_ABSENT_REASON, valueCode: 'masked' };
const populationCode = (code: string) => ({ coding: [{ system: MEASURE_POPULATION, code }] });
const UCUM = 'http://unitsofmeasure.org';

/** The populations a group of this scoring has, FHIR codes (a net score such as NPS has no numerator of its own). */
function populationCodes(definition: IndicatorDefinition, group?: string): string[] {
  if (definition.groups.find((g) => g.code === group)?.net) return ['initial-population', 'denominator'];
  return definition.scoring === 'proportion' ? ['initial-population', 'denominator', 'numerator'] : ['initial-population', 'measure-population'];
}

function targetOf(definition: IndicatorDefinition, group: string): Extension[] {
  const t = definition.target;
  if (!t || t.group !== group) return [];
  const quantity: Quantity = definition.scoring === 'proportion' ? { value: t.value, comparator: t.comparator, unit: '1', system: UCUM, code: '1' } : { value: t.value, comparator: t.comparator, unit: definition.unit, system: UCUM, code: definition.unit };
  return [{ url: TARGET_EXTENSION, valueQuantity: quantity }];
}

export function measureUrl(baseUrl: string, id: string): string {
  return `${baseUrl}/Measure/${id}`;
}

export function measureResource(baseUrl: string, definition: IndicatorDefinition): Measure {
  const group: MeasureGroup[] = definition.groups.map((g) => ({
    ...(targetOf(definition, g.code).length > 0 ? { extension: targetOf(definition, g.code) } : {}),
    code: { coding: [{ system: MEASURE_GROUP_SYSTEM, code: g.code }], text: g.description },
    // The criteria are computed in SQL (storage/indicatorCounts.ts), not in an expression
    // language a client could run, so they are stated in words.
    population: populationCodes(definition, g.code).map((code) => {
      const text = code === 'numerator' ? g.description : `The ${definition.counts}s counted (see the description)`;
      return { code: populationCode(code), description: text, // The value set is extensible: text/plain names plain words honestly.
      criteria: { language: 'text/plain' as 'text/cql', expression: text } };
    }),
    stratifier: definition.stratifiers.map((s) => ({ code: { coding: [{ system: STRATIFIER_SYSTEM, code: s }] } })),
  }));
  return {
    resourceType: 'Measure',
    id: definition.id,
    url: measureUrl(baseUrl, definition.id),
    name: definition.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
    title: definition.title,
    status: 'active',
    description: definition.description,
    topic: [{ coding: [{ system: THEME_SYSTEM, code: definition.theme }] }],
    scoring: { coding: [{ system: MEASURE_SCORING, code: definition.scoring }] },
    improvementNotation: { coding: [{ system: IMPROVEMENT_NOTATION, code: definition.improvement }] },
    group,
  };
}

function score(definition: IndicatorDefinition, value: number | null, group?: string): Quantity {
  if (value === null) return { extension: [masked] };
  // NPS: points from −100 to 100, a UCUM annotation.
  if (definition.groups.find((g) => g.code === group)?.net) return { value, unit: 'score', system: UCUM, code: '{score}' };
  return definition.scoring === 'proportion' ? { value, unit: '1', system: UCUM, code: '1' } : { value, unit: definition.unit, system: UCUM, code: definition.unit };
}

function populations(definition: IndicatorDefinition, stratum: PublishedStratum, group: string): MeasureReportGroupPopulation[] {
  return populationCodes(definition, group).map((code) => {
    const count = code === 'numerator' ? stratum.numerators[group] ?? null : stratum.population;
    return count === null ? { code: populationCode(code), extension: [masked] } : { code: populationCode(code), count };
  });
}

/** A stratum: hidden ones carry the mark only, no count and no score. */
function stratumOf(definition: IndicatorDefinition, stratum: PublishedStratum, group: string, label: (value: string) => string): MeasureReportGroupStratifierStratum {
  const value = { coding: [{ code: stratum.value }], text: label(stratum.value) };
  if (stratum.hidden) return { extension: [masked], value };
  return {
    ...(stratum.oneProfessional ? { extension: [{ url: ONE_PROFESSIONAL_EXTENSION, valueBoolean: true }] } : {}),
    value,
    population: populations(definition, stratum, group),
    measureScore: score(definition, stratum.scores[group] ?? null, group),
  };
}

export interface ReportArgs {
  baseUrl: string;
  definition: IndicatorDefinition;
  published: PublishedIndicator;
  period: { start: string; end: string };
  /** A display name for a stratum value (unit names); the value itself when none. */
  label?: (stratifier: Stratifier, value: string) => string | undefined;
  now: Date;
}

export function measureReport({ baseUrl, definition, published, period, label, now }: ReportArgs): MeasureReport {
  const group: MeasureReportGroup[] = definition.groups.map((g) => ({
    code: { coding: [{ system: MEASURE_GROUP_SYSTEM, code: g.code }], text: g.description },
    population: published.total.hidden ? populationCodes(definition, g.code).map((code) => ({ code: populationCode(code), extension: [masked] })) : populations(definition, published.total, g.code),
    measureScore: score(definition, published.total.hidden ? null : published.total.scores[g.code] ?? null, g.code),
    stratifier: definition.stratifiers.map((s) => {
      const strata = (published.strata[s] ?? []).map((st) => stratumOf(definition, st, g.code, (v) => label?.(s, v) ?? v));
      // An empty period has no strata: FHIR leaves the element out rather than send it empty.
      return { code: [{ coding: [{ system: STRATIFIER_SYSTEM, code: s }] }], ...(strata.length > 0 ? { stratum: strata } : {}) };
    }),
  }));
  return {
    resourceType: 'MeasureReport',
    status: 'complete',
    type: 'summary',
    measure: measureUrl(baseUrl, definition.id),
    date: now.toISOString(),
    period,
    improvementNotation: { coding: [{ system: IMPROVEMENT_NOTATION, code: definition.improvement }] },
    group,
  };
}
