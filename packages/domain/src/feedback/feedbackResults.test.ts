import { describe, expect, it } from 'vitest';
import { feedbackFigures, feedbackFiguresOfTally, tallyOf, type AnswerFigures } from './feedbackResults';
import { DEFAULT_FEEDBACK_SURVEY } from './feedbackSurvey';
import { feedbackMonth, parseFeedbackMonth } from './feedbackPeriod';

const answers = (n: number, recommend: number, statements: Record<string, string> = {}): AnswerFigures[] => Array.from({ length: n }, () => ({ recommend, statements }));
const figures = (rows: AnswerFigures[]) => feedbackFigures(DEFAULT_FEEDBACK_SURVEY, rows);
const statement = (f: ReturnType<typeof figures>, id: string) => f.statements.find((s) => s.id === id)!;
const code = (f: ReturnType<typeof figures>, id: string, c: string) => statement(f, id).answers.find((a) => a.code === c)!;

describe('feedback figures a unit sees', () => {
  it('are the same from a tally counted elsewhere (the database) as from the answers, whatever the order', () => {
    const rows = [
      ...answers(12, 10, { safety: '5', respect: '4' }), ...answers(6, 7, { safety: '3', respect: 'dont-know' }),
      ...answers(5, 0, { safety: '5', gone: '5' }), ...answers(2, 6, { safety: 'not-offered' }), ...answers(3, 9),
    ];
    const tally = tallyOf(rows);
    expect(tally.answers).toBe(28);
    expect(tally.statements.safety).toEqual({ '5': 17, '3': 6, 'not-offered': 2 });
    const shuffled = { ...tally, recommend: [...tally.recommend].reverse() };
    expect(feedbackFiguresOfTally(DEFAULT_FEEDBACK_SURVEY, shuffled)).toEqual(figures(rows));
    expect(figures(rows).nps).not.toBeNull();
    expect(feedbackFiguresOfTally(DEFAULT_FEEDBACK_SURVEY, { answers: 0, recommend: [], statements: {} })).toEqual(figures([]));
  });

  it('show NPS, groups and shares when every group is at least five', () => {
    const f = figures([...answers(10, 10, { safety: '5' }), ...answers(5, 8, { safety: '4' }), ...answers(5, 2, { safety: '5' })]);
    expect(f.answers).toBe(20);
    expect([f.promoters, f.passives, f.detractors]).toEqual([10, 5, 5]);
    expect(f.nps).toBe(25);
    expect(statement(f, 'safety').answered).toBe(20);
    expect(code(f, 'safety', '5')).toEqual({ code: '5', count: 15, share: 0.75 });
    // The empty codes are hidden (a zero would say "everyone answered otherwise"); together they
    // are under five, so the smallest shown code is hidden too, or the rest could be worked out.
    expect(code(f, 'safety', '1')).toEqual({ code: '1', count: null, share: null });
    expect(code(f, 'safety', '4')).toEqual({ code: '4', count: null, share: null });
    expect(f.disclosureControl).toEqual({ smallNumberLimit: 5, roundedTo: 5 });
  });

  it('hide everything about a group under five answers', () => {
    const f = figures(answers(4, 10, { safety: '5' }));
    expect(f.answers).toBeNull();
    expect(f.nps).toBeNull();
    expect([f.promoters, f.passives, f.detractors]).toEqual([null, null, null]);
    expect(statement(f, 'safety').answered).toBeNull();
    expect(figures([]).answers).toBeNull();
  });

  it('hide the NPS when one group is small, and its complement so it cannot be worked out', () => {
    // 12 promoters, 6 passives, 2 detractors: detractors hidden; the next smallest (passives) too.
    const f = figures([...answers(12, 9), ...answers(6, 7), ...answers(2, 0)]);
    expect(f.answers).toBe(20);
    expect(f.detractors).toBeNull();
    expect(f.passives).toBeNull();
    expect(f.nps).toBeNull();
    // All promoters: the other two groups are empty and hidden, so is the promoters' count.
    const all = figures(answers(30, 10));
    expect(all.answers).toBe(30);
    expect([all.promoters, all.passives, all.detractors]).toEqual([null, null, null]);
    expect(all.nps).toBeNull();
  });

  it('round counts to five, so one more answer between two periods does not show', () => {
    // January: 6/6/6; January + one answer in February: the February answer is not visible.
    const january = [...answers(6, 10), ...answers(6, 8), ...answers(6, 3)];
    const before = figures(january);
    const after = figures([...january, ...answers(1, 0)]);
    expect([before.answers, before.promoters, before.passives, before.detractors]).toEqual([20, 5, 5, 5]);
    expect([after.answers, after.promoters, after.passives, after.detractors]).toEqual([20, 5, 5, 5]);
    expect(after.nps).toBe(before.nps);
    // February alone is a group of one: nothing of it is shown.
    expect(figures(answers(1, 0)).answers).toBeNull();
  });

  it('leave out answer codes the survey no longer offers', () => {
    const f = figures(answers(10, 9, { safety: '7', access: '5' }));
    expect(statement(f, 'safety').answered).toBeNull();
    expect(statement(f, 'access').answered).toBe(10);
  });
});

describe('feedback months', () => {
  it('date an instant by its month in Finnish time and read months or dates', () => {
    expect(feedbackMonth(new Date('2026-01-31T22:30:00Z'))).toBe('2026-02');
    expect(parseFeedbackMonth('2026-03')).toBe('2026-03');
    expect(parseFeedbackMonth('2026-03-15')).toBe('2026-03');
    for (const bad of ['2026-13', '26-03', '2026-3', 'march', '2026-03-32']) expect(parseFeedbackMonth(bad)).toBeUndefined();
  });
});
