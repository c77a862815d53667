import { describe, it, expect } from 'vitest';
import { generateSlots, reconcileSlots, type GeneratedSlot } from './slotGeneration';
import type { ScheduleException, TemplateBlock, VisitType, WeeklyTemplate } from './scheduleTemplate';
import { helsinkiTime, toHelsinkiDate } from './helsinkiTime';

const label = { fi: 'Vastaanotto', sv: 'Mottagning', en: 'Appointment' };
const visitTypes: VisitType[] = [
  { code: 'nurse-30', label, minutes: 30, modes: ['on-site', 'phone'], selfBookable: true, nonUrgent: true },
  { code: 'nurse-20', label, minutes: 20, modes: ['on-site'], selfBookable: true, nonUrgent: true },
];
const anna = 'Practitioner/anna';
const block = (weekday: TemplateBlock['weekday'], start: string, end: string, visitType = 'nurse-30'): TemplateBlock => ({
  weekday,
  start,
  end,
  visitType,
  modes: ['on-site'],
});
// Monday–Friday mornings and a Sunday clinic (to meet both DST changes, which fall on Sundays).
const template: WeeklyTemplate = {
  id: 'tpl',
  practitioner: anna,
  location: 'Location/kallio',
  validFrom: '2026-01-01',
  blocks: [1, 2, 3, 4, 5].map((d) => block(d as TemplateBlock['weekday'], '08:00', '12:00')).concat(block(7, '08:00', '16:00')),
};
const gen = (from: string, to = from, t: WeeklyTemplate = template, exceptions: ScheduleException[] = []): GeneratedSlot[] =>
  generateSlots({ template: t, visitTypes, exceptions, from, to });
const iso = (slots: GeneratedSlot[]): string[] => slots.map((s) => s.start.toISOString());
const datesWithSlots = (slots: GeneratedSlot[]): string[] => [...new Set(slots.map((s) => toHelsinkiDate(s.start)))];

describe('generateSlots: Helsinki wall-clock times across DST', () => {
  it.each([
    ['Sunday before spring change', '2026-03-22', '06:00', '14:00'],
    ['spring-forward Sunday', '2026-03-29', '05:00', '13:00'],
    ['Sunday before autumn change', '2026-10-18', '05:00', '13:00'],
    ['fall-back Sunday', '2026-10-25', '06:00', '14:00'],
  ])('%s %s: 08:00–16:00 gives 16 half-hour slots', (_name, date, firstUtc, lastEndUtc) => {
    const slots = gen(date);
    expect(slots).toHaveLength(16);
    expect(slots[0]?.start.toISOString()).toBe(`${date}T${firstUtc}:00.000Z`);
    expect(slots[15]?.end.toISOString()).toBe(`${date}T${lastEndUtc}:00.000Z`);
    expect(slots.every((s) => s.end.getTime() - s.start.getTime() === 30 * 60_000)).toBe(true);
  });

  it.each([
    ['2026-03-30', '2026-03-30T05:00:00.000Z'],
    ['2026-10-26', '2026-10-26T06:00:00.000Z'],
  ])('the Monday after (%s) starts at 08:00 local', (date, first) => {
    expect(iso(gen(date))[0]).toBe(first);
    expect(gen(date)).toHaveLength(8);
  });

  const night: WeeklyTemplate = { ...template, blocks: [block(7, '02:00', '05:00')] };
  it('spring forward: a night block loses the missing hour without duplicates', () => {
    expect(iso(gen('2026-03-29', '2026-03-29', night))).toEqual([
      '2026-03-29T00:00:00.000Z', // 02:00 EET
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T01:00:00.000Z', // 04:00 EEST
      '2026-03-29T01:30:00.000Z',
    ]);
  });
  it('fall back: a night slot that would last 90 minutes is dropped', () => {
    expect(iso(gen('2026-10-25', '2026-10-25', night))).toEqual([
      '2026-10-24T23:00:00.000Z', // 02:00 EEST
      '2026-10-24T23:30:00.000Z',
      '2026-10-25T00:00:00.000Z', // 03:00 EEST (first of the two)
      '2026-10-25T02:00:00.000Z', // 04:00 EET
      '2026-10-25T02:30:00.000Z',
    ]);
  });
});

describe('generateSlots: closed days', () => {
  it('Easter 2026: none on Good Friday, Easter Sunday or Easter Monday', () => {
    expect(datesWithSlots(gen('2026-04-02', '2026-04-07'))).toEqual(['2026-04-02', '2026-04-07']);
  });
  it('Midsummer Eve (Fri 19.6.2026) is closed; the Sunday after is open', () => {
    expect(datesWithSlots(gen('2026-06-18', '2026-06-21'))).toEqual(['2026-06-18', '2026-06-21']);
  });
  it('Independence Day on a Sunday (2026) and on a Monday (2027)', () => {
    expect(gen('2026-12-06')).toEqual([]);
    expect(gen('2026-11-29')).toHaveLength(16);
    expect(gen('2027-12-06')).toEqual([]);
    expect(gen('2027-12-07')).toHaveLength(8);
  });
  it('Saturday has no block, so no slots', () => {
    expect(gen('2026-05-16')).toEqual([]);
  });
});

describe('generateSlots: cutting', () => {
  it('drops a remainder shorter than one visit', () => {
    const t = { ...template, blocks: [block(2, '08:00', '09:45')] };
    const slots = gen('2026-05-12', '2026-05-12', t);
    expect(slots.map((s) => s.end.toISOString())).toEqual([
      '2026-05-12T05:30:00.000Z',
      '2026-05-12T06:00:00.000Z',
      '2026-05-12T06:30:00.000Z',
    ]);
  });

  it('an exception cuts out the overlapping slots only; touching is not overlapping', () => {
    const absence: ScheduleException = {
      practitioner: anna,
      start: helsinkiTime('2026-05-12', 9, 0).toISOString(),
      end: helsinkiTime('2026-05-12', 10, 15).toISOString(),
      reason: 'training',
    };
    const other = { ...absence, practitioner: 'Practitioner/bob', start: '2026-05-12T00:00:00Z' };
    const starts = gen('2026-05-12', '2026-05-12', template, [absence, other]).map((s) => s.start.getTime());
    expect(starts).toEqual(['08:00', '08:30', '10:30', '11:00', '11:30'].map((t) => helsinkiTime('2026-05-12', Number(t.slice(0, 2)), Number(t.slice(3))).getTime()));
  });

  it('an all-day absence empties the day', () => {
    const absence: ScheduleException = { practitioner: anna, start: '2026-05-11T21:00:00Z', end: '2026-05-12T21:00:00Z', reason: 'absence' };
    expect(datesWithSlots(gen('2026-05-11', '2026-05-13', template, [absence]))).toEqual(['2026-05-11', '2026-05-13']);
  });

  it('respects validFrom and validTo', () => {
    const t = { ...template, validFrom: '2026-05-12', validTo: '2026-05-13' };
    expect(datesWithSlots(gen('2026-05-11', '2026-05-15', t))).toEqual(['2026-05-12', '2026-05-13']);
  });

  it('fills practitioner, location, modes and a deterministic key', () => {
    const [first] = gen('2026-05-12');
    expect(first).toEqual({
      key: 'Practitioner/anna|2026-05-12T05:00:00.000Z|nurse-30',
      practitioner: anna,
      location: 'Location/kallio',
      start: new Date('2026-05-12T05:00:00Z'),
      end: new Date('2026-05-12T05:30:00Z'),
      visitType: 'nurse-30',
      modes: ['on-site'],
    });
    expect(gen('2026-05-12')).toEqual(gen('2026-05-12'));
  });

  it('throws for an unknown visit type', () => {
    expect(() => gen('2026-05-12', '2026-05-12', { ...template, blocks: [block(2, '08:00', '09:00', 'gone')] })).toThrow(/gone/);
  });
});

describe('reconcileSlots: a template edit never deletes a booked slot', () => {
  const before = gen('2026-05-12'); // Tuesday 08:00–12:00, 8 slots
  const booked = new Set([before[1]?.key, before[6]?.key]); // 08:30 and 11:00
  const existing = before.map((s) => ({ key: s.key, booked: booked.has(s.key), start: s.start, end: s.end }));

  it('shortening the block removes free slots and keeps the booked one', () => {
    const after = gen('2026-05-12', '2026-05-12', { ...template, blocks: [block(2, '08:00', '10:00')] });
    const result = reconcileSlots(existing, after);
    expect(result.create).toEqual([]);
    expect(result.keepBooked).toEqual([before[6]?.key]);
    expect(result.remove).toEqual([4, 5, 7].map((i) => before[i]?.key));
    expect(result.blocked).toEqual([]);
  });

  it('changing the visit length never creates a slot overlapping a kept booking', () => {
    const after = gen('2026-05-12', '2026-05-12', { ...template, blocks: [block(2, '08:00', '09:00', 'nurse-20')] });
    const result = reconcileSlots(existing, after);
    expect(result.keepBooked).toEqual([before[1]?.key, before[6]?.key]);
    expect(iso(result.create)).toEqual(['2026-05-12T05:00:00.000Z']); // 08:00–08:20
    expect(result.blocked.map((k) => k.split('|')[1])).toEqual(['2026-05-12T05:20:00.000Z', '2026-05-12T05:40:00.000Z']);
    expect(result.remove).toHaveLength(6);
  });

  it('creates only what is new and works on keys alone', () => {
    const result = reconcileSlots([{ key: before[0]?.key ?? '', booked: false }], before);
    expect(result.create).toEqual(before.slice(1));
    expect(result.remove).toEqual([]);
  });
});
