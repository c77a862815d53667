import { describe, expect, it } from 'vitest';
import { dueReviews, nextReview, planInputProblems, type SharedPlanInput } from './sharedPlan';

const plan = (): SharedPlanInput => ({
  patient: 'Patient/p1',
  title: 'Yhteinen suunnitelma',
  start: '2026-03-01',
  goals: [{ text: 'Haluan oman asunnon' }],
  activities: [{ description: 'Hae asumistukea', owner: 'Patient/p1', due: '2026-03-15', status: 'not-started' }],
  responsibleWorker: 'Practitioner/sw',
  team: [{ member: 'Practitioner/sw', organization: 'Organization/o' }],
  reviewDates: ['2026-06-01'],
});
const fields = (input: unknown) => planInputProblems(input).map((p) => p.field);

describe('planInputProblems', () => {
  it('accepts a whole plan', () => expect(planInputProblems(plan())).toEqual([]));
  it('accepts a due date on the start day and refuses one the day before', () => {
    expect(fields({ ...plan(), activities: [{ ...plan().activities[0], due: '2026-03-01' }] })).toEqual([]);
    expect(fields({ ...plan(), activities: [{ ...plan().activities[0], due: '2026-02-28' }] })).toEqual(['activities[0].due']);
  });
  it('refuses a review date before the start and an impossible date', () => {
    expect(fields({ ...plan(), reviewDates: ['2026-02-28', '2026-02-30'] })).toEqual(['reviewDates[0]', 'reviewDates[1]']);
  });
  it('refuses a responsible worker outside the team', () => {
    expect(fields({ ...plan(), responsibleWorker: 'Practitioner/other' })).toEqual(['responsibleWorker']);
  });
  it('refuses wrong types and missing parts field by field', () => {
    expect(fields({ ...plan(), goals: [] })).toEqual(['goals']);
    expect(fields({ ...plan(), goals: [{ text: 5 }] })).toEqual(['goals[0].text']);
    expect(fields({ ...plan(), activities: [{ description: 'x', owner: 'Organization/kela', status: 'done' }] })).toEqual(['activities[0].owner', 'activities[0].status']);
    expect(fields({ ...plan(), activities: [{ ...plan().activities[0], register: 'tax' }] })).toEqual(['activities[0].register']);
    expect(fields({ ...plan(), team: [{ member: 'Patient/x', organization: 'kela' }] })).toEqual(['team[0].member', 'team[0].organization', 'responsibleWorker']);
    expect(fields(null)).toEqual(['patient', 'title', 'start', 'goals', 'activities', 'team', 'responsibleWorker', 'reviewDates']);
  });
});

describe('review dates', () => {
  it('finds the next review and those due', () => {
    expect(nextReview(['2026-09-01', '2026-06-01'], '2026-06-02')).toBe('2026-09-01');
    expect(nextReview(['2026-06-01'], '2026-06-02')).toBeUndefined();
    expect(dueReviews(['2026-09-01', '2026-06-01', '2026-06-01'], '2026-06-01')).toEqual(['2026-06-01']);
  });
});
