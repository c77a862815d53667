import { describe, expect, it } from 'vitest';
import {
  defaultServiceHours,
  isOpenAt,
  nextOpening,
  nobodyBefore,
  queueFor,
  validateServiceHours,
  type QueueHours,
  type ServiceHoursConfig,
} from './openingHours';

const at = (iso: string): Date => new Date(iso);
const iso = (d: Date | undefined): string | undefined => d?.toISOString();
const guidance = queueFor(defaultServiceHours, 'primary-care');

const queue = (patch: Partial<QueueHours>): QueueHours => ({
  id: 'test',
  label: { fi: 'Testi', sv: 'Test', en: 'Test' },
  weekly: {},
  closedOnPublicHolidays: true,
  ...patch,
});

describe('isOpenAt: guidance, Mon–Fri 08:00–16:00 Helsinki', () => {
  it.each([
    ['Monday 08:00 (opens)', '2025-06-16T05:00:00Z', true],
    ['Monday 07:59', '2025-06-16T04:59:00Z', false],
    ['Monday 15:59, the minute before closing', '2025-06-16T12:59:00Z', true],
    ['Monday 15:59:59.999', '2025-06-16T12:59:59.999Z', true],
    ['Monday 16:00, closing time', '2025-06-16T13:00:00Z', false],
    ['Monday 16:01, the minute after closing', '2025-06-16T13:01:00Z', false],
    ['Monday evening 20:00', '2025-06-16T17:00:00Z', false],
    ['Tuesday 00:30 (still Monday in UTC)', '2025-06-16T21:30:00Z', false],
    ['Saturday noon', '2025-06-14T09:00:00Z', false],
    ['Sunday noon', '2025-06-15T09:00:00Z', false],
    ['Independence Day, Friday 6.12.2024', '2024-12-06T08:00:00Z', false],
    ['Friday 13.12.2024, an ordinary day', '2024-12-13T08:00:00Z', true],
    ['Midsummer Eve, Friday 20.6.2025', '2025-06-20T07:00:00Z', false],
    ['Christmas Eve, Wednesday 24.12.2025', '2025-12-24T08:00:00Z', false],
    ['Boxing Day, Friday 26.12.2025', '2025-12-26T08:00:00Z', false],
    ["New Year's Eve 31.12.2025 (not a holiday)", '2025-12-31T08:00:00Z', true],
    ['Good Friday 18.4.2025', '2025-04-18T07:00:00Z', false],
    ['Ascension Day, Thursday 29.5.2025', '2025-05-29T07:00:00Z', false],
    ['May Day, Thursday 1.5.2025', '2025-05-01T07:00:00Z', false],
  ])('%s', (_label, when, open) => {
    expect(isOpenAt(guidance, at(when))).toBe(open);
  });

  describe('across daylight saving time changes', () => {
    it('opens at 08:00 winter time (06:00 UTC) the Monday before the spring change', () => {
      expect(isOpenAt(guidance, at('2025-03-24T05:30:00Z'))).toBe(false);
      expect(isOpenAt(guidance, at('2025-03-24T06:00:00Z'))).toBe(true);
    });
    it('opens at 08:00 summer time (05:00 UTC) the Monday after', () => {
      expect(isOpenAt(guidance, at('2025-03-31T04:59:00Z'))).toBe(false);
      expect(isOpenAt(guidance, at('2025-03-31T05:00:00Z'))).toBe(true);
      expect(isOpenAt(guidance, at('2025-03-31T12:59:00Z'))).toBe(true);
      expect(isOpenAt(guidance, at('2025-03-31T13:00:00Z'))).toBe(false);
    });
    it('closes at 16:00 summer time on the Friday before the autumn change and 16:00 winter time after it', () => {
      expect(isOpenAt(guidance, at('2025-10-24T12:59:00Z'))).toBe(true);
      expect(isOpenAt(guidance, at('2025-10-24T13:00:00Z'))).toBe(false);
      expect(isOpenAt(guidance, at('2025-10-27T13:59:00Z'))).toBe(true);
      expect(isOpenAt(guidance, at('2025-10-27T14:00:00Z'))).toBe(false);
    });
    it('keeps a whole-day queue open for all 25 hours of the autumn change day', () => {
      const allDay = queue({ weekly: { sun: [{ from: '00:00', to: '24:00' }] }, closedOnPublicHolidays: false });
      expect(isOpenAt(allDay, at('2025-10-25T20:59:00Z'))).toBe(false); // Saturday 23:59 summer time
      expect(isOpenAt(allDay, at('2025-10-25T21:00:00Z'))).toBe(true); // Sunday 00:00 summer time
      expect(isOpenAt(allDay, at('2025-10-26T21:59:00Z'))).toBe(true); // Sunday 23:59 winter time
      expect(isOpenAt(allDay, at('2025-10-26T22:00:00Z'))).toBe(false); // Monday 00:00
    });
    it('keeps a whole-day queue open for the 23 hours of the spring change day', () => {
      const allDay = queue({ weekly: { sun: [{ from: '00:00', to: '24:00' }] }, closedOnPublicHolidays: false });
      expect(isOpenAt(allDay, at('2025-03-29T22:00:00Z'))).toBe(true); // Sunday 00:00 winter time
      expect(isOpenAt(allDay, at('2025-03-30T20:59:00Z'))).toBe(true); // Sunday 23:59 summer time
      expect(isOpenAt(allDay, at('2025-03-30T21:00:00Z'))).toBe(false); // Monday 00:00
    });
    it('covers both runs of the repeated hour in autumn (03:00–04:00 lasts two hours)', () => {
      const night = queue({ weekly: { sun: [{ from: '03:00', to: '04:00' }] }, closedOnPublicHolidays: false });
      expect(isOpenAt(night, at('2025-10-26T00:00:00Z'))).toBe(true); // 03:00 summer time
      expect(isOpenAt(night, at('2025-10-26T01:30:00Z'))).toBe(true); // 03:30 winter time
      expect(isOpenAt(night, at('2025-10-26T02:00:00Z'))).toBe(false); // 04:00 winter time
    });
  });

  it('opens on holidays when the queue says so', () => {
    const always = queue({ weekly: { fri: [{ from: '08:00', to: '16:00' }] }, closedOnPublicHolidays: false });
    expect(isOpenAt(always, at('2025-06-20T07:00:00Z'))).toBe(true);
  });
  it('closes on its own closed dates', () => {
    const training = { ...guidance, closedDates: ['2025-06-17'] };
    expect(isOpenAt(training, at('2025-06-17T07:00:00Z'))).toBe(false);
    expect(isOpenAt(training, at('2025-06-18T07:00:00Z'))).toBe(true);
  });
  it('handles split days (family centre Thursday 08–12 and 14–18)', () => {
    const family = queueFor(defaultServiceHours, 'family-centre');
    expect(isOpenAt(family, at('2025-06-19T08:59:00Z'))).toBe(true); // 11:59
    expect(isOpenAt(family, at('2025-06-19T09:00:00Z'))).toBe(false); // 12:00
    expect(isOpenAt(family, at('2025-06-19T11:00:00Z'))).toBe(true); // 14:00
    expect(isOpenAt(family, at('2025-06-19T14:59:00Z'))).toBe(true); // 17:59
    expect(isOpenAt(family, at('2025-06-19T15:00:00Z'))).toBe(false); // 18:00
  });
  it('rejects an invalid Date', () => {
    expect(() => isOpenAt(guidance, at('nonsense'))).toThrow(RangeError);
  });
});

describe('nextOpening', () => {
  it.each([
    ['now, when open', '2025-06-16T07:00:00Z', '2025-06-16T07:00:00.000Z'],
    ['this morning, before opening', '2025-06-16T03:00:00Z', '2025-06-16T05:00:00.000Z'],
    ['tomorrow, after closing', '2025-06-16T13:00:00Z', '2025-06-17T05:00:00.000Z'],
    ['Monday, from Friday evening', '2025-06-13T14:00:00Z', '2025-06-16T05:00:00.000Z'],
    ['Monday, from Sunday 23:59', '2025-06-15T20:59:00Z', '2025-06-16T05:00:00.000Z'],
    ['Monday, over Midsummer (Thursday evening)', '2025-06-19T15:00:00Z', '2025-06-23T05:00:00.000Z'],
    ['Monday 29.12., over Christmas (23.12. at closing)', '2025-12-23T14:00:00Z', '2025-12-29T06:00:00.000Z'],
    ['Monday 9.12.2024, over Independence Day', '2024-12-05T15:00:00Z', '2024-12-09T06:00:00.000Z'],
    ['Friday 2.1.2026, over New Year', '2025-12-31T14:00:00Z', '2026-01-02T06:00:00.000Z'],
    ['Monday in winter time, over the autumn change', '2025-10-24T13:00:00Z', '2025-10-27T06:00:00.000Z'],
    ['Monday in summer time, over the spring change', '2025-03-28T14:00:00Z', '2025-03-31T05:00:00.000Z'],
  ])('%s', (_label, when, expected) => {
    expect(iso(nextOpening(guidance, at(when)))).toBe(expected);
  });

  it('returns a new Date, not the one given', () => {
    const now = at('2025-06-16T07:00:00Z');
    expect(nextOpening(guidance, now)).not.toBe(now);
  });
  it('finds the afternoon half of a split day', () => {
    const family = queueFor(defaultServiceHours, 'family-centre');
    expect(iso(nextOpening(family, at('2025-06-19T09:30:00Z')))).toBe('2025-06-19T11:00:00.000Z');
  });
  it('is undefined for a queue that never opens', () => {
    expect(nextOpening(queue({}), at('2025-06-16T07:00:00Z'))).toBeUndefined();
  });
  it('looks at most 60 days ahead', () => {
    const mondays = ['2025-06-23', '2025-06-30', '2025-07-07', '2025-07-14', '2025-07-21', '2025-07-28', '2025-08-04'];
    const rare = queue({ weekly: { mon: [{ from: '08:00', to: '16:00' }] }, closedDates: mondays });
    // Monday 11.8. is 55 days away.
    expect(iso(nextOpening(rare, at('2025-06-16T17:00:00Z')))).toBe('2025-08-11T05:00:00.000Z');
    // Monday 18.8. would be 62 days away.
    expect(nextOpening({ ...rare, closedDates: [...mondays, '2025-08-11'] }, at('2025-06-16T17:00:00Z'))).toBeUndefined();
  });
});

describe('queueFor', () => {
  it('finds the queue listing the service', () => {
    expect(queueFor(defaultServiceHours, 'social-services').id).toBe('social-services');
    expect(queueFor(defaultServiceHours, 'family-centre').id).toBe('family-centre');
  });
  it('sends every other service to guidance', () => {
    expect(queueFor(defaultServiceHours, 'primary-care').id).toBe('guidance');
    expect(queueFor(defaultServiceHours, 'no-such-service').id).toBe('guidance');
  });
  it('throws for a configuration without a guidance queue', () => {
    const broken: ServiceHoursConfig = { version: 3, queues: [queue({ services: ['x'] })] };
    expect(queueFor(broken, 'x').id).toBe('test');
    expect(() => queueFor(broken, 'y')).toThrow('Service hours (version 3) have no "guidance" queue');
  });
});

describe('nobodyBefore', () => {
  it('is false while the queue is open, whatever the deadline', () => {
    expect(nobodyBefore(guidance, at('2025-06-16T07:00:00Z'), at('2025-06-16T07:00:00Z'))).toBe(false);
  });
  it('is false when the queue opens before the deadline (Friday evening, due Monday 16:00)', () => {
    expect(nobodyBefore(guidance, at('2025-06-13T14:00:00Z'), at('2025-06-16T13:00:00Z'))).toBe(false);
  });
  it('is true when the deadline passes before the queue opens (Friday evening, due the same day)', () => {
    expect(nobodyBefore(guidance, at('2025-06-13T14:00:00Z'), at('2025-06-13T20:59:59.999Z'))).toBe(true);
  });
  it('is true when the queue opens exactly at the deadline (not before it)', () => {
    expect(nobodyBefore(guidance, at('2025-06-13T14:00:00Z'), at('2025-06-16T05:00:00Z'))).toBe(true);
    expect(nobodyBefore(guidance, at('2025-06-13T14:00:00Z'), at('2025-06-16T05:00:01Z'))).toBe(false);
  });
  it('is true over Christmas for something due on Boxing Day', () => {
    expect(nobodyBefore(guidance, at('2025-12-23T15:00:00Z'), at('2025-12-26T21:59:59.999Z'))).toBe(true);
  });
  it('is true for a deadline already past', () => {
    expect(nobodyBefore(guidance, at('2025-06-13T14:00:00Z'), at('2025-06-13T13:00:00Z'))).toBe(true);
  });
  it('is true for a queue that never opens, and looks further than 60 days when the deadline is further', () => {
    expect(nobodyBefore(queue({}), at('2025-06-16T07:00:00Z'), at('2025-09-16T07:00:00Z'))).toBe(true);
    const closedTwoMonths = queue({
      weekly: { mon: [{ from: '08:00', to: '16:00' }] },
      closedDates: Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2025, 5, 23 + 7 * i)).toISOString().slice(0, 10)),
    });
    // Closed through Monday 8.9.; open on Monday 15.9., before a deadline on 16.9.
    expect(nobodyBefore(closedTwoMonths, at('2025-06-16T17:00:00Z'), at('2025-09-16T07:00:00Z'))).toBe(false);
  });
  it('rejects invalid Dates', () => {
    expect(() => nobodyBefore(guidance, at('x'), at('2025-06-16T07:00:00Z'))).toThrow(RangeError);
    expect(() => nobodyBefore(guidance, at('2025-06-16T07:00:00Z'), at('x'))).toThrow(RangeError);
  });
});

describe('validateServiceHours', () => {
  const clone = (): { version: unknown; queues: Record<string, unknown>[] } =>
    structuredClone(defaultServiceHours) as unknown as { version: unknown; queues: Record<string, unknown>[] };
  const withWeekly = (weekly: unknown): unknown => {
    const value = clone();
    value.queues[0] = { ...value.queues[0], weekly };
    return value;
  };

  it('accepts the defaults and returns a copy', () => {
    const result = validateServiceHours(defaultServiceHours);
    expect(result.errors).toEqual([]);
    expect(result.config).toEqual(defaultServiceHours);
    expect(result.config).not.toBe(defaultServiceHours);
  });
  it('gives guidance Mon–Fri 08:00–16:00, closed on public holidays', () => {
    expect(guidance.closedOnPublicHolidays).toBe(true);
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) expect(guidance.weekly[day]).toEqual([{ from: '08:00', to: '16:00' }]);
    expect(guidance.weekly.sat).toBeUndefined();
  });
  it.each([null, [], 'x'])('rejects a non-object %s', (value) => {
    expect(validateServiceHours(value).errors).toEqual([expect.stringMatching(/^\(root\): must be an object/)]);
  });
  it('checks the top level', () => {
    expect(validateServiceHours({ version: 0, queues: {} }).errors).toEqual([
      'version: must be an integer between 1 and 9007199254740991, got 0',
      'queues: must be an array, got [object Object]',
    ]);
  });
  it('requires a guidance queue', () => {
    const value = clone();
    value.queues = value.queues.filter((q) => q.id !== 'guidance');
    expect(validateServiceHours(value).errors).toEqual(['queues: must contain a queue with id "guidance"']);
  });
  it('refuses duplicate queue ids', () => {
    const value = clone();
    value.queues[2] = { ...value.queues[2], id: 'social-services', services: ['family-centre'] };
    expect(validateServiceHours(value).errors).toEqual(['queues[2].id: duplicate id "social-services" (also queues[1])']);
  });
  it('refuses a service listed by two queues', () => {
    const value = clone();
    value.queues[2] = { ...value.queues[2], services: ['family-centre', 'social-services'] };
    expect(validateServiceHours(value).errors).toEqual([
      'queues[2].services[1]: service "social-services" is already listed by queues[1]',
    ]);
  });
  it.each([
    [{ mon: [{ from: '8:00', to: '16:00' }] }, ['queues[0].weekly.mon[0].from: must be a time HH:MM between 00:00 and 23:59, got "8:00"']],
    [{ mon: [{ from: '24:00', to: '24:00' }] }, ['queues[0].weekly.mon[0].from: must be a time HH:MM between 00:00 and 23:59, got "24:00"']],
    [{ mon: [{ from: '08:00', to: '23:60' }] }, ['queues[0].weekly.mon[0].to: must be a time HH:MM between 00:01 and 24:00, got "23:60"']],
    [{ mon: [{ from: '08:00' }] }, ['queues[0].weekly.mon[0].to: must be a time HH:MM between 00:01 and 24:00, got missing']],
    [{ mon: [{ from: '16:00', to: '08:00' }] }, ['queues[0].weekly.mon[0]: from (16:00) must be before to (08:00)']],
    [{ mon: [{ from: '08:00', to: '08:00' }] }, ['queues[0].weekly.mon[0]: from (08:00) must be before to (08:00)']],
    [{ monday: [] }, ['queues[0].weekly.monday: unknown property']],
    [{ mon: { from: '08:00', to: '16:00' } }, ['queues[0].weekly.mon: must be an array, got [object Object]']],
    [{ mon: [{ from: '08:00', to: '16:00', note: 'x' }] }, ['queues[0].weekly.mon[0].note: unknown property']],
  ])('refuses bad intervals %j', (weekly, errors) => {
    expect(validateServiceHours(withWeekly(weekly)).errors).toEqual(errors);
  });
  it('refuses overlapping intervals, naming both', () => {
    const weekly = {
      tue: [
        { from: '08:00', to: '12:00' },
        { from: '13:00', to: '16:00' },
        { from: '11:00', to: '14:00' },
      ],
    };
    expect(validateServiceHours(withWeekly(weekly)).errors).toEqual([
      'queues[0].weekly.tue[2]: overlaps queues[0].weekly.tue[0] (08:00–12:00 and 11:00–14:00)',
      'queues[0].weekly.tue[2]: overlaps queues[0].weekly.tue[1] (13:00–16:00 and 11:00–14:00)',
    ]);
  });
  it('refuses an interval inside another', () => {
    const weekly = { wed: [{ from: '08:00', to: '16:00' }, { from: '10:00', to: '11:00' }] };
    expect(validateServiceHours(withWeekly(weekly)).errors).toEqual([
      'queues[0].weekly.wed[1]: overlaps queues[0].weekly.wed[0] (08:00–16:00 and 10:00–11:00)',
    ]);
  });
  it('accepts intervals that touch, and a day that runs to midnight', () => {
    const weekly = { thu: [{ from: '00:00', to: '12:00' }, { from: '12:00', to: '24:00' }], sat: [] };
    expect(validateServiceHours(withWeekly(weekly)).errors).toEqual([]);
  });
  it('checks the other queue fields', () => {
    const value = clone();
    value.queues[1] = {
      ...value.queues[1],
      label: { fi: 'x' },
      closedOnPublicHolidays: 'yes',
      closedDates: ['2025-02-29', '2025-12-31'],
      services: ['', 3],
      extra: true,
    };
    expect(validateServiceHours(value).errors).toEqual([
      'queues[1].extra: unknown property',
      'queues[1].label.sv: must be a non-empty string, got missing',
      'queues[1].label.en: must be a non-empty string, got missing',
      'queues[1].closedOnPublicHolidays: must be true or false, got "yes"',
      'queues[1].closedDates[0]: must be a real date written YYYY-MM-DD, got "2025-02-29"',
      'queues[1].services[0]: must be a non-empty string, got ""',
      'queues[1].services[1]: must be a non-empty string, got 3',
    ]);
  });
});
