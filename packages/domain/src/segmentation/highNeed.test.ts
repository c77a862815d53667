import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGH_NEED_SETTINGS, evaluateHighNeed, highNeedSettingsProblems, type HighNeedFacts } from './highNeed';
import { segmentCounts } from './segmentCounts';

const s = DEFAULT_HIGH_NEED_SETTINGS;
const facts = (over: Partial<HighNeedFacts> = {}): HighNeedFacts => ({ contacts: 0, visits: 0, services: 0, openHealth: 0, openSocial: 0, hasSharedPlan: false, ...over });
const met = (f: HighNeedFacts, settings = s) => Object.fromEntries(evaluateHighNeed(f, settings).criteria.map((c) => [c.id, c.met]));

describe('evaluateHighNeed', () => {
  it('counts contacts and visits together, from the threshold on', () => {
    expect(met(facts({ contacts: 5, visits: 4 }))['many-contacts']).toBe(false);
    expect(met(facts({ contacts: 5, visits: 5 }))['many-contacts']).toBe(true);
  });

  it('several services from the threshold on', () => {
    expect(met(facts({ services: 2 }))['several-services']).toBe(false);
    expect(met(facts({ services: 3 }))['several-services']).toBe(true);
  });

  it('both registers only when both have open matters; not known when one is hidden', () => {
    expect(met(facts({ openHealth: 1, openSocial: 1 }))['both-registers']).toBe(true);
    expect(met(facts({ openHealth: 1, openSocial: 0 }))['both-registers']).toBe(false);
    expect(met(facts({ openHealth: 3, openSocial: null }))['both-registers']).toBeNull();
  });

  it('the segment criterion follows the configured segments', () => {
    expect(met(facts({ latestSegment: 'network' }))['segment']).toBe(true);
    expect(met(facts({ latestSegment: 'community' }))['segment']).toBe(false);
    expect(met(facts({ latestSegment: 'community' }), { ...s, segments: ['community', 'network'] })['segment']).toBe(true);
    expect(met(facts({ latestSegment: 'network' }), { ...s, segments: [] })['segment']).toBeUndefined();
  });

  it('lists a client at the minimum number of criteria met, not one fewer; an unknown never counts', () => {
    expect(evaluateHighNeed(facts({ contacts: 10 }), s).listed).toBe(false);
    expect(evaluateHighNeed(facts({ contacts: 10, services: 3 }), s)).toMatchObject({ metCount: 2, listed: true });
    expect(evaluateHighNeed(facts({ contacts: 10, openHealth: 1, openSocial: null }), s)).toMatchObject({ metCount: 1, listed: false });
    expect(evaluateHighNeed(facts({ contacts: 10 }), { ...s, minCriteria: 1 }).listed).toBe(true);
  });

  it('leaves out clients with a shared plan only when so configured', () => {
    const f = facts({ contacts: 10, services: 3, hasSharedPlan: true });
    expect(evaluateHighNeed(f, s).listed).toBe(true);
    expect(evaluateHighNeed(f, { ...s, withoutPlanOnly: true }).listed).toBe(false);
  });
});

describe('highNeedSettingsProblems', () => {
  it('accepts the defaults and names wrong fields', () => {
    expect(highNeedSettingsProblems(s)).toEqual([]);
    expect(highNeedSettingsProblems({ ...s, minContacts: 0 })).toEqual(['minContacts: a whole number from 1 to 1000']);
    expect(highNeedSettingsProblems({ ...s, segments: ['vip'] })).toEqual(['segments: a list of self-acting, cooperating, community, network']);
    expect(highNeedSettingsProblems({ ...s, bothRegisters: false, segments: [], minCriteria: 3 })).toEqual(['minCriteria: at most 2, the criteria in use']);
    expect(highNeedSettingsProblems({ ...s, extra: true })).toEqual(['extra: unknown field']);
  });
});

describe('segmentCounts', () => {
  const many = (segment: 'network' | 'self-acting' | 'community' | 'cooperating', municipality: string, n: number) => Array.from({ length: n }, () => ({ segment, municipality }));

  it('hides every count under five and enough others that none can be worked out', () => {
    const table = segmentCounts([...many('network', '272', 12), ...many('self-acting', '272', 20), ...many('network', '217', 2), ...many('self-acting', '217', 9)]);
    const cell = (segment: string, municipality: string) => table.cells.find((c) => c.segment === segment && c.municipality === municipality)?.count;
    expect(cell('network', '217')).toBeNull();
    expect(cell('community', '272')).toBeNull();
    // The Kannus network cell (2) must not be derivable: a neighbour in its row or column is hidden too.
    expect([cell('self-acting', '217'), cell('network', '272'), table.byMunicipality.find((m) => m.municipality === '217')?.count].some((c) => c === null)).toBe(true);
    for (const c of [...table.cells, ...table.bySegment, ...table.byMunicipality]) if (c.count !== null) expect(c.count % 5).toBe(0);
    expect(table.total).toBe(45);
  });

  it('shows nothing for a group under five', () => {
    const table = segmentCounts(many('network', '272', 3));
    expect(table.total).toBeNull();
    expect(table.cells.every((c) => c.count === null)).toBe(true);
  });
});
