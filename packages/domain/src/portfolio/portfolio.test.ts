import { describe, expect, it } from 'vitest';
import {
  BENEFIT_GOALS,
  emptyPortfolio,
  goalStanding,
  maturityRow,
  normalisePortfolio,
  periodMonths,
  portfolioProblems,
  selfAssessment,
  sortPeriods,
  withMaturity,
  type DevelopmentMeasure,
  type Portfolio,
} from './portfolio';

const measure = (id: string, maturity: DevelopmentMeasure['maturity'], extra: Partial<DevelopmentMeasure> = {}): DevelopmentMeasure => ({
  id,
  name: `Toimenpide ${id}`,
  owner: 'Kehittämiskoordinaattori',
  maturity,
  indicators: [],
  ...extra,
});

function portfolio(periods: string[], access: DevelopmentMeasure[], prevention: DevelopmentMeasure[] = []): Portfolio {
  const p = emptyPortfolio();
  p.periods = periods;
  p.goals[0]!.measures = access;
  p.goals[1]!.measures = prevention;
  return p;
}

describe('reporting periods', () => {
  it('reads years, half-years and quarters as month spans', () => {
    expect(periodMonths('2021')).toEqual([2021 * 12, 2021 * 12 + 11]);
    expect(periodMonths('2021-H1')).toEqual([2021 * 12, 2021 * 12 + 5]);
    expect(periodMonths('2021-H2')).toEqual([2021 * 12 + 6, 2021 * 12 + 11]);
    expect(periodMonths('2020-Q4')).toEqual([2020 * 12 + 9, 2020 * 12 + 11]);
    for (const bad of ['2021-H3', '2021-Q5', '21', '2021-06', '1999', '2101', '2021-h1', ' 2021']) expect(periodMonths(bad), bad).toBeUndefined();
  });

  it('sorts by first month', () => {
    expect(sortPeriods(['2022', '2020-Q4', '2021-H2', '2021-H1'])).toEqual(['2020-Q4', '2021-H1', '2021-H2', '2022']);
  });
});

describe('portfolioProblems', () => {
  it('accepts the empty portfolio and a full one', () => {
    expect(portfolioProblems(emptyPortfolio())).toEqual([]);
    const p = portfolio(['2020-Q4', '2021-H1'], [measure('t3-seitseman', [{ period: '2020-Q4', level: 2 }, { period: '2021-H1', level: 3 }], { indicators: ['t3', 'time-to-visit'], subProject: 'Vastaanottopalveluiden saatavuus' })]);
    expect(portfolioProblems(p)).toEqual([]);
  });

  it('names each wrong field by its path', () => {
    const p = portfolio(['2020-Q4'], [
      measure('Iso kirjain', [{ period: '2020-Q4', level: 6 as never }]),
      measure('b', [{ period: '2019', level: 1 }, { period: '2020-Q4', level: 2 }, { period: '2020-Q4', level: 3 }], { name: '  ', owner: 'x'.repeat(121), indicators: ['made-up' as never, 't3', 't3'] }),
    ]);
    expect(portfolioProblems(p)).toEqual([
      'goals[0].measures[0].id: lower-case letters, digits and dashes, at most 64',
      'goals[0].measures[0].maturity[0].level: a whole number from 1 to 5',
      'goals[0].measures[1].name: text is needed',
      'goals[0].measures[1].owner: at most 120 characters',
      "goals[0].measures[1].maturity[0].period: one of the portfolio's periods",
      'goals[0].measures[1].maturity[2].period: 2020-Q4 is reported twice',
      expect.stringMatching(/^goals\[0\]\.measures\[1\]\.indicators\[0\]: one of /),
      'goals[0].measures[1].indicators: each indicator once',
    ]);
  });

  it('refuses the same measure id under two goals', () => {
    const p = portfolio([], [measure('a', [])], [measure('a', [])]);
    expect(portfolioProblems(p)).toEqual(['goals[1].measures[0].id: a is used by another measure']);
  });

  it('wants the five goals, in order, and nothing else', () => {
    expect(portfolioProblems({ periods: [], goals: [] })).toEqual([`goals: the five benefit goals in this order: ${BENEFIT_GOALS.join(', ')}`]);
    const swapped = emptyPortfolio();
    swapped.goals.reverse();
    expect(portfolioProblems(swapped)).toHaveLength(1);
    expect(portfolioProblems(null)).toEqual(['The portfolio must be an object with periods and goals']);
    expect(portfolioProblems([])).toEqual(['The portfolio must be an object with periods and goals']);
    expect(portfolioProblems({ periods: [], goals: 'x' })).toEqual(['goals: a list of the five benefit goals']);
    const noList = emptyPortfolio() as unknown as { goals: Array<{ measures: unknown }> };
    noList.goals[2]!.measures = {};
    expect(portfolioProblems(noList)).toEqual(['goals[2].measures: a list of development measures']);
  });

  it('wants periods oldest first, without overlap or repeats', () => {
    expect(portfolioProblems({ ...emptyPortfolio(), periods: ['2021-H1', '2020-Q4'] })).toEqual(['periods[1]: 2020-Q4 must start after the period before it ends (oldest first, no overlap)']);
    expect(portfolioProblems({ ...emptyPortfolio(), periods: ['2021', '2021-H2'] })).toHaveLength(1);
    expect(portfolioProblems({ ...emptyPortfolio(), periods: ['2021-H1', '2021-H1'] })).toEqual(['periods[1]: 2021-H1 is listed twice']);
    expect(portfolioProblems({ ...emptyPortfolio(), periods: ['2021-7'] })).toEqual(['periods[0]: a year (2022), a half-year (2021-H1) or a quarter (2020-Q4)']);
    expect(portfolioProblems({ ...emptyPortfolio(), periods: 'x' })).toEqual(['periods: a list of reporting periods such as 2021-H1, 2020-Q4 or 2022']);
    expect(portfolioProblems({ ...emptyPortfolio(), periods: ['2020-Q4', '2021-H1', '2021-H2', '2022'] })).toEqual([]);
  });

  it('limits the size', () => {
    const many = Array.from({ length: 301 }, (_, i) => measure(`m${i}`, []));
    expect(portfolioProblems(portfolio([], many))).toEqual(['goals: at most 300 development measures']);
    const periods = Array.from({ length: 41 }, (_, i) => String(2000 + i));
    expect(portfolioProblems({ ...emptyPortfolio(), periods })).toEqual(['periods: at most 40']);
  });
});

describe('withMaturity', () => {
  const p = portfolio(['2020-Q4', '2021-H1'], [measure('a', [{ period: '2020-Q4', level: 2 }])]);

  it('adds or replaces one period’s level and keeps the maturity oldest first', () => {
    const first = withMaturity(p, 'a', '2021-H1', 4) as Portfolio;
    expect(first.goals[0]!.measures[0]!.maturity).toEqual([{ period: '2020-Q4', level: 2 }, { period: '2021-H1', level: 4 }]);
    const again = withMaturity(first, 'a', '2020-Q4', 1) as Portfolio;
    expect(again.goals[0]!.measures[0]!.maturity).toEqual([{ period: '2020-Q4', level: 1 }, { period: '2021-H1', level: 4 }]);
    // The original is not changed.
    expect(p.goals[0]!.measures[0]!.maturity).toEqual([{ period: '2020-Q4', level: 2 }]);
  });

  it('says why it cannot', () => {
    expect(withMaturity(p, 'b', '2021-H1', 3)).toBe('unknown-measure');
    expect(withMaturity(p, 'a', '2022', 3)).toBe('unknown-period');
    for (const level of [0, 6, 2.5, '3', null]) expect(withMaturity(p, 'a', '2021-H1', level)).toBe('invalid-level');
  });
});

describe('the maturity table and the standing of a goal', () => {
  it('gives a level per period, the latest and its change from the report before', () => {
    const periods = ['2020-Q4', '2021-H1', '2021-H2'];
    expect(maturityRow(measure('a', [{ period: '2020-Q4', level: 2 }, { period: '2021-H2', level: 4 }]), periods)).toMatchObject({ levels: [2, undefined, 4], latest: 4, change: 2 });
    expect(maturityRow(measure('b', [{ period: '2021-H1', level: 3 }]), periods)).toEqual({ measure: expect.anything(), levels: [undefined, 3, undefined], latest: 3 });
    expect(maturityRow(measure('c', []), periods)).toEqual({ measure: expect.anything(), levels: [undefined, undefined, undefined] });
    expect(maturityRow(measure('d', [{ period: '2020-Q4', level: 4 }, { period: '2021-H1', level: 3 }]), periods).change).toBe(-1);
  });

  it('counts measures per level, the piloted or in use, and the mean of those reported', () => {
    const goal = { id: 'access' as const, measures: [measure('a', [{ period: 'P', level: 2 }]), measure('b', [{ period: 'P', level: 4 }]), measure('c', [{ period: 'P', level: 5 }]), measure('d', [])] };
    expect(goalStanding(goal, 'P')).toEqual({ goal: 'access', period: 'P', measures: 4, atLevel: [0, 1, 0, 1, 1], notReported: 1, pilotedOrInUse: 2, meanLevel: 3.7 });
    expect(goalStanding({ id: 'costs', measures: [] }, 'P')).toEqual({ goal: 'costs', period: 'P', measures: 0, atLevel: [0, 0, 0, 0, 0], notReported: 0, pilotedOrInUse: 0 });
  });
});

describe('selfAssessment', () => {
  const p = portfolio(
    ['2020-Q4', '2021-H1'],
    [
      measure('up', [{ period: '2020-Q4', level: 2 }, { period: '2021-H1', level: 4 }]),
      measure('down', [{ period: '2020-Q4', level: 4 }, { period: '2021-H1', level: 3 }]),
      measure('same', [{ period: '2020-Q4', level: 3 }, { period: '2021-H1', level: 3 }]),
      measure('new', [{ period: '2021-H1', level: 2 }]),
      measure('silent', [{ period: '2020-Q4', level: 2 }]),
    ],
  );

  it('sorts each measure into advanced, fell back, unchanged and not reported against the period before', () => {
    const report = selfAssessment(p, '2021-H1')!;
    expect(report.previous).toBe('2020-Q4');
    const access = report.goals[0]!;
    expect(access.advanced.map((a) => [a.measure.id, a.from, a.to])).toEqual([['up', 2, 4], ['new', undefined, 2]]);
    expect(access.fellBack.map((a) => [a.measure.id, a.from, a.to])).toEqual([['down', 4, 3]]);
    expect(access.unchanged.map((a) => a.measure.id)).toEqual(['same']);
    expect(access.notReported.map((m) => m.id)).toEqual(['silent']);
    expect(access.standing.pilotedOrInUse).toBe(1);
    expect(access.previousStanding?.pilotedOrInUse).toBe(1);
    expect(report.goals.map((g) => g.goal)).toEqual([...BENEFIT_GOALS]);
  });

  it('has no previous period for the first, and nothing for an unknown one', () => {
    const first = selfAssessment(p, '2020-Q4')!;
    expect(first.previous).toBeUndefined();
    expect(first.goals[0]!.advanced.map((a) => a.measure.id)).toEqual(['up', 'down', 'same', 'silent']);
    expect(selfAssessment(p, '2030')).toBeUndefined();
  });
});

describe('normalisePortfolio', () => {
  it('keeps only the known fields, trims texts and orders maturity by period', () => {
    const p = portfolio(['2021-H1', '2020-Q4'], [{ ...measure('a', [{ period: '2021-H1', level: 3 }, { period: '2020-Q4', level: 2 }]), name: ' A ', subProject: '  ', extra: 1 } as DevelopmentMeasure]);
    const n = normalisePortfolio(p);
    expect(n.periods).toEqual(['2020-Q4', '2021-H1']);
    expect(n.goals[0]!.measures[0]).toEqual({ id: 'a', name: 'A', owner: 'Kehittämiskoordinaattori', maturity: [{ period: '2020-Q4', level: 2 }, { period: '2021-H1', level: 3 }], indicators: [] });
  });
});
