/**
 * The service finder and client paths on both back-ends, without logging in: search by need
 * words in Finnish, Swedish and English (PostgreSQL full-text search with each language's
 * configuration), by a typo (pg_trgm), by municipality and age; the FHIR HealthcareService
 * search as usual; bad input answered with 400. Client paths read publicly and edited by an
 * administrator with a preview, If-Match (412 when stale) and history; others get 401/403 and
 * nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startOn } from './backends';
import type { TestServer } from './oviTestServer';

// Monday 30 November 2026, 10:00 in Helsinki: offices are open, evening chats are not.
const CLOCK = new Date('2026-11-30T10:00:00+02:00');

describe.each(BACKENDS)('service finder on %s', (backend) => {
  let server: TestServer;
  const search = async (query: string) => server.call('GET', `/api/services/search?${query}`);
  const ids = (body: any): string[] => body.services.map((s: any) => s.id);

  beforeAll(async () => {
    server = await startOn(backend, { clockStart: CLOCK });
  }, 180_000);
  afterAll(async () => server?.close());

  it('holds at least 60 catalogue services of the region, NGOs and parishes, indexed for search', async () => {
    const all = await search('limit=50');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(60);
    const rows = await server.ovi.services.db.query<{ kind: string; n: string }>(
      `SELECT r.content #>> '{category,0,coding,0,code}' AS kind, count(*) AS n FROM service_search s JOIN resource r ON r.resource_type = 'HealthcareService' AND r.id = s.service_id GROUP BY 1`,
    );
    const kinds = Object.fromEntries(rows.rows.map((r) => [r.kind, Number(r.n)]));
    expect(kinds.region).toBeGreaterThan(20);
    expect(kinds.ngo).toBeGreaterThan(5);
    expect(kinds.parish).toBeGreaterThan(3);
  });

  it('stops one address searching in a loop with 429 and Retry-After, counted in the database, leaving other addresses alone', async () => {
    const { addressKey } = await import('../../src/auth/clientAddress');
    const { SEARCHES_PER_HOUR, SEARCH_LIMIT_NAME } = await import('../../src/serviceFinder/serviceFinderRoutes');
    const db = server.ovi.services.db;
    // This address has used the hour's searches (as a process on the same database counted them).
    await db.query(
      `INSERT INTO public_form_address (form, address, sent, window_started) VALUES ($1, $2, $3, now())
       ON CONFLICT (form, address) DO UPDATE SET sent = EXCLUDED.sent, window_started = now()`,
      [SEARCH_LIMIT_NAME, addressKey('127.0.0.1'), SEARCHES_PER_HOUR],
    );
    try {
      const refused = await search('q=ero&lang=fi');
      expect(refused.status).toBe(429);
      expect(refused.body.resourceType).toBe('OperationOutcome');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another address's searches are counted apart.
      await db.query(`UPDATE public_form_address SET address = $1 WHERE form = $2 AND address = $3`, [addressKey('192.0.2.77'), SEARCH_LIMIT_NAME, addressKey('127.0.0.1')]);
      expect((await search('q=ero&lang=fi')).status).toBe(200);
    } finally {
      await db.query(`DELETE FROM public_form_address WHERE form = $1`, [SEARCH_LIMIT_NAME]);
    }
  });

  it.each([
    ['ero', 'fi', 'Perheasioiden sovittelu'],
    ['skilsmässa', 'sv', 'Medling i familjeärenden'],
    ['divorce', 'en', 'Family mediation'],
  ])('finds divorce help by the need word "%s" (%s), in that language, explaining why', async (word, lang, name) => {
    const r = await search(`q=${encodeURIComponent(word)}&lang=${lang}`);
    expect(r.status).toBe(200);
    const names = r.body.services.map((s: any) => s.name);
    expect(names).toContain(name);
    expect(ids(r.body).indexOf('cat-family-mediation')).toBeLessThan(10);
    expect(ids(r.body)).toContain('cat-child-welfare-supervisor');
    const mediation = r.body.services.find((s: any) => s.id === 'cat-family-mediation');
    expect(mediation.reasons).toContainEqual({ kind: 'words', language: lang });
    // Services about something else are not matches.
    expect(ids(r.body)).not.toContain('cat-speech-therapy');
  });

  it('finds the family counselling clinic by a typo, first', async () => {
    const r = await search('q=perheneuvla');
    expect(r.status).toBe(200);
    expect(ids(r.body)[0]).toMatch(/^cat-family-counselling-(kokkola|kannus)$/);
    expect(r.body.services[0].reasons).toContainEqual({ kind: 'similar-name' });
    const sv = await search(`q=${encodeURIComponent('familjeradgivnig')}&lang=sv`);
    expect(sv.body.services.map((s: any) => s.name)).toContain('Familjerådgivningen');
  });

  it('finds by a word in another language than the one read, and shows the reader\'s language', async () => {
    const r = await search('q=perheneuvola&lang=en');
    expect(r.body.services[0].name).toBe('Family counselling clinic');
  });

  it('filters by municipality and age', async () => {
    const kannus = await search('municipality=217&limit=50');
    expect(kannus.status).toBe(200);
    for (const s of kannus.body.services) expect(s.municipalities.length === 0 || s.municipalities.includes('217')).toBe(true);
    expect(ids(kannus.body)).toContain('cat-child-clinic-217');
    expect(ids(kannus.body)).not.toContain('cat-child-clinic-272');

    const teen = await search('q=masennus&age=15&limit=50');
    expect(ids(teen.body)).toContain('cat-youth-mental-health');
    expect(ids(teen.body)).not.toContain('cat-adult-psychiatry-outpatient');
    for (const s of teen.body.services) {
      expect(s.ages.low === undefined || s.ages.low <= 15).toBe(true);
      expect(s.ages.high === undefined || s.ages.high >= 15).toBe(true);
    }
    const adult = await search('q=masennus&age=40&limit=50');
    expect(ids(adult.body)).toContain('cat-adult-psychiatry-outpatient');
    expect(ids(adult.body)).not.toContain('cat-youth-mental-health');
  });

  it('gives each card its hours, open now, phone links, languages, accessibility and address', async () => {
    const r = await search('q=kriisipuhelin&lang=fi');
    const line = r.body.services.find((s: any) => s.id === 'cat-crisis-line');
    expect(line.opening).toMatchObject({ known: true, openNow: true, alwaysOpen: true });
    expect(line.phones[0].href).toMatch(/^tel:\+3586000\d+$/);
    const chat = (await search('q=iltachat')).body.services.find((s: any) => s.id === 'cat-youth-chat');
    expect(chat.opening.openNow).toBe(false);
    expect(chat.opening.nextOpening).toBe('2026-11-30T14:00:00.000Z');
    const clinic = (await search('q=perheneuvola')).body.services.find((s: any) => s.id === 'cat-family-counselling-kokkola');
    expect(clinic).toMatchObject({ languages: ['fi', 'sv', 'en'], address: 'Perhekuja 5, 67100 Kokkola', provider: { kind: 'region' } });
    expect(clinic.accessibility).toContain('wheelchair');
    expect(clinic.hours[0]).toMatchObject({ from: '08:00', to: '16:00' });
  });

  it.each([
    [`q=${'a'.repeat(201)}`, /q is longer than 200/],
    ['lang=de', /lang must be fi, sv or en/],
    ['municipality=Kokkola', /municipality must be a three-digit/],
    ['age=abc', /age must be a whole number/],
    ['q=a&q=b', /q must be given once/],
    ['sort=name', /Unknown parameter/],
  ])('refuses %s with 400 and an OperationOutcome', async (query, message) => {
    const r = await search(query);
    expect(r.status).toBe(400);
    expect(r.body.resourceType).toBe('OperationOutcome');
    expect(JSON.stringify(r.body)).toMatch(message);
  });

  it('keeps the FHIR HealthcareService search working as usual, names in Finnish', async () => {
    const resident = await server.login('resident');
    const r = await server.call('GET', '/fhir/R4/HealthcareService?name=perheneuvola', { token: resident.token });
    expect(r.status).toBe(200);
    expect(r.body.entry.map((e: any) => e.resource.id)).toEqual(expect.arrayContaining(['cat-family-counselling-kokkola', 'cat-family-counselling-kannus']));
  });

  it('follows a service changed through FHIR at once (the index is kept by the database)', async () => {
    const admin = await server.login('admin');
    const read = await server.call('GET', '/fhir/R4/HealthcareService/cat-diaconia-kannus', { token: admin.token });
    const changed = { ...read.body, active: false };
    const put = await server.call('PUT', '/fhir/R4/HealthcareService/cat-diaconia-kannus', { token: admin.token, body: changed });
    expect(put.status).toBe(200);
    expect(ids((await search('q=diakoniatyö')).body)).not.toContain('cat-diaconia-kannus');
    await server.call('PUT', '/fhir/R4/HealthcareService/cat-diaconia-kannus', { token: admin.token, body: { ...put.body, active: true } });
    expect(ids((await search('q=diakoniatyö')).body)).toContain('cat-diaconia-kannus');
  });

  it('does not offer NGO or parish services as message recipients', async () => {
    const resident = await server.login('resident');
    const r = await server.call('GET', '/api/messages/recipients', { token: resident.token });
    expect(r.status).toBe(200);
    const refs = JSON.stringify(r.body);
    expect(refs).not.toContain('cat-');
    expect(refs).toContain('svc-family-centre');
    const refused = await server.call('POST', '/fhir/R4/Communication', {
      token: resident.token,
      body: { resourceType: 'Communication', status: 'in-progress', subject: { reference: resident.fhirUser }, recipient: [{ reference: 'HealthcareService/cat-crisis-line' }], payload: [{ contentString: 'Hei' }] },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
  });
});

describe.each(BACKENDS)('client paths on %s', (backend) => {
  let server: TestServer;
  let admin: { token: string };
  beforeAll(async () => {
    server = await startOn(backend, { clockStart: CLOCK });
    admin = await server.login('admin');
  }, 180_000);
  afterAll(async () => server?.close());

  it('lists the three paths without logging in, in each language', async () => {
    for (const [lang, title] of [['fi', 'Perhe eroaa'], ['sv', 'Familjen går igenom en skilsmässa'], ['en', 'A family going through divorce']]) {
      const r = await server.call('GET', `/api/client-paths?lang=${lang}`);
      expect(r.status).toBe(200);
      expect(r.body.paths.map((p: any) => p.id)).toEqual(['divorce', 'neuropsychiatric', 'youth-mental-health']);
      expect(r.body.paths[0].title).toBe(title);
    }
  });

  it('shows a path with steps, what to expect, linked services and the contact link', async () => {
    const r = await server.call('GET', '/api/client-paths/youth-mental-health?lang=sv');
    expect(r.status).toBe(200);
    expect(r.body.steps.length).toBeGreaterThanOrEqual(3);
    expect(r.body.steps.some((s: any) => s.expect)).toBe(true);
    expect(r.body.serviceCards.map((s: any) => s.id)).toContain('cat-youth-mental-health');
    expect(r.body.serviceCards[0].name).toBe('Ungdomarnas team för psykisk hälsa och missbruk');
    const link = new URL(r.body.contactLink, 'http://x');
    expect(link.pathname).toBe('/contact');
    expect(link.searchParams.get('reason')).toBe('low-mood');
    expect(link.searchParams.get('matter')).toMatch(/Jag är orolig/);
    expect((await server.call('GET', '/api/client-paths/nope?lang=fi')).status).toBe(404);
    expect((await server.call('GET', '/api/client-paths/divorce?lang=de')).status).toBe(400);
  });

  it('lets only administrators edit: 401 without login, 403 for a resident or a professional', async () => {
    const current = await server.call('GET', '/api/admin/client-paths', { token: admin.token });
    expect((await server.call('GET', '/api/admin/client-paths')).status).toBe(401);
    for (const who of ['resident', 'guidance']) {
      const session = await server.login(who);
      expect((await server.call('PUT', '/api/admin/client-paths', { token: session.token, body: current.body })).status).toBe(403);
      expect((await server.call('POST', '/api/admin/client-paths/preview', { token: session.token, body: current.body.paths[0] })).status).toBe(403);
    }
    expect((await server.call('GET', '/api/admin/client-paths', { token: admin.token })).body.version).toBe(current.body.version);
  });

  it('previews a draft as the resident would see it, storing nothing', async () => {
    const current = await server.call('GET', '/api/admin/client-paths', { token: admin.token });
    const draft = structuredClone(current.body.paths[0]);
    draft.title.en = 'Separating as a family';
    const preview = await server.call('POST', '/api/admin/client-paths/preview?lang=en', { token: admin.token, body: draft });
    expect(preview.status).toBe(200);
    expect(preview.body.title).toBe('Separating as a family');
    expect(preview.body.serviceCards.length).toBe(draft.services.length);
    const bad = await server.call('POST', '/api/admin/client-paths/preview?lang=en', { token: admin.token, body: { ...draft, services: ['no-such-service'] } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/no-such-service/);
    expect((await server.call('GET', '/api/client-paths/divorce?lang=en')).body.title).toBe('A family going through divorce');
    expect((await server.call('GET', '/api/admin/client-paths', { token: admin.token })).body.version).toBe(current.body.version);
  });

  it('saves with If-Match, refuses a stale one with 412, keeps the history, and refuses bad content with 400', async () => {
    const current = await server.call('GET', '/api/admin/client-paths', { token: admin.token });
    const etag = current.headers.get('etag');
    expect(etag).toBe(`W/"${current.body.version}"`);
    const next = structuredClone(current.body);
    next.paths[0].title.fi = 'Kun perhe eroaa';
    const saved = await server.call('PUT', '/api/admin/client-paths', { token: admin.token, body: next, headers: { 'if-match': etag! } });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(current.body.version + 1);
    expect((await server.call('GET', '/api/client-paths/divorce?lang=fi')).body.title).toBe('Kun perhe eroaa');

    const stale = await server.call('PUT', '/api/admin/client-paths', { token: admin.token, body: current.body, headers: { 'if-match': etag! } });
    expect(stale.status).toBe(412);
    expect((await server.call('GET', '/api/client-paths/divorce?lang=fi')).body.title).toBe('Kun perhe eroaa');

    const missingSwedish = structuredClone(next);
    delete missingSwedish.paths[1].summary.sv;
    const refused = await server.call('PUT', '/api/admin/client-paths', { token: admin.token, body: missingSwedish });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/paths\[1\]\.summary\.sv/);
    expect((await server.call('GET', '/api/admin/client-paths', { token: admin.token })).body.version).toBe(saved.body.version);

    const history = await server.call('GET', '/api/admin/client-paths/history', { token: admin.token });
    expect(history.status).toBe(200);
    expect(history.body.versions[0]).toMatchObject({ version: saved.body.version, updatedBy: 'admin' });
    const old = await server.call('GET', `/api/admin/client-paths/history/${current.body.version}`, { token: admin.token });
    expect(old.body.value.paths[0].title.fi).toBe('Perhe eroaa');
    const resident = await server.login('resident');
    expect((await server.call('GET', '/api/admin/client-paths/history', { token: resident.token })).status).toBe(403);
  });
});
