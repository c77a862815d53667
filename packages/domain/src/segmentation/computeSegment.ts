/**
 * From a pair of answers to a segment (pure): each side's score is the mean of the
 * `ordinalValue`s of the options chosen; the two thresholds split each axis in two; the
 * mapping names the segment of the cell. A segment only suggests how care is arranged: it
 * never sets a contact's urgency or decides whether someone is helped (docs/SAFETY.md H21).
 */
import type { Questionnaire, QuestionnaireItem, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { ORDINAL_VALUE_EXTENSION_URL, type Segment } from './segments';
import type { SegmentCell, SegmentationSettings } from './settings';

export interface SideScore {
  /** The mean of the chosen options' scores. */
  score: number;
  /** How many scored questions were answered. */
  answered: number;
}

function flatItems(items: QuestionnaireItem[] | undefined): QuestionnaireItem[] {
  return (items ?? []).flatMap((i) => [i, ...flatItems(i.item)]);
}

function flatAnswers(items: QuestionnaireResponseItem[] | undefined): QuestionnaireResponseItem[] {
  return (items ?? []).flatMap((i) => [i, ...flatAnswers(i.item), ...(i.answer ?? []).flatMap((a) => flatAnswers(a.item))]);
}

/** The score of an answer option: its `ordinalValue` (on the option or its coding), if any. */
function optionScore(option: NonNullable<QuestionnaireItem['answerOption']>[number]): number | undefined {
  const ext = [...(option.extension ?? []), ...(option.valueCoding?.extension ?? [])].find((e) => e.url === ORDINAL_VALUE_EXTENSION_URL);
  return typeof ext?.valueDecimal === 'number' && Number.isFinite(ext.valueDecimal) ? ext.valueDecimal : undefined;
}

/**
 * The side's score from the response and the questionnaire version it answers; undefined
 * when no scored question was answered. Questions without scores (free text) do not count.
 */
export function scoreResponse(questionnaire: Questionnaire, response: QuestionnaireResponse): SideScore | undefined {
  const questions = new Map(flatItems(questionnaire.item).map((q) => [q.linkId, q]));
  const scores: number[] = [];
  for (const item of flatAnswers(response.item)) {
    const question = questions.get(item.linkId);
    if (!question?.answerOption) continue;
    for (const answer of item.answer ?? []) {
      const coding = answer.valueCoding;
      if (!coding) continue;
      const option = question.answerOption.find((o) => o.valueCoding?.code === coding.code && (o.valueCoding?.system ?? '') === (coding.system ?? ''));
      const score = option ? optionScore(option) : undefined;
      if (score !== undefined) scores.push(score);
    }
  }
  if (scores.length === 0) return undefined;
  // Rounded to two decimals so a boundary like 2.0 is not missed by 1.9999999.
  const score = Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100;
  return { score, answered: scores.length };
}

export interface SegmentResult {
  segment: Segment;
  cell: SegmentCell;
  resourcesStrong: boolean;
  demanding: boolean;
}

/** The segment of a resources score and a demand score under the setting (at a threshold counts as above it). */
export function segmentFor(scores: { resources: number; demand: number }, settings: Pick<SegmentationSettings, 'resourcesStrongFrom' | 'demandingFrom' | 'mapping'>): SegmentResult {
  const resourcesStrong = scores.resources >= settings.resourcesStrongFrom;
  const demanding = scores.demand >= settings.demandingFrom;
  const cell: SegmentCell = resourcesStrong ? (demanding ? 'strongDemanding' : 'strongLight') : demanding ? 'weakDemanding' : 'weakLight';
  return { segment: settings.mapping[cell], cell, resourcesStrong, demanding };
}

export interface AnswerPair {
  client?: { authored: string };
  professional?: { authored: string };
}

export type PairProblem =
  | { kind: 'missing'; side: 'client' | 'professional' }
  | { kind: 'stale'; side: 'client' | 'professional'; ageDays: number; maxDays: number }
  | { kind: 'apart'; gapDays: number; maxDays: number };

const DAY_MS = 86_400_000;

/** What stops the pair from giving a segment now: a side missing, an answer too old, or the two too far apart. */
export function pairProblems(pair: AnswerPair, at: Date, settings: Pick<SegmentationSettings, 'maxAnswerAgeDays' | 'maxPairGapDays'>): PairProblem[] {
  const problems: PairProblem[] = [];
  const times: Partial<Record<'client' | 'professional', number>> = {};
  for (const side of ['client', 'professional'] as const) {
    const answer = pair[side];
    if (!answer) {
      problems.push({ kind: 'missing', side });
      continue;
    }
    const t = Date.parse(answer.authored);
    times[side] = t;
    const ageDays = Math.floor((at.getTime() - t) / DAY_MS);
    // Older than the limit: a day at the limit itself still counts as fresh.
    if (ageDays > settings.maxAnswerAgeDays) problems.push({ kind: 'stale', side, ageDays, maxDays: settings.maxAnswerAgeDays });
  }
  if (times.client !== undefined && times.professional !== undefined) {
    const gapDays = Math.floor(Math.abs(times.client - times.professional) / DAY_MS);
    if (gapDays > settings.maxPairGapDays) problems.push({ kind: 'apart', gapDays, maxDays: settings.maxPairGapDays });
  }
  return problems;
}

/** A pair problem in plain English, for an OperationOutcome. */
export function describePairProblem(problem: PairProblem): string {
  const who = (side: 'client' | 'professional') => (side === 'client' ? "the client's own assessment of their resources" : "the professional's assessment of how demanding the health state is");
  if (problem.kind === 'missing') return `Missing ${who(problem.side)}: it must be answered before a segment can be made`;
  if (problem.kind === 'stale') return `The latest ${who(problem.side)} is ${problem.ageDays} days old; at most ${problem.maxDays} days is allowed: answer it again`;
  return `The two assessments are ${problem.gapDays} days apart; at most ${problem.maxDays} days is allowed: answer the older one again`;
}
