import { describe, expect, it } from 'vitest';
import { ADVICE_KINDS } from './types';
import { contactsFor, defaultWhereToTurn, isPlausiblePhone, validateWhereToTurn, type WhereToTurnConfig } from './whereToTurn';

const ids = (config: WhereToTurnConfig, kinds: Parameters<typeof contactsFor>[1], lang: Parameters<typeof contactsFor>[2]) =>
  contactsFor(config, kinds, lang).map((c) => c.id);

describe('defaultWhereToTurn', () => {
  const byId = (id: string) => defaultWhereToTurn.contacts.find((c) => c.id === id);

  it('holds the national numbers of DOMAIN §11', () => {
    expect(byId('emergency-112')).toMatchObject({ kind: 'call-112', phone: '112' });
    expect(byId('paivystysapu-116117')).toMatchObject({ kind: 'on-call-helpline', phone: '116117' });
    expect(byId('mieli-crisis-fi')).toMatchObject({ kind: 'crisis-line', phone: '09 2525 0111', languages: ['fi'] });
    expect(byId('mieli-crisis-fi')?.hours.en).toBe('around the clock');
    expect(byId('mieli-crisis-sv')).toMatchObject({ kind: 'crisis-line', phone: '09 2525 0112', languages: ['sv', 'en'] });
    expect(byId('mieli-crisis-sv')?.hours.en).toMatch(/^not around the clock/);
  });
  it("marks the demo region's own numbers as demo", () => {
    for (const contact of defaultWhereToTurn.contacts.filter((c) => c.phone.startsWith('06'))) {
      expect(contact.name.fi, contact.id).toMatch(/\(demo\)/);
      expect(contact.name.en, contact.id).toMatch(/\(demo\)/);
    }
    expect(byId('kokkola-emergency-department')?.name.en).toMatch(/Kokkola/);
  });
  it('reaches the social emergency service through 112 out of office hours', () => {
    expect(byId('social-emergency-112')).toMatchObject({ kind: 'social-emergency', phone: '112' });
  });
  it('passes its own validation', () => {
    expect(validateWhereToTurn(defaultWhereToTurn)).toEqual({ config: defaultWhereToTurn, errors: [] });
  });
});

describe('contactsFor', () => {
  it("puts the crisis line in the reader's language first", () => {
    expect(ids(defaultWhereToTurn, ['crisis-line'], 'fi')).toEqual(['mieli-crisis-fi', 'mieli-crisis-sv', 'mieli-crisis-ar']);
    expect(ids(defaultWhereToTurn, ['crisis-line'], 'sv')).toEqual(['mieli-crisis-sv', 'mieli-crisis-fi', 'mieli-crisis-ar']);
    // Both the Swedish and the Arabic line answer in English; they keep their order.
    expect(ids(defaultWhereToTurn, ['crisis-line'], 'en')).toEqual(['mieli-crisis-sv', 'mieli-crisis-ar', 'mieli-crisis-fi']);
  });
  it('follows the order of the kinds asked for', () => {
    expect(ids(defaultWhereToTurn, ['on-call-helpline', 'call-112'], 'fi')).toEqual(['paivystysapu-116117', 'emergency-112']);
    expect(ids(defaultWhereToTurn, ['call-112', 'on-call-helpline'], 'fi')).toEqual(['emergency-112', 'paivystysapu-116117']);
  });
  it('keeps configuration order within a kind when all speak the language', () => {
    expect(ids(defaultWhereToTurn, ['social-emergency'], 'fi')).toEqual(['social-emergency-112', 'social-emergency-office-hours']);
  });
  it("moves a contact that does not speak the reader's language after those that do, in any kind", () => {
    const officeFirst: WhereToTurnConfig = { ...defaultWhereToTurn, contacts: [...defaultWhereToTurn.contacts].reverse() };
    expect(ids(officeFirst, ['social-emergency'], 'fi')).toEqual(['social-emergency-office-hours', 'social-emergency-112']);
    expect(ids(officeFirst, ['social-emergency'], 'en')).toEqual(['social-emergency-112', 'social-emergency-office-hours']);
  });
  it('lists each kind once, even when asked twice', () => {
    expect(ids(defaultWhereToTurn, ['call-112', 'call-112'], 'fi')).toEqual(['emergency-112']);
  });
  it('is empty for no kinds, or a kind without contacts', () => {
    expect(contactsFor(defaultWhereToTurn, [], 'fi')).toEqual([]);
    expect(contactsFor({ version: 1, contacts: [] }, ['call-112'], 'fi')).toEqual([]);
  });
  it('covers every advice kind with the defaults', () => {
    for (const kind of ADVICE_KINDS) expect(contactsFor(defaultWhereToTurn, [kind], 'fi').length, kind).toBeGreaterThan(0);
  });
});

describe('isPlausiblePhone', () => {
  it.each(['112', '116117', '116 117', '09 2525 0111', '09-2525-0111', '0800 123 456', '+358 9 2525 0111', '+35892525 0111', '06 000 0000'])(
    'accepts %s',
    (phone) => expect(isPlausiblePhone(phone)).toBe(true),
  );
  it.each([
    ['', 'empty'],
    ['11', 'too short'],
    ['92525011', 'a long number without its leading 0'],
    ['09 2525 0111 1234', 'too long'],
    ['+358', 'a country code only'],
    ['09  2525', 'double space'],
    ['09 2525 0111 ext 2', 'letters'],
    ['(09) 2525 0111', 'brackets'],
    [' 112', 'leading space'],
    ['0123', 'a national number too short'],
  ])('refuses %j (%s)', (phone) => expect(isPlausiblePhone(phone)).toBe(false));
});

describe('validateWhereToTurn', () => {
  const clone = (): { version: unknown; contacts: Record<string, unknown>[] } =>
    structuredClone(defaultWhereToTurn) as unknown as { version: unknown; contacts: Record<string, unknown>[] };

  it('returns a copy', () => {
    expect(validateWhereToTurn(defaultWhereToTurn).config).not.toBe(defaultWhereToTurn);
  });
  it.each([null, [], 1])('rejects a non-object %s', (value) => {
    expect(validateWhereToTurn(value).errors).toEqual([expect.stringMatching(/^\(root\): must be an object/)]);
  });
  it('checks the top level', () => {
    expect(validateWhereToTurn({ version: 1.5, contacts: 'x' }).errors).toEqual([
      'version: must be an integer between 1 and 9007199254740991, got 1.5',
      'contacts: must be an array, got "x"',
    ]);
  });
  it('requires a contact for every advice kind', () => {
    const value = clone();
    value.contacts = value.contacts.filter((c) => c.kind !== 'crisis-line' && c.kind !== 'social-emergency');
    expect(validateWhereToTurn(value).errors).toEqual([
      'contacts: no contact for advice kind "crisis-line"',
      'contacts: no contact for advice kind "social-emergency"',
    ]);
  });
  it('names the exact path of bad fields', () => {
    const value = clone();
    value.contacts[1] = { ...value.contacts[1], kind: 'helpline', phone: '9 2525 0111', languages: ['fi', 'de', 'fi'], extra: 1 };
    value.contacts[2] = { ...value.contacts[2], languages: [], hours: { fi: 'aina' }, note: 'x' };
    expect(validateWhereToTurn(value).errors).toEqual([
      'contacts[1].extra: unknown property',
      'contacts[1].kind: must be one of call-112, on-call-helpline, crisis-line, emergency-department, social-emergency, got "helpline"',
      'contacts[1].phone: "9 2525 0111" is not a plausible phone number (e.g. 112, 116117, 09 2525 0111, +358 9 2525 0111)',
      'contacts[1].languages[1]: must be one of fi, sv, en, got "de"',
      'contacts[1].languages[2]: "fi" is listed twice',
      'contacts[2].hours.sv: must be a non-empty string, got missing',
      'contacts[2].hours.en: must be a non-empty string, got missing',
      'contacts[2].languages: must name at least one language',
      'contacts[2].note: must be an object, got "x"',
      'contacts: no contact for advice kind "on-call-helpline"',
    ]);
  });
  it('refuses a missing phone and duplicate ids', () => {
    const value = clone();
    value.contacts[3] = { ...value.contacts[3], id: 'mieli-crisis-fi', phone: undefined };
    expect(validateWhereToTurn(value).errors).toEqual([
      'contacts[3].phone: must be a non-empty string, got missing',
      'contacts[3].id: duplicate id "mieli-crisis-fi" (also contacts[2])',
    ]);
  });
});
