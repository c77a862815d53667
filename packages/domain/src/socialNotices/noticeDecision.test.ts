import { describe, expect, it } from 'vitest';
import { deadlineOutcomes, parseNoticeDecision, parseUrgencyAssessment } from './noticeDecision';
import { noticeDeadlines } from './noticeDeadlines';

// Thursday 3 December 2026, 10:00 in Helsinki: decision by Monday 14.12., assessment the same day.
const RECEIVED = new Date('2026-12-03T10:00:00+02:00');
const child = noticeDeadlines('child-welfare-notification', RECEIVED).deadlines;

describe('the urgency assessment', () => {
  it('takes an urgency and a note', () => {
    expect(parseUrgencyAssessment({ urgency: 'urgent', note: ' soitettu koululle ' }).value).toEqual({ urgency: 'urgent', note: 'soitettu koululle' });
  });
  it.each([[{}], [{ urgency: 'self-care' }], [{ urgency: 'soon' }], [{ urgency: 'urgent', note: 5 }], [{ urgency: 'urgent', other: 1 }], [[]], [null], [{ urgency: 'urgent', note: 'x'.repeat(2001) }]])('refuses %j', (body) => {
    const r = parseUrgencyAssessment(body);
    expect(r.value).toBeUndefined();
    expect(r.issues.length).toBeGreaterThan(0);
  });
});

describe('the decision', () => {
  it('takes the decisions the law names for each kind', () => {
    expect(parseNoticeDecision({ decision: 'investigation-started' }, 'child-welfare-notification', true).value).toEqual({ decision: 'investigation-started' });
    expect(parseNoticeDecision({ decision: 'no-assessment', urgency: 'non-urgent' }, 'social-welfare-contact', false).value).toEqual({ decision: 'no-assessment', urgency: 'non-urgent' });
    expect(parseNoticeDecision({ decision: 'handled' }, 'application', true).value?.decision).toBe('handled');
  });
  it("refuses another kind's decision, an unknown one, and a decision before the urgency is assessed without one", () => {
    expect(parseNoticeDecision({ decision: 'assessment-started' }, 'child-welfare-notification', true).issues[0]?.field).toBe('decision');
    expect(parseNoticeDecision({ decision: 'investigation-started' }, 'social-welfare-contact', true).issues[0]?.field).toBe('decision');
    expect(parseNoticeDecision({}, 'application', true).issues[0]?.field).toBe('decision');
    expect(parseNoticeDecision({ decision: 'investigation-started' }, 'child-welfare-notification', false).issues.map((i) => i.field)).toEqual(['urgency']);
  });
});

describe('deadlines met or missed', () => {
  it('leaves deadlines open until something is done', () => {
    expect(deadlineOutcomes('child-welfare-notification', child, {})).toEqual(child);
  });
  it('marks the same-day assessment and the decision met when recorded in time', () => {
    const out = deadlineOutcomes('child-welfare-notification', child, { assessedAt: '2026-12-03T12:00:00.000Z', decidedAt: '2026-12-14T21:59:59.999Z' });
    expect(out.map((d) => [d.code, d.met])).toEqual([['urgency-assessment', true], ['investigation-decision', true], ['investigation-complete', undefined]]);
  });
  it('marks them missed one moment late', () => {
    const out = deadlineOutcomes('child-welfare-notification', child, { assessedAt: '2026-12-03T22:00:00.000Z', decidedAt: '2026-12-14T22:00:00.000Z' });
    expect(out.filter((d) => d.done).map((d) => d.met)).toEqual([false, false]);
  });
  it('records a start "without undue delay" as done, neither met nor missed', () => {
    const contact = noticeDeadlines('social-welfare-contact', RECEIVED, { birthDate: '1980-01-01' }).deadlines;
    const start = deadlineOutcomes('social-welfare-contact', contact, { decidedAt: '2026-12-20T10:00:00.000Z' }).find((d) => d.code === 'assessment-start');
    expect(start).toMatchObject({ done: true, doneAt: '2026-12-20T10:00:00.000Z' });
    expect(start?.met).toBeUndefined();
  });
});
