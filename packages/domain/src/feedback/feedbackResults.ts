/**
 * The figures of a group of feedback answers as a unit may see them (pure): the rules of
 * `../smallNumbers.ts` applied to feedback.
 *
 * - Counts are the true counts rounded to 5, or null when hidden: a count under 5 (0 too) and
 *   whatever would let a hidden one be worked out from a total (complementary suppression).
 *   Breakdowns: answers = promoters + passives + detractors; for each statement, its answers =
 *   Σ answer codes (don't know included).
 * - NPS is computed from the published rounded groups, and only when all three are published:
 *   an NPS with a hidden group would reveal it (NPS and the total pin the difference).
 * - A share of an answer code is computed from published counts with a published denominator
 *   of at least 5 (`publishedShare`).
 * - Rounding is what protects differences between periods: one more answer changes nothing in
 *   four cases out of five, and otherwise steps a count by 5 (see `smallNumbers.ts` rule 3).
 *   Periods are whole months (the server snaps them), so two selections differ by whole months.
 */
import { publishCounts, publishedShare, ROUNDING_BASE, SMALL_NUMBER_LIMIT, type Breakdown } from '../smallNumbers';
import { answerCodes, type FeedbackSurvey, type FeedbackTheme } from './feedbackSurvey';
import { netPromoterScore, npsCounts } from './netPromoterScore';

/** One stored answer as the results need it (no identity, no time). */
export interface AnswerFigures {
  recommend: number;
  statements: Record<string, string>;
}

export interface StatementResult {
  id: string;
  theme: FeedbackTheme;
  /** Answers to the statement (rounded) or null. */
  answered: number | null;
  /** Per answer code: its count (rounded) or null, and its share (0–1) or null. */
  answers: Array<{ code: string; count: number | null; share: number | null }>;
}

export interface FeedbackFigures {
  answers: number | null;
  promoters: number | null;
  passives: number | null;
  detractors: number | null;
  nps: number | null;
  statements: StatementResult[];
  disclosureControl: { smallNumberLimit: number; roundedTo: number };
}

/** Publishes the figures of `rows` under the survey's statements (also ones answered under an earlier version). */
export function feedbackFigures(survey: FeedbackSurvey, rows: readonly AnswerFigures[]): FeedbackFigures {
  const counts: Record<string, number> = {};
  const breakdowns: Breakdown[] = [];
  const groups = npsCounts(rows.map((r) => r.recommend));
  counts.answers = rows.length;
  counts.promoters = groups.promoters;
  counts.passives = groups.passives;
  counts.detractors = groups.detractors;
  breakdowns.push({ total: 'answers', cells: ['promoters', 'passives', 'detractors'] });
  const codes = answerCodes(survey);
  const statementIds = survey.statements.map((s) => s.id);
  for (const id of statementIds) {
    const total = `s:${id}`;
    counts[total] = 0;
    for (const code of codes) counts[`${total}:${code}`] = 0;
    for (const row of rows) {
      const code = row.statements[id];
      // A code the current survey no longer offers is left out of this statement.
      if (code === undefined || !codes.includes(code)) continue;
      counts[total]++;
      counts[`${total}:${code}`] = (counts[`${total}:${code}`] ?? 0) + 1;
    }
    breakdowns.push({ total, cells: codes.map((code) => `${total}:${code}`) });
  }
  const published = publishCounts({ counts, breakdowns }).counts;
  const get = (key: string) => published[key] ?? null;
  const [promoters, passives, detractors] = [get('promoters'), get('passives'), get('detractors')];
  const nps = promoters !== null && passives !== null && detractors !== null && promoters + passives + detractors >= SMALL_NUMBER_LIMIT
    ? netPromoterScore({ promoters, passives, detractors })
    : null;
  return {
    answers: get('answers'),
    promoters,
    passives,
    detractors,
    nps,
    statements: survey.statements.map((s) => {
      const answered = get(`s:${s.id}`);
      return {
        id: s.id,
        theme: s.theme,
        answered,
        answers: codes.map((code) => {
          const count = get(`s:${s.id}:${code}`);
          return { code, count, share: publishedShare(count, answered) };
        }),
      };
    }),
    disclosureControl: { smallNumberLimit: SMALL_NUMBER_LIMIT, roundedTo: ROUNDING_BASE },
  };
}
