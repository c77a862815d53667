import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from './oviTestServer';
import { BACKENDS, startOn } from './backends';

/** "Järvi" with the ä decomposed: a + U+0308 COMBINING DIAERESIS, as some systems send it. */
const DECOMPOSED_JARVI = 'Ja\u0308rvi';
const FAMILIES = ['Öhman', 'Aalto', 'Ylönen', 'Åberg', 'Ärje', DECOMPOSED_JARVI, 'Wallin', 'Vesa', 'Zachris'];
/** ICU fi (and sv): v before w, then z, å, ä, ö. */
const FINNISH_ORDER = ['Aalto', 'Järvi', 'Vesa', 'Wallin', 'Ylönen', 'Zachris', 'Åberg', 'Ärje', 'Öhman'];
const GIVEN = 'Nimihaku';

describe.each(BACKENDS)('String search and date prefixes on %s', (backend) => {
  let server: TestServer;
  let admin: string;
  const families = async (query: string) => {
    const r = await server.call('GET', `/fhir/R4/Practitioner?given=${GIVEN}&${query}`, { token: admin });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return (r.body.entry ?? []).map((e: any) => String(e.resource.name[0].family).normalize('NFC'));
  };

  beforeAll(async () => {
    server = await startOn(backend);
    admin = (await server.login('admin')).token;
    for (const family of FAMILIES) {
      const r = await server.call('POST', '/fhir/R4/Practitioner', { token: admin, body: { resourceType: 'Practitioner', active: true, name: [{ family, given: [GIVEN] }] } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
  });
  afterAll(async () => server?.close());

  it('finds names folded for case and accents, starting with the value', async () => {
    expect(await families('family=ohman')).toEqual(['Öhman']);
    expect(await families('family=%C3%96HMAN')).toEqual(['Öhman']);
    expect(await families('family=oh')).toEqual(['Öhman']);
    expect(await families('family=aberg')).toEqual(['Åberg']);
    expect(await families('family=hman')).toEqual([]);
  });

  it('finds a decomposed name by a composed query, and a composed name by a decomposed one', async () => {
    expect(await families(`family=${encodeURIComponent('Järvi')}`)).toEqual(['Järvi']);
    expect(await families(`family=${encodeURIComponent(DECOMPOSED_JARVI)}`)).toEqual(['Järvi']);
    expect(await families('family=jarvi')).toEqual(['Järvi']);
    expect(await families(`family=${encodeURIComponent('Yl\u006f\u0308nen')}`)).toEqual(['Ylönen']);
  });

  it('matches :exact with case and accents, composed or not', async () => {
    expect(await families(`family:exact=${encodeURIComponent('Öhman')}`)).toEqual(['Öhman']);
    expect(await families(`family:exact=${encodeURIComponent('öhman')}`)).toEqual([]);
    expect(await families('family:exact=Ohman')).toEqual([]);
    expect(await families(`family:exact=${encodeURIComponent('Öhm')}`)).toEqual([]);
    expect(await families(`family:exact=${encodeURIComponent('Järvi')}`)).toEqual(['Järvi']);
  });

  it('matches :contains anywhere, folded', async () => {
    expect(await families('family:contains=HMA')).toEqual(['Öhman']);
    expect(await families('family:contains=rv')).toEqual(['Järvi']);
  });

  it('sorts by family in Finnish order, both ways', async () => {
    expect(await families('_sort=family')).toEqual(FINNISH_ORDER);
    expect(await families('_sort=-family')).toEqual([...FINNISH_ORDER].reverse());
  });

  it('applies R4 date prefixes to Periods, days bounded in Helsinki time', async () => {
    // 1 January to 5 January 12:00 Helsinki: starts before the 5th and ends on it.
    const role = await server.call('POST', '/fhir/R4/PractitionerRole', {
      token: admin,
      body: { resourceType: 'PractitionerRole', active: true, code: [{ text: 'Päivähaku' }], period: { start: '2031-01-01', end: '2031-01-05T12:00:00+02:00' } },
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const found = async (date: string) => {
      const r = await server.call('GET', `/fhir/R4/PractitionerRole?_id=${role.body.id}&date=${date}`, { token: admin });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.total ?? (r.body.entry ?? []).length;
    };
    expect(await found('ge2031-01-05')).toBe(0);
    expect(await found('ge2031-01-01')).toBe(1);
    expect(await found('le2031-01-05')).toBe(1);
    expect(await found('le2030-12-31')).toBe(0);
    expect(await found('gt2031-01-04')).toBe(1);
    expect(await found('gt2031-01-05')).toBe(0);
    expect(await found('lt2031-01-02')).toBe(1);
    expect(await found('eq2031-01')).toBe(1);
    expect(await found('2031-01-05')).toBe(0);
    expect(await found('sa2030-12-31')).toBe(1);
    expect(await found('sa2031-01-01')).toBe(0);
    expect(await found('eb2031-01-06')).toBe(1);
    expect(await found('eb2031-01-05')).toBe(0);
    expect(await found('ap2031-01-03')).toBe(1);
    expect(await found('ne2031-01')).toBe(0);
    // Helsinki midnight: the period starts at 2030-12-31T22:00Z, which is still the 1st in Helsinki.
    expect(await found('sa2030-12-31T23:59:00%2B02:00')).toBe(1);
    expect(await found('sa2030-12-31T23:59:00Z')).toBe(0);
  });

  it('refuses bad search input with a 400 OperationOutcome', async () => {
    for (const query of ['date=xx2031-01-05', 'date=ge2031-02-30', 'date=2031-01-05T25:00', 'code:exact=x', 'name:fuzzy=x', '_sort=nonexistent']) {
      const r = await server.call('GET', `/fhir/R4/PractitionerRole?${query}`, { token: admin });
      expect(r.status, query).toBe(400);
      expect(r.body.resourceType).toBe('OperationOutcome');
    }
  });
});
