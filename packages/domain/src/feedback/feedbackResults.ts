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
import { netPromoterScore, npsGroup } from './netPromoterScore';

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

/**
 * What the figures are made of, counted: the answers, how many gave each recommendation score,
 * and per statement how many gave each answer code. The server counts these in the database
 * for managers (no document read); `tallyOf` counts them from answers.
 */
export interface FeedbackTally {
  answers: number;
  recommend: ReadonlyArray<{ score: number; n: number }>;
  statements: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** The tally of `rows`. */
export function tallyOf(rows: readonly AnswerFigures[]): FeedbackTally {
  const recommend = new Map<number, number>();
  const statements: Record<string, Record<string, number>> = {};
  for (const row of rows) {
    recommend.set(row.recommend, (recommend.get(row.recommend) ?? 0) + 1);
    for (const [id, code] of Object.entries(row.statements)) {
      const codes = (statements[id] ??= {});
      codes[code] = (codes[code] ?? 0) + 1;
    }
  }
  return { answers: rows.length, recommend: [...recommend].map(([score, n]) => ({ score, n })), statements };
}

/** Publishes the figures of `rows` under the survey's statements (also ones answered under an earlier version). */
export function feedbackFigures(survey: FeedbackSurvey, rows: readonly AnswerFigures[]): FeedbackFigures {
  return feedbackFiguresOfTally(survey, tallyOf(rows));
}

/** Publishes the figures of a tally under the survey's statements. */
export function feedbackFiguresOfTally(survey: FeedbackSurvey, tally: FeedbackTally): FeedbackFigures {
  const counts: Record<string, number> = {};
  const breakdowns: Breakdown[] = [];
  const groups = { promoters: 0, passives: 0, detractors: 0 };
  for (const { score, n } of tally.recommend) {
    const group = npsGroup(score);
    groups[group === 'promoter' ? 'promoters' : group === 'passive' ? 'passives' : 'detractors'] += n;
  }
  counts.answers = tally.answers;
  counts.promoters = groups.promoters;
  counts.passives = groups.passives;
  counts.detractors = groups.detractors;
  breakdowns.push({ total: 'answers', cells: ['promoters', 'passives', 'detractors'] });
  const codes = answerCodes(survey);
  for (const { id } of survey.statements) {
    const total = `s:${id}`;
    const given = tally.statements[id] ?? {};
    // A code the current survey no longer offers is left out of this statement.
    counts[total] = codes.reduce((sum, code) => sum + (given[code] ?? 0), 0);
    for (const code of codes) counts[`${total}:${code}`] = given[code] ?? 0;
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
