import { describe, expect, it } from 'vitest';
import {
  CATALOGUE,
  contactFormLink,
  coversMunicipality,
  defaultClientPaths,
  localizeClientPath,
  openingState,
  parseServiceQuery,
  rankMatches,
  searchWords,
  serviceCard,
  servesAge,
  telHref,
  validateClientPaths,
  type CatalogueService,
  type MatchMeasures,
} from './index';
import { translationsElement } from '../translation';

const none = { fi: 0, sv: 0, en: 0 };
const measure = (id: string, over: Partial<MatchMeasures> = {}): MatchMeasures => ({ id, name: id, textRank: none, nameSimilarity: 0, textSimilarity: 0, ...over });

describe('parseServiceQuery', () => {
  it('reads every parameter', () => {
    expect(parseServiceQuery({ q: '  Perheneuvola   ero ', lang: 'sv', municipality: '272', age: '9', limit: '5' }).query).toEqual({
      text: 'Perheneuvola ero',
      words: ['perheneuvola', 'ero'],
      lang: 'sv',
      municipality: '272',
      age: 9,
      limit: 5,
    });
  });
  it('defaults to Finnish, everything and 20 results', () => {
    expect(parseServiceQuery({}).query).toEqual({ text: '', words: [], lang: 'fi', limit: 20 });
  });
  it.each([
    [{ q: 'x'.repeat(201) }, /q is longer than 200/],
    [{ lang: 'de' }, /lang must be fi, sv or en/],
    [{ municipality: 'Kokkola' }, /municipality must be a three-digit/],
    [{ municipality: '2720' }, /municipality must be a three-digit/],
    [{ age: '-1' }, /age must be a whole number/],
    [{ age: '121' }, /age must be a whole number/],
    [{ age: '7.5' }, /age must be a whole number/],
    [{ limit: '0' }, /limit must be/],
    [{ limit: '51' }, /limit must be/],
    [{ q: ['a', 'b'] }, /q must be given once/],
    [{ q: 'a\u0000b' }, /control characters/],
    [{ sort: 'name' }, /Unknown parameter sort/],
  ])('refuses %j', (raw, message) => {
    const { query, errors } = parseServiceQuery(raw as Record<string, unknown>);
    expect(query).toBeUndefined();
    expect(errors.join('; ')).toMatch(message);
  });
  it('keeps letters and digits of any language as words, once each, at most eight', () => {
    expect(searchWords('Skilsmässa! skilsmässa, 24/7 (ÅÄÖ)')).toEqual(['skilsmässa', '24', '7', 'åäö']);
    expect(searchWords('a b c d e f g h i j')).toHaveLength(8);
    expect(searchWords('--- !!!')).toEqual([]);
  });
});

describe('rankMatches', () => {
  it('puts words found in the reader\'s language before the same rank in another', () => {
    const ranked = rankMatches([measure('en-hit', { textRank: { ...none, en: 0.2 } }), measure('sv-hit', { textRank: { ...none, sv: 0.2 } })], 'sv', true);
    expect(ranked.map((r) => r.id)).toEqual(['sv-hit', 'en-hit']);
    expect(ranked[0]?.reasons).toEqual([{ kind: 'words', language: 'sv' }]);
  });
  it('lets a typo match by the name\'s spelling, below a word found', () => {
    const ranked = rankMatches([measure('typo', { nameSimilarity: 0.75 }), measure('word', { textRank: { ...none, fi: 0.1 } })], 'fi', true);
    expect(ranked.map((r) => r.id)).toEqual(['word', 'typo']);
    expect(ranked[1]?.reasons).toEqual([{ kind: 'similar-name' }]);
  });
  it('drops candidates too far from every word', () => {
    expect(rankMatches([measure('far', { nameSimilarity: 0.49, textSimilarity: 0.59 })], 'fi', true)).toEqual([]);
  });
  it('says similar words when only the text is near', () => {
    expect(rankMatches([measure('near', { textSimilarity: 0.7 })], 'en', true)[0]?.reasons).toEqual([{ kind: 'similar-words' }]);
  });
  it('lists every reason: all languages whose words matched, the reader\'s first', () => {
    const [r] = rankMatches([measure('all', { textRank: { fi: 0.1, sv: 0.1, en: 0.1 }, nameSimilarity: 0.9 })], 'en', true);
    expect(r?.reasons).toEqual([{ kind: 'words', language: 'en' }, { kind: 'words', language: 'fi' }, { kind: 'words', language: 'sv' }, { kind: 'similar-name' }]);
  });
  it('orders equal scores by name in the reader\'s alphabet, and lists all by name without words', () => {
    const ranked = rankMatches([measure('Öppen'), measure('Ärende'), measure('Zon')], 'sv', false);
    expect(ranked.map((r) => r.id)).toEqual(['Zon', 'Ärende', 'Öppen']);
    expect(ranked[0]?.reasons).toEqual([{ kind: 'filters-only' }]);
  });
  it('ranks a stronger full-text match higher', () => {
    const ranked = rankMatches([measure('weak', { textRank: { ...none, fi: 0.05 } }), measure('strong', { textRank: { ...none, fi: 0.5 } })], 'fi', true);
    expect(ranked.map((r) => r.id)).toEqual(['strong', 'weak']);
    expect(ranked[0]!.score).toBeGreaterThan(ranked[1]!.score);
  });
});

describe('age and municipality filters', () => {
  it('serves an age inside the range, both ends included, open ends open', () => {
    expect(servesAge({ low: 0, high: 17 }, 17)).toBe(true);
    expect(servesAge({ low: 0, high: 17 }, 18)).toBe(false);
    expect(servesAge({ low: 13 }, 12)).toBe(false);
    expect(servesAge({ low: 13 }, 90)).toBe(true);
    expect(servesAge({}, 50)).toBe(true);
    expect(servesAge({ low: 18 }, undefined)).toBe(true);
  });
  it('covers a listed municipality, every one without a list', () => {
    expect(coversMunicipality(['272', '217'], '217')).toBe(true);
    expect(coversMunicipality(['272'], '217')).toBe(false);
    expect(coversMunicipality([], '924')).toBe(true);
    expect(coversMunicipality(['272'], undefined)).toBe(true);
  });
});

describe('openingState', () => {
  const weekdays = [{ daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'] as Array<'mon'>, availableStartTime: '08:00:00', availableEndTime: '16:00:00' }];
  // 2026-11-30 is a Monday; Helsinki is UTC+2 in winter.
  it('is open inside the hours and closed outside, with the next opening', () => {
    expect(openingState(weekdays, undefined, new Date('2026-11-30T07:00:00+02:00'))).toEqual({ known: true, openNow: false, alwaysOpen: false, nextOpening: '2026-11-30T06:00:00.000Z' });
    expect(openingState(weekdays, undefined, new Date('2026-11-30T08:00:00+02:00')).openNow).toBe(true);
    expect(openingState(weekdays, undefined, new Date('2026-11-30T16:00:00+02:00')).openNow).toBe(false);
  });
  it('is closed at the weekend and on a public holiday (Independence Day, a Sunday in 2026: use 2027, a Monday)', () => {
    expect(openingState(weekdays, undefined, new Date('2026-11-29T12:00:00+02:00')).openNow).toBe(false);
    const holiday = openingState(weekdays, undefined, new Date('2027-12-06T12:00:00+02:00'));
    expect(holiday.openNow).toBe(false);
    expect(holiday.nextOpening).toBe('2027-12-07T06:00:00.000Z');
  });
  it('keeps a round-the-clock line open on holidays, and says so', () => {
    const always = [{ daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as Array<'mon'>, allDay: true }];
    expect(openingState(always, undefined, new Date('2027-12-24T03:00:00+02:00'))).toEqual({ known: true, openNow: true, alwaysOpen: true });
  });
  it('reads an evening line that ends at midnight', () => {
    const evenings = [{ daysOfWeek: ['sat'] as Array<'sat'>, availableStartTime: '18:00:00', availableEndTime: '00:00:00' }];
    expect(openingState(evenings, undefined, new Date('2026-11-28T23:30:00+02:00')).openNow).toBe(true);
  });
  it('is closed on a day of notAvailable', () => {
    const closed = [{ description: 'koulutuspäivä', during: { start: '2026-11-30T00:00:00+02:00', end: '2026-11-30T23:59:00+02:00' } }];
    expect(openingState(weekdays, closed, new Date('2026-11-30T10:00:00+02:00')).openNow).toBe(false);
  });
  it('does not know without hours', () => {
    expect(openingState(undefined, undefined, new Date())).toEqual({ known: false, openNow: false, alwaysOpen: false });
  });
});

describe('serviceCard', () => {
  const service: CatalogueService = {
    resourceType: 'HealthcareService',
    id: 'svc-x',
    name: 'Perheneuvola',
    _name: translationsElement({ fi: 'Perheneuvola', sv: 'Familjerådgivningen', en: 'Family counselling' }),
    comment: 'Tukea perheille',
    _comment: translationsElement({ fi: 'Tukea perheille', sv: 'Stöd för familjer', en: 'Support for families' }),
    category: [{ coding: [{ system: CATALOGUE.providerKindSystem, code: 'ngo' }] }],
    providedBy: { reference: 'Organization/o', display: 'Yhdistys ry' },
    extension: [
      { url: CATALOGUE.municipalityExtension, valueCoding: { system: 'urn:oid:1.2.246.537.6.21', code: '272' } },
      { url: CATALOGUE.ageRangeExtension, valueRange: { low: { value: 0, unit: 'a' }, high: { value: 17, unit: 'a' } } },
    ],
    communication: [{ coding: [{ system: 'urn:ietf:bcp:47', code: 'fi' }] }, { coding: [{ system: 'urn:ietf:bcp:47', code: 'sv' }] }],
    characteristic: [{ coding: [{ system: CATALOGUE.accessibilitySystem, code: 'wheelchair' }] }, { coding: [{ system: CATALOGUE.accessibilitySystem, code: 'unknown-thing' }] }],
    telecom: [{ system: 'phone', value: '+358 6 000 4020' }, { system: 'url', value: 'https://example.org' }],
  };
  it('reads the reader\'s language and every part of the entry', () => {
    const card = serviceCard(service, 'sv', new Date('2026-11-30T10:00:00+02:00'), { location: { resourceType: 'Location', address: { line: ['Perhekuja 5'], postalCode: '67100', city: 'Kokkola' } } });
    expect(card).toMatchObject({
      id: 'svc-x',
      name: 'Familjerådgivningen',
      description: 'Stöd för familjer',
      provider: { name: 'Yhdistys ry', kind: 'ngo' },
      municipalities: ['272'],
      ages: { low: 0, high: 17 },
      languages: ['fi', 'sv'],
      accessibility: ['wheelchair'],
      phones: [{ value: '+358 6 000 4020', href: 'tel:+35860004020' }],
      website: 'https://example.org',
      address: 'Perhekuja 5, 67100 Kokkola',
      opening: { known: false },
    });
  });
  it('makes a tel: link of a phone number', () => {
    expect(telHref('09 123 (45)')).toBe('tel:0912345');
  });
});

describe('client paths', () => {
  it('accepts the default paths, three of them in three languages', () => {
    const { config, errors } = validateClientPaths(defaultClientPaths);
    expect(errors).toEqual([]);
    expect(config?.paths.map((p) => p.id)).toEqual(['divorce', 'neuropsychiatric', 'youth-mental-health']);
  });
  it('refuses a missing translation, a bad id, a duplicate, an unknown reason and a bad service id', () => {
    const path = structuredClone(defaultClientPaths.paths[0]!);
    const broken = {
      paths: [
        { ...path, id: 'Divorce!', title: { fi: 'Ero', sv: 'Skilsmässa' } },
        { ...path, contact: { reason: 'chest', matter: path.contact.matter }, services: ['ok', 'not ok'] },
        { ...path, steps: [] },
        path,
      ],
      extra: 1,
    };
    const { config, errors } = validateClientPaths(broken);
    expect(config).toBeUndefined();
    const text = errors.join('\n');
    expect(text).toMatch(/extra: unknown property/);
    expect(text).toMatch(/paths\[0\]\.id: must be lower-case/);
    expect(text).toMatch(/paths\[0\]\.title\.en: must be a non-empty string/);
    expect(text).toMatch(/paths\[1\]\.contact\.reason: must be one of/);
    expect(text).toMatch(/paths\[1\]\.services\[1\]: must be a HealthcareService id/);
    expect(text).toMatch(/paths\[2\]\.steps: must have 1 to 12 steps/);
    expect(text).toMatch(/duplicate id "divorce"/);
  });
  it('localises a path and links the contact form with the matter filled in', () => {
    const path = localizeClientPath(defaultClientPaths.paths[0]!, 'sv');
    expect(path.title).toBe('Familjen går igenom en skilsmässa');
    const link = new URL(contactFormLink(path), 'http://x');
    expect(link.pathname).toBe('/contact');
    expect(link.searchParams.get('reason')).toBe('child-family');
    expect(link.searchParams.get('matter')).toBe('Vår familj går igenom en skilsmässa och vi behöver stöd.');
    expect(link.searchParams.get('path')).toBe('divorce');
  });
});
