import { describe, it, expect } from 'vitest';
import { findEarliestSlots, type SlotCandidate, type SlotQuery } from './slotSearch';
import { helsinkiEndOfDay, helsinkiTime } from './helsinkiTime';

const slot = (slotId: string, practitioner: string, date: string, hour: number, extra: Partial<SlotCandidate> = {}): SlotCandidate => ({
  slotId,
  practitioner: `Practitioner/${practitioner}`,
  profession: 'nurse',
  location: 'Location/kallio',
  municipality: '091',
  languages: ['fi'],
  start: helsinkiTime(date, hour),
  end: helsinkiTime(date, hour, 30),
  visitType: 'nurse-30',
  modes: ['on-site', 'phone'],
  ...extra,
});

const base: SlotQuery = { start: helsinkiTime('2026-05-11', 8), end: helsinkiEndOfDay('2026-05-20') };
const ids = (candidates: SlotCandidate[], query: Partial<SlotQuery> = {}): string[] =>
  findEarliestSlots(candidates, { ...base, ...query }).proposals.map((p) => p.slotId);

describe('findEarliestSlots: ranking', () => {
  const other = slot('other-12', 'bob', '2026-05-12', 9);
  const own = slot('own-18', 'anna', '2026-05-18', 10);
  const ownLater = slot('own-19', 'anna', '2026-05-19', 10);
  const team = slot('team-15', 'carl', '2026-05-15', 9);
  const ownTooLate = slot('own-25', 'anna', '2026-05-25', 8);
  const ownTeam = { ownPractitioners: ['Practitioner/anna'], ownTeamPractitioners: ['Practitioner/anna', 'Practitioner/carl'] };

  it('earliest first; equal times by slotId whatever the input order', () => {
    const twin = slot('a-twin', 'dora', '2026-05-18', 10);
    expect(ids([own, twin, other])).toEqual(['other-12', 'a-twin', 'own-18']);
    expect(ids([other, own, twin].reverse())).toEqual(['other-12', 'a-twin', 'own-18']);
  });

  it('own professional before an earlier other professional when both keep the deadline', () => {
    const result = findEarliestSlots([other, own], { ...base, ownPractitioners: ['Practitioner/anna'] });
    expect(result.keepsDeadline).toBe(true);
    expect(result.message).toBeUndefined();
    expect(result.proposals.map((p) => [p.slotId, p.reasons])).toEqual([
      ['own-18', ['own-professional']],
      ['other-12', ['earliest']],
    ]);
  });

  it('own professional after the deadline is not preferred over a slot within it', () => {
    expect(ids([ownTooLate, other], ownTeam)).toEqual(['other-12']);
  });

  it('own professional, then own team, then the rest by time; only the first own slot is promoted', () => {
    const result = findEarliestSlots([ownLater, other, team, own, ownTooLate], { ...base, ...ownTeam });
    expect(result.proposals.map((p) => [p.slotId, p.reasons])).toEqual([
      ['own-18', ['own-professional']],
      ['team-15', ['own-team']],
      ['other-12', ['earliest']],
      ['own-19', ['own-professional', 'earliest']],
    ]);
  });

  it('respects the limit after ranking', () => {
    expect(ids([ownLater, other, team, own], { ...ownTeam, limit: 2 })).toEqual(['own-18', 'team-15']);
    expect(() => findEarliestSlots([], { ...base, limit: 0 })).toThrow(RangeError);
  });

  it('the window is inclusive at both ends and excludes slots before the start', () => {
    const atStart = { ...slot('at-start', 'bob', '2026-05-11', 8) };
    const atDeadline = { ...slot('at-end', 'bob', '2026-05-20', 8), start: base.end };
    const past = slot('past', 'bob', '2026-05-11', 7);
    expect(ids([past, atDeadline, atStart])).toEqual(['at-start', 'at-end']);
  });
});

describe('findEarliestSlots: nothing fits before the deadline', () => {
  it('offers the earliest later slots by time alone, with a message in three languages', () => {
    const ownLate = slot('own-27', 'anna', '2026-05-27', 8);
    const otherLate = slot('other-22', 'bob', '2026-05-22', 8);
    const past = slot('past', 'bob', '2026-05-08', 8);
    const result = findEarliestSlots([ownLate, past, otherLate], { ...base, ownPractitioners: ['Practitioner/anna'] });
    expect(result.keepsDeadline).toBe(false);
    expect(result.proposals.map((p) => [p.slotId, p.reasons])).toEqual([
      ['other-22', ['earliest', 'after-deadline']],
      ['own-27', ['own-professional', 'earliest', 'after-deadline']],
    ]);
    expect(result.message?.fi).toMatch(/^Määräaikaan mennessä/);
    expect(result.message?.sv).toMatch(/tidsgränsen/);
    expect(result.message?.en).toMatch(/before the deadline/);
  });

  it('says so plainly when there is nothing at all', () => {
    const result = findEarliestSlots([slot('x', 'bob', '2026-05-12', 8, { languages: ['fi'] })], { ...base, language: 'sv' });
    expect(result).toMatchObject({ proposals: [], keepsDeadline: false });
    expect(result.message?.en).toMatch(/^No suitable free time was found\. Try widening/);
    expect(result.message?.fi).toMatch(/^Sopivaa vapaata aikaa ei löytynyt/);
    expect(result.message?.sv).toMatch(/^Ingen lämplig ledig tid/);
  });
});

describe('findEarliestSlots: filters', () => {
  const candidates = [
    slot('fi-hki', 'bob', '2026-05-12', 8),
    slot('sv-hki', 'sara', '2026-05-12', 9, { languages: ['fi', 'sv'] }),
    slot('sv-espoo', 'sven', '2026-05-12', 7, { languages: ['sv'], municipality: '049', location: 'Location/espoo' }),
    slot('doc-video', 'dan', '2026-05-12', 10, { profession: 'physician', modes: ['video'], visitType: 'doctor-20' }),
  ];
  it.each([
    [{ language: 'sv' }, ['sv-espoo', 'sv-hki']],
    [{ language: 'sv', municipality: '091' }, ['sv-hki']],
    [{ municipality: '049' }, ['sv-espoo']],
    [{ location: 'Location/kallio' }, ['fi-hki', 'sv-hki', 'doc-video']],
    [{ profession: 'physician' }, ['doc-video']],
    [{ visitMode: 'video' as const }, ['doc-video']],
    [{ visitMode: 'phone' as const }, ['sv-espoo', 'fi-hki', 'sv-hki']],
    [{ visitType: 'doctor-20' }, ['doc-video']],
  ])('%j', (filter, expected) => expect(ids(candidates, filter)).toEqual(expected));

  it('names the matched filters among the reasons', () => {
    const [first] = findEarliestSlots(candidates, { ...base, language: 'sv', municipality: '091', location: 'Location/kallio' }).proposals;
    expect(first?.reasons).toEqual(['earliest', 'language', 'location', 'municipality']);
  });
});
