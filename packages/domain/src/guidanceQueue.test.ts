import { describe, it, expect } from 'vitest';
import { minutesLeft, sortQueue, taskPriorityFor, urgencyRank } from './guidanceQueue';
import type { Urgency } from './types';

describe('urgencyRank', () => {
  it('ranks emergent first and self-care last', () => {
    expect(['emergent', 'urgent', 'non-urgent', 'self-care'].map((u) => urgencyRank(u as Urgency))).toEqual([0, 1, 2, 3]);
  });
  it('throws on an unknown urgency', () => {
    expect(() => urgencyRank('soon' as Urgency)).toThrow(/Unknown urgency "soon"/);
  });
});

describe('taskPriorityFor', () => {
  it.each([
    ['emergent', 'stat'],
    ['urgent', 'asap'],
    ['non-urgent', 'routine'],
    ['self-care', 'routine'],
  ] as const)('%s → %s', (u, p) => {
    expect(taskPriorityFor(u)).toBe(p);
  });
  it('throws on an unknown urgency', () => {
    expect(() => taskPriorityFor('x' as Urgency)).toThrow(RangeError);
  });
});

describe('sortQueue', () => {
  it('orders by urgency, then by the earliest deadline', () => {
    const items = [
      { id: 'a', urgency: 'non-urgent' as Urgency, deadline: '2025-06-10T10:00:00Z' },
      { id: 'b', urgency: 'urgent' as Urgency, deadline: '2025-06-12T10:00:00Z' },
      { id: 'c', urgency: 'non-urgent' as Urgency, deadline: new Date('2025-06-09T10:00:00Z') },
      { id: 'd', urgency: 'emergent' as Urgency, deadline: '2025-06-20T10:00:00Z' },
      { id: 'e', urgency: 'self-care' as Urgency, deadline: '2025-06-01T10:00:00Z' },
      { id: 'f', urgency: 'urgent' as Urgency, deadline: '2025-06-11T10:00:00Z' },
    ];
    expect(sortQueue(items).map((i) => i.id)).toEqual(['d', 'f', 'b', 'c', 'a', 'e']);
  });
  it('compares string and Date deadlines by instant, not by text', () => {
    const items = [
      { id: 'later', urgency: 'urgent' as Urgency, deadline: '2025-06-10T12:00:00+03:00' }, // 09:00Z
      { id: 'earlier', urgency: 'urgent' as Urgency, deadline: '2025-06-10T08:30:00Z' },
    ];
    expect(sortQueue(items).map((i) => i.id)).toEqual(['earlier', 'later']);
  });
  it('is stable for equal urgency and deadline', () => {
    const items = ['x', 'y', 'z'].map((id) => ({ id, urgency: 'urgent' as Urgency, deadline: '2025-06-10T10:00:00Z' }));
    expect(sortQueue(items).map((i) => i.id)).toEqual(['x', 'y', 'z']);
  });
  it('puts an unreadable deadline last within its urgency', () => {
    const items = [
      { id: 'bad', urgency: 'urgent' as Urgency, deadline: 'not a date' },
      { id: 'ok', urgency: 'urgent' as Urgency, deadline: '2030-01-01T00:00:00Z' },
      { id: 'other', urgency: 'non-urgent' as Urgency, deadline: '2020-01-01T00:00:00Z' },
    ];
    expect(sortQueue(items).map((i) => i.id)).toEqual(['ok', 'bad', 'other']);
  });
  it('does not modify its input', () => {
    const items = [
      { urgency: 'self-care' as Urgency, deadline: '2025-01-01' },
      { urgency: 'emergent' as Urgency, deadline: '2025-01-01' },
    ];
    const copy = [...items];
    sortQueue(items);
    expect(items).toEqual(copy);
  });
  it('handles an empty queue', () => {
    expect(sortQueue([])).toEqual([]);
  });
});

describe('minutesLeft', () => {
  const now = new Date('2025-06-10T10:00:00Z');
  it.each([
    ['2025-06-10T11:00:00Z', 60],
    ['2025-06-10T10:00:59Z', 0],
    ['2025-06-10T10:00:00Z', 0],
    ['2025-06-10T09:59:30Z', -1],
    ['2025-06-10T09:00:00Z', -60],
    ['2025-06-11T10:00:00Z', 1440],
  ])('deadline %s → %i', (deadline, expected) => {
    expect(minutesLeft(new Date(deadline), now)).toBe(expected);
  });
});
