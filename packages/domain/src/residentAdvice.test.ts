import { describe, expect, it } from 'vitest';
import { formatOpening, residentNotes } from './residentAdvice';
import { defaultWhereToTurn } from './whereToTurn';

const kinds = (notes: ReturnType<typeof residentNotes>) => notes.map((n) => n.kind);

describe('residentNotes', () => {
  it('puts 112 first, before the closed-queue notice and everything else', () => {
    const notes = residentNotes({ advice: ['crisis-line', 'call-112'], whereToTurn: defaultWhereToTurn, outOfHours: {}, ruleAdvice: { fi: 'r', sv: 'r', en: 'r' } });
    expect(kinds(notes)).toEqual(['call-112', 'out-of-hours', 'crisis-line', 'on-call-helpline', 'emergency-department', 'rule']);
  });

  it('out of hours always adds the on-call helpline and the emergency department, with their numbers', () => {
    const notes = residentNotes({ advice: [], whereToTurn: defaultWhereToTurn, outOfHours: { opensAt: new Date('2026-11-30T06:00:00Z') } });
    expect(kinds(notes)).toEqual(['out-of-hours', 'on-call-helpline', 'emergency-department']);
    expect(notes[1]?.text.fi).toContain('116117');
    expect(notes[0]?.text.fi).toContain('8.00');
    expect(notes[0]?.text.en).toMatch(/Mon/);
    expect(notes[0]?.text.sv).toMatch(/kl\./);
  });

  it('names the crisis line in the reader’s language first', () => {
    const [note] = residentNotes({ advice: ['crisis-line'], whereToTurn: defaultWhereToTurn });
    expect(note?.text.fi.indexOf('09 2525 0111')).toBeLessThan(note?.text.fi.indexOf('09 2525 0112') ?? -1);
    expect(note?.text.sv).toContain('09 2525 0112');
    expect(note?.text.sv.indexOf('09 2525 0112')).toBeLessThan(note?.text.sv.indexOf('09 2525 0111') ?? Infinity);
  });

  it('in office hours and with no advice, only the rule speaks; with nothing, nothing', () => {
    expect(kinds(residentNotes({ advice: [], whereToTurn: defaultWhereToTurn, ruleAdvice: { fi: 'a', sv: 'b', en: 'c' } }))).toEqual(['rule']);
    expect(residentNotes({ advice: [], whereToTurn: defaultWhereToTurn })).toEqual([]);
  });

  it('says "next" when the opening is unknown, in every language', () => {
    const [note] = residentNotes({ advice: [], whereToTurn: defaultWhereToTurn, outOfHours: {} });
    expect(note?.text.fi).toContain('seuraavan kerran');
    expect(note?.text.sv).toContain('nästa gång');
    expect(note?.text.en).toContain('open next');
  });

  it('formats an opening in Helsinki time', () => {
    expect(formatOpening(new Date('2026-11-30T06:00:00Z'), 'fi')).toMatch(/ma 30\.11\. klo 8\.00/);
    expect(formatOpening(new Date('2026-07-01T05:00:00Z'), 'en')).toMatch(/08:00|8:00/);
  });
});
