import { describe, it, expect } from 'vitest';
import type { VisitType } from './scheduleTemplate';
import { validateWeeklyTemplate } from './validateScheduleTemplate';

const label = { fi: 'Vastaanotto', sv: 'Mottagning', en: 'Appointment' };
const visitTypes: VisitType[] = [
  { code: 'nurse-30', label, minutes: 30, modes: ['on-site', 'phone'], selfBookable: true, nonUrgent: true },
  { code: 'home-60', label, minutes: 60, modes: ['home-visit'], selfBookable: false, nonUrgent: true },
];

const valid = {
  id: 'tpl-1',
  practitioner: 'Practitioner/nurse-anna',
  location: 'Location/kallio',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  blocks: [
    { weekday: 1, start: '08:00', end: '12:00', visitType: 'nurse-30', modes: ['on-site'] },
    { weekday: 1, start: '12:00', end: '16:00', visitType: 'home-60', modes: ['home-visit'] },
    { weekday: 7, start: '08:00', end: '16:00', visitType: 'nurse-30', modes: ['phone', 'on-site'] },
  ],
};

const withBlock = (block: Record<string, unknown>, index = 0) => ({
  ...valid,
  blocks: valid.blocks.map((b, i) => (i === index ? { ...b, ...block } : b)),
});
const errorsOf = (value: unknown): string[] => validateWeeklyTemplate(value, visitTypes).errors;

describe('validateWeeklyTemplate', () => {
  it('accepts a valid template and returns a clean copy', () => {
    const result = validateWeeklyTemplate(valid, visitTypes);
    expect(result.errors).toEqual([]);
    expect(result.template).toEqual(valid);
    expect(result.template).not.toBe(valid);
  });

  it('accepts an open-ended template without location', () => {
    const { location: _l, validTo: _t, ...open } = valid;
    expect(validateWeeklyTemplate(open, visitTypes)).toEqual({ template: open, errors: [] });
  });

  it.each([
    ['end before start', withBlock({ start: '12:00', end: '11:00' }), 'blocks[0].end: must be after start (12:00)'],
    ['end equal to start', withBlock({ end: '08:00' }), 'blocks[0].end: must be after start (08:00)'],
    ['unknown visit type', withBlock({ visitType: 'dentist' }, 2), 'blocks[2].visitType: unknown visit type "dentist"'],
    [
      'mode not allowed for the visit type',
      withBlock({ modes: ['on-site', 'video'] }),
      'blocks[0].modes[1]: mode "video" is not allowed for visit type "nurse-30" (allowed: on-site, phone)',
    ],
    ['unknown mode', withBlock({ modes: ['telepathy'] }), 'blocks[0].modes[0]: must be one of on-site, phone, video, home-visit, got "telepathy"'],
    ['duplicate mode', withBlock({ modes: ['phone', 'phone'] }), 'blocks[0].modes[1]: duplicate mode "phone"'],
    ['no modes', withBlock({ modes: [] }), 'blocks[0].modes: must be a non-empty array of on-site, phone, video, home-visit'],
    [
      'block shorter than one visit',
      withBlock({ start: '12:00', end: '12:45' }, 1),
      'blocks[1]: 12:00–12:45 is shorter than one "home-60" visit (60 min)',
    ],
    ['weekday 0', withBlock({ weekday: 0 }), 'blocks[0].weekday: must be an integer between 1 and 7, got 0'],
    ['weekday 8', withBlock({ weekday: 8 }), 'blocks[0].weekday: must be an integer between 1 and 7, got 8'],
    ['bad time', withBlock({ start: '8:00' }), "blocks[0].start: must be a time 'HH:MM' between 00:00 and 23:59, got \"8:00\""],
    ['24:00', withBlock({ end: '24:00' }), "blocks[0].end: must be a time 'HH:MM' between 00:00 and 23:59, got \"24:00\""],
    ['typo in a block', withBlock({ visittype: 'x' }), 'blocks[0].visittype: unknown property'],
    ['bad validFrom', { ...valid, validFrom: '2026-02-30' }, "validFrom: must be a date 'YYYY-MM-DD', got \"2026-02-30\""],
    ['validTo before validFrom', { ...valid, validTo: '2025-12-31' }, 'validTo: must not be before validFrom (2026-01-01)'],
    ['bad practitioner', { ...valid, practitioner: 'Patient/1' }, "practitioner: must be a reference 'Practitioner/<id>', got \"Patient/1\""],
    ['missing id', { ...valid, id: undefined }, 'id: must be a non-empty string, got missing'],
    ['blocks not an array', { ...valid, blocks: {} }, 'blocks: must be an array, got {}'],
  ])('%s', (_name, value, message) => {
    const result = validateWeeklyTemplate(value, visitTypes);
    expect(result.errors).toContain(message);
    expect(result.template).toBeUndefined();
  });

  it('reports overlapping blocks on the same weekday, naming both', () => {
    const overlapping = { ...valid, blocks: [...valid.blocks, { weekday: 1, start: '11:30', end: '13:00', visitType: 'nurse-30', modes: ['phone'] }] };
    expect(errorsOf(overlapping)).toEqual([
      'blocks[3]: overlaps blocks[0] on Monday (08:00–12:00)',
      'blocks[3]: overlaps blocks[1] on Monday (12:00–16:00)',
    ]);
  });

  it('allows back-to-back blocks and the same hours on different weekdays', () => {
    const blocks = [...valid.blocks, { weekday: 2, start: '08:00', end: '12:00', visitType: 'nurse-30', modes: ['phone'] }];
    expect(errorsOf({ ...valid, blocks })).toEqual([]);
  });

  it('rejects a non-object', () => {
    expect(errorsOf('template')).toEqual(['(root): must be an object, got "template"']);
  });
});
