/**
 * Deterministic generators of hostile HTTP requests for the fuzz test.
 *
 * Request number `n` of a run is a pure function of (seed, n, world): a failure can be replayed
 * alone with `generateRequest(world, seed, n)`. No Math.random anywhere.
 *
 * Ground rule: no generated request is a valid write. Every write either has a body that R4
 * and Ovi's rules forbid (broken JSON, a value of the wrong JSON type, an unknown property, an
 * invalid reference, ...), or a valid body sent by a caller who certainly may not write it (no
 * token, a forged token, a role without the right). A 2xx answer to any write is a finding.
 * Category `lax-fhir` holds values R4 forbids but a lenient validator may miss (empty strings,
 * empty arrays, two value[x]); requests marked "probe" put `/../` after a real id in a reference.
 */
import { indexedParameters } from '../../src/fhir/searchParameters';
import { buildContactResponse } from '../../src/guidance/contactResponse';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: small, fast, good enough for choosing test cases. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)] as T;
  }
  /** Picks by weight: [[weight, value], ...]. */
  weighted<T>(entries: ReadonlyArray<readonly [number, T]>): T {
    const total = entries.reduce((s, [w]) => s + w, 0);
    let x = this.next() * total;
    for (const [w, v] of entries) {
      if ((x -= w) < 0) return v;
    }
    return (entries[entries.length - 1] as readonly [number, T])[1];
  }
}

/** A per-request seed, so request n does not depend on requests 0..n-1. */
export function requestSeed(seed: number, n: number): number {
  let h = (seed ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// The world the generators aim at (filled in by the test from the running server)

export const ROLES = ['resident', 'guidance', 'physician', 'physio', 'social', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export type Caller = Role | 'none';

export interface Session {
  token: string;
  fhirUser: string;
}

export interface AuthVariant {
  name: string;
  /** The Authorization header (several values: the header sent several times). */
  value: string | string[];
}

export interface FuzzWorld {
  /** The time the world was built (ms): times in bodies count from it, so that generation is repeatable. */
  now: number;
  sessions: Record<Role, Session>;
  /** Authorization headers that must be refused with 401 (forged, expired, malformed). */
  rejectedAuth: AuthVariant[];
  ownPatient: string;
  /** Clients other than the resident, each with an open client-guidance Task. */
  openTasks: Array<{ id: string; patient: string; response: string }>;
  residentTask: string;
  residentResponse: string;
  /** A consultation Task owned by the physician. */
  consultationTask: string;
  /** The resident's booked Appointment as stored. */
  appointment: Json;
  /** A proposed (not booked) Appointment for the resident, from $find. */
  proposal: Json;
  organization: Json;
  careTeam: string;
  slotIds: string[];
  questionnaireUrl: string;
  routingRules: Json;
  careGuarantee: Json;
  safetyScreen: Json;
  serviceHours: Json;
  template: Json;
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface FuzzRequest {
  n: number;
  /** e.g. `json/truncated`, `search/injection`: groups findings. */
  category: string;
  /** What the request tries, in words. */
  note: string;
  method: string;
  path: string;
  caller: Caller | string;
  headers: Record<string, string | string[]>;
  body?: string | Buffer;
  /** Sent over a raw socket exactly as is (protocol-level cases); method/path are for reports. */
  raw?: Buffer;
  /** A write: any 2xx answer is a finding. */
  write: boolean;
  /** A search with an injection value in a filter: a 2xx answer must list nothing. */
  expectEmpty?: boolean;
}

type Json = any;

/** Literal JSON text spliced into a generated body (NaN, 1e999, 10 000 levels, ...). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify that keeps RawJson text and own `__proto__` keys. */
export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : toJson(v))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${toJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const FHIR_JSON = 'application/fhir+json';
/** A deep copy that keeps RawJson parts (the bodies are shallow: their deep parts are RawJson text). */
function clone<T>(v: T): T {
  if (v instanceof RawJson || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => clone(x)) as T;
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(v)) Object.defineProperty(copy, k, { value: clone((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
  return copy as T;
}
/** Sets an own property, even `__proto__`. */
function withKey(obj: Json, key: string, value: unknown): Json {
  const copy = { ...obj };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Hostile values

/** SQL injection attempts: no stored value matches them, so a search must find nothing. No commas (they split values). */
export const SQL_PAYLOADS = [
  "' OR 1=1 --",
  "' OR '1'='1",
  "%' UNION SELECT content FROM resource --",
  "%' UNION SELECT password_hash FROM app_user --",
  '1; DROP TABLE resource; --',
  "'; SELECT pg_sleep(5); --",
  "x' AND (SELECT count(*) FROM app_user) > 0 --",
  "') OR ('a'='a",
  '" OR ""="',
  "' || (SELECT value FROM app_setting LIMIT 1) || '",
  '/**/OR/**/1=1',
  "admin'--",
  '1 OR 1=1',
  '$1',
  '$$; DROP TABLE resource; $$',
  '\\',
  "\\'",
  '%',
  '_',
  '%%',
  '*',
  "%27%20OR%201%3D1",
  "'; COPY resource TO '/tmp/x'; --",
  'E\'\\x27 OR 1=1',
];

/** Other hostile strings: unicode, control characters, FHIRPath and path tricks. Results may vary. */
export const ODD_STRINGS = [
  'Ä',
  'ääkköset',
  'ß',
  'İ',
  '😀',
  '\u202Eevil',
  '\uFEFFbom',
  '\u0000',
  'a\u0000b',
  '\u0001\u0002',
  '\n',
  '\r\nSet-Cookie: x=1',
  'Patient.name.where(true)',
  '%resource.id',
  '$this',
  "iif(true, 'a', 'b')",
  "name.given.first() | Patient.id",
  '{"$gt":""}',
  '[object Object]',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e999',
  'ge2026-01-01T00:00:00Z',
  'eq9999-99-99',
  'ap2026',
  'sa2026-01-01',
  '2026-02-30',
  'lt-1',
  'gt',
  '..',
  '../../etc/passwd',
  'Patient/../../etc',
  'http://evil.example/fhir/R4/Patient/x',
  'urn:oid:1.2.246.21|',
  '|x',
  'x|',
  '|',
  '||',
  ',',
  ',,,',
  'a'.repeat(513),
  'a'.repeat(5000),
  '<script>alert(1)</script>',
];

/** Percent-encoded sequences that are not valid UTF-8 or not valid encodings at all. */
export const RAW_ENCODED = ['%00', '%ED%A0%80', '%C0%AF', '%FF%FE', '%zz', '%', '%E0%A4%A', '%0D%0A', '%2500', '%u0041'];

const HUGE = 900 * 1024;
const DEEP = 10_000;

/** Encodes a value for a URL; lone surrogates (not encodable) become an invalid UTF-8 sequence. */
export function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

// ---------------------------------------------------------------------------------------------
// Callers and headers

const STAFF: Role[] = ['guidance', 'physician', 'physio', 'social'];

function authHeader(world: FuzzWorld, caller: Caller): Record<string, string> {
  return caller === 'none' ? {} : { authorization: `Bearer ${world.sessions[caller].token}` };
}

function anyCaller(rng: Rng): Caller {
  return rng.chance(0.1) ? 'none' : rng.pick(ROLES);
}

/** The natural caller most of the time, anyone otherwise. */
function callerFor(rng: Rng, natural: readonly Role[]): Caller {
  return rng.chance(0.65) ? rng.pick(natural) : anyCaller(rng);
}

// ---------------------------------------------------------------------------------------------
// Write targets: every endpoint that changes data, with a valid body to start from

interface WriteTarget {
  name: string;
  method: 'POST' | 'PUT';
  path: (world: FuzzWorld, rng: Rng) => string;
  /** Callers who could make this write with a valid body. */
  natural: readonly Role[];
  /** A valid body (the generators always break it before sending it as `natural`). */
  body: (world: FuzzWorld, rng: Rng) => Json;
  /** Callers who certainly may not make this write, even with a valid body (401, 403 or 404). */
  forbidden: readonly Caller[];
  /** FHIR resource body (validated against R4) rather than an Ovi JSON document. */
  fhir: boolean;
  /** Not a write at all (a read-only operation): a 2xx is fine. */
  readOnly?: boolean;
}

const params = (...parameter: Json[]) => ({ resourceType: 'Parameters', parameter });
const inDays = (days: number) => new Date(Date.UTC(2030, 0, 1) + days * 86_400_000).toISOString();

/** A contact (back pain) exactly as the web app builds it; `channel` when staff record it. */
export function contactFor(patient: string, channel?: 'phone' | 'walk-in'): Json {
  const answers = { reason: 'back-pain', 'back-red-flags': false, duration: 'weeks', severity: 6, description: 'Selkä on ollut kipeä kolme viikkoa.', 'contact-preference': 'phone' };
  return clone(buildContactResponse(patient, answers, { channel }));
}

function consultationFor(world: FuzzWorld, patient: string): Json {
  return {
    resourceType: 'Task',
    status: 'requested',
    intent: 'order',
    code: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-code', code: 'consultation' }] },
    for: { reference: patient },
    owner: { reference: world.sessions.physician.fhirUser },
    restriction: { period: { end: inDays(30) } },
    input: [{ type: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-parameter', code: 'question' }] }, valueString: 'Sopiiko fysioterapia?' }],
  };
}

const openTask = (world: FuzzWorld, rng: Rng) => rng.pick(world.openTasks);

export const WRITE_TARGETS: WriteTarget[] = [
  {
    name: 'contact (resident)',
    method: 'POST',
    path: () => '/fhir/R4/QuestionnaireResponse',
    natural: ['resident'],
    body: (w) => contactFor(w.ownPatient),
    forbidden: ['none', 'manager', 'admin'],
    fhir: true,
  },
  {
    name: 'contact (recorded by guidance)',
    method: 'POST',
    path: () => '/fhir/R4/QuestionnaireResponse',
    natural: ['guidance'],
    body: (w, rng) => contactFor(openTask(w, rng).patient, rng.pick(['phone', 'walk-in'] as const)),
    forbidden: ['none', 'manager', 'admin'],
    fhir: true,
  },
  {
    name: 'Task/$resolve',
    method: 'POST',
    path: (w, rng) => `/fhir/R4/Task/${openTask(w, rng).id}/$resolve`,
    natural: ['guidance'],
    body: (w, rng) =>
      rng.chance(0.5)
        ? params({ name: 'outcome', valueCode: rng.pick(['solved', 'self-care', 'emergency']) }, { name: 'note', valueString: 'Kokeile näitä liikkeitä.' })
        : params({ name: 'outcome', valueCode: 'routed' }, { name: 'note', valueString: 'Tiimi soittaa.' }, { name: 'routeTo', valueReference: { reference: w.careTeam } }),
    forbidden: ['none', 'resident', 'manager', 'admin'],
    fhir: true,
  },
  {
    name: 'Task/$assess',
    method: 'POST',
    path: (w, rng) => `/fhir/R4/Task/${openTask(w, rng).id}/$assess`,
    natural: ['guidance'],
    body: (_w, rng) =>
      params(
        { name: 'urgency', valueCode: rng.pick(['emergent', 'urgent', 'non-urgent', 'self-care']) },
        { name: 'service', valueCode: 'primary-care' },
        { name: 'profession', valueCode: rng.pick(['nurse', 'physician', 'physiotherapist']) },
        { name: 'note', valueString: 'Arvioitu puhelimessa.' },
      ),
    forbidden: ['none', 'resident', 'manager', 'admin'],
    fhir: true,
  },
  {
    name: 'Task/$answer',
    method: 'POST',
    path: (w) => `/fhir/R4/Task/${w.consultationTask}/$answer`,
    natural: ['physician'],
    body: () => params({ name: 'answer', valueString: 'Kyllä, aloittakaa fysioterapia.' }),
    forbidden: ['none', 'resident', 'guidance', 'physio', 'social', 'manager', 'admin'],
    fhir: true,
  },
  {
    name: 'Appointment/$find',
    method: 'POST',
    path: () => '/fhir/R4/Appointment/$find',
    natural: ['guidance', 'physio', 'resident'],
    body: (w) =>
      params(
        { name: 'start', valueDateTime: new Date(w.now + 86_400_000).toISOString() },
        { name: 'end', valueDateTime: new Date(w.now + 14 * 86_400_000).toISOString() },
        { name: 'specialty', valueCodeableConcept: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/profession', code: 'physiotherapist' }] } },
        { name: 'visit-type', valueCode: 'on-site' },
        { name: 'patient', valueReference: { reference: w.ownPatient } },
        { name: 'count', valueInteger: 3 },
      ),
    forbidden: ['none', 'manager', 'admin'],
    fhir: true,
    readOnly: true,
  },
  {
    name: 'Appointment/$book',
    method: 'POST',
    path: () => '/fhir/R4/Appointment/$book',
    natural: ['guidance'],
    body: (w) => params({ name: 'appointment', resource: clone(w.proposal) }),
    forbidden: ['none', 'manager', 'admin'],
    fhir: true,
  },
  {
    name: 'Appointment cancel',
    method: 'PUT',
    path: (w) => `/fhir/R4/Appointment/${w.appointment.id}`,
    natural: ['resident'],
    body: (w) => ({ ...clone(w.appointment), status: 'cancelled', cancelationReason: { text: 'Peru' } }),
    forbidden: ['none', 'manager', 'admin'],
    fhir: true,
  },
  {
    name: 'consultation request',
    method: 'POST',
    path: () => '/fhir/R4/Task',
    natural: ['guidance'],
    body: (w, rng) => consultationFor(w, openTask(w, rng).patient),
    forbidden: ['none', 'resident', 'manager', 'admin'],
    fhir: true,
  },
  {
    name: 'Organization create',
    method: 'POST',
    path: () => '/fhir/R4/Organization',
    natural: ['admin'],
    body: () => ({ resourceType: 'Organization', active: true, name: 'Sumppu', alias: ['S'], telecom: [{ system: 'phone', value: '+358 40 000 0000', rank: 1 }] }),
    forbidden: ['none', 'resident', 'guidance', 'physician', 'physio', 'social', 'manager'],
    fhir: true,
  },
  {
    name: 'Organization update',
    method: 'PUT',
    path: (w) => `/fhir/R4/Organization/${w.organization.id}`,
    natural: ['admin'],
    body: (w) => ({ ...clone(w.organization), name: 'Muutettu nimi' }),
    forbidden: ['none', 'resident', 'guidance', 'physician', 'physio', 'social', 'manager'],
    fhir: true,
  },
  {
    name: 'routing rules',
    method: 'PUT',
    path: () => '/api/admin/routing-rules',
    natural: ['admin'],
    body: (w) => clone(w.routingRules),
    forbidden: ['none', 'resident', 'guidance', 'physician', 'physio', 'social', 'manager'],
    fhir: false,
  },
  {
    name: 'care guarantee',
    method: 'PUT',
    path: () => '/api/admin/care-guarantee',
    natural: ['admin'],
    body: (w) => clone(w.careGuarantee),
    forbidden: ['none', 'resident', 'guidance', 'physician', 'physio', 'social', 'manager'],
    fhir: false,
  },
  {
    name: 'safety screen',
    method: 'PUT',
    path: () => '/api/admin/safety-screen',
    natural: ['admin'],
    body: (w) => clone(w.safetyScreen),
    forbidden: ['none', 'resident', 'guidance', 'physician', 'physio', 'social', 'manager'],
    fhir: false,
  },
  {
    name: 'service hours',
    method: 'PUT',
    path: () => '/api/admin/service-hours',
    natural: ['admin'],
    body: (w) => clone(w.serviceHours),
    forbidden: ['none', 'resident', 'guidance', 'physician', 'physio', 'social', 'manager'],
    fhir: false,
  },
  {
    name: 'schedule template',
    method: 'PUT',
    path: (w) => `/api/schedule-templates/${w.template.id}`,
    natural: ['admin'],
    body: (w) => clone(w.template),
    forbidden: ['none', 'resident', 'guidance', 'physician', 'physio', 'social', 'manager'],
    fhir: false,
  },
  {
    name: 'schedule exception',
    method: 'PUT',
    path: () => '/api/schedule-exceptions/fuzz-absence',
    natural: ['admin'],
    body: (w) => ({ practitioner: w.sessions.physio.fhirUser, start: inDays(1), end: inDays(2), reason: 'absence', note: 'Koulutus' }),
    forbidden: ['none', 'resident', 'guidance', 'physician', 'physio', 'social', 'manager'],
    fhir: false,
  },
  {
    name: 'login',
    method: 'POST',
    path: () => '/auth/login',
    natural: ['resident'],
    // An account that does not exist: even a well-formed login cannot succeed.
    body: () => ({ username: 'no-such-user-fuzz', password: 'demo' }),
    forbidden: [],
    fhir: false,
    readOnly: true,
  },
];

const FHIR_TARGETS = WRITE_TARGETS.filter((t) => t.fhir);

// ---------------------------------------------------------------------------------------------
// Mutations that make a body certainly invalid (kept JSON-valid: these test validation)

interface Mutation {
  body: Json;
  what: string;
}

type Path = Array<string | number>;

/** Every path in a JSON tree (without the root), collected iteratively. */
function pathsOf(root: Json): Path[] {
  const out: Path[] = [];
  const stack: Array<[Json, Path]> = [[root, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [Json, Path];
    if (path.length > 0) out.push(path);
    if (Array.isArray(node)) node.forEach((v, i) => stack.push([v, [...path, i]]));
    else if (node !== null && typeof node === 'object') for (const k of Object.keys(node)) stack.push([node[k], [...path, k]]);
  }
  return out;
}

function getAt(root: Json, path: Path): Json {
  return path.reduce((node, key) => node?.[key], root);
}

function setAt(root: Json, path: Path, value: unknown): Json {
  const copy = clone(root);
  const parent = getAt(copy, path.slice(0, -1));
  const key = path[path.length - 1] as string | number;
  if (Array.isArray(parent)) parent[key as number] = value;
  else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const pathText = (path: Path) => path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '');

/** Names no FHIR element or Ovi document has. */
const UNKNOWN_KEYS = ['foo', 'constructor', 'toString', 'hasOwnProperty', '', '$where', 'ñandú', 'x'.repeat(300), 'resourceType '];

/** A replacement of the same node that no validator may accept (checked against @medplum/core). */
function invalidReplacement(rng: Rng, current: unknown, key: string | number): { value: unknown; what: string } {
  if (typeof current === 'string') {
    return rng.pick([
      { value: 12345, what: 'number for a string' },
      { value: true, what: 'boolean for a string' },
      { value: null, what: 'null' },
      { value: { value: current }, what: 'object for a string' },
      { value: [current], what: 'array for a single string' },
      { value: '   ', what: 'whitespace-only string' },
      { value: '\t\n', what: 'control-whitespace string' },
      { value: new RawJson('1e999'), what: '1e999 (Infinity) for a string' },
    ]);
  }
  if (typeof current === 'number') {
    const integer = typeof key === 'string' && /Integer|count|rank|weekday|days|version/i.test(key);
    return rng.pick([
      { value: String(current), what: 'string for a number' },
      { value: false, what: 'boolean for a number' },
      { value: null, what: 'null' },
      { value: [current], what: 'array for a single number' },
      { value: new RawJson('1e999'), what: '1e999 (Infinity)' },
      ...(integer ? [{ value: current + 0.5, what: 'fraction for an integer' }] : []),
    ]);
  }
  if (typeof current === 'boolean') {
    return rng.pick([
      { value: String(current), what: 'string for a boolean' },
      { value: current ? 1 : 0, what: 'number for a boolean' },
      { value: null, what: 'null' },
      { value: [current], what: 'array for a single boolean' },
    ]);
  }
  if (Array.isArray(current)) {
    return rng.pick([
      { value: 'x', what: 'string for an array' },
      { value: 3, what: 'number for an array' },
      { value: null, what: 'null for an array' },
      { value: [null], what: 'array holding null' },
      { value: [current], what: 'array nested in an array' },
    ]);
  }
  if (current !== null && typeof current === 'object') {
    return rng.pick([
      { value: 'x', what: 'string for an object' },
      { value: 7, what: 'number for an object' },
      { value: null, what: 'null for an object' },
      ((key) => ({ value: withKey(current, key, 1), what: `unknown property '${key.slice(0, 20)}'` }))(rng.pick(UNKNOWN_KEYS)),
    ]);
  }
  return { value: { nope: true }, what: 'object for null' };
}

const isPrefix = (a: Path, b: Path) => a.length <= b.length && a.every((k, i) => k === b[i]);

/** One certain validation failure somewhere in the body (not at `keep` or above it). */
export function mutateInvalid(rng: Rng, base: Json, keep?: Path): Mutation {
  if (rng.chance(0.15)) {
    const key = rng.pick(UNKNOWN_KEYS);
    return { body: withKey(base, key, rng.pick([1, 'x', null, {}])), what: `unknown top-level property '${key.slice(0, 20)}'` };
  }
  // `equals` in routing rules takes a string, a number or a boolean: changing its type is valid.
  const paths = pathsOf(base).filter((p) => p[p.length - 1] !== 'equals' && !(keep && isPrefix(p, keep)));
  const path = rng.pick(paths);
  const current = getAt(base, path);
  const { value, what } = invalidReplacement(rng, current, path[path.length - 1] as string | number);
  return { body: setAt(base, path, value), what: `${pathText(path)}: ${what}` };
}

/**
 * FHIR R4 forbids these too (empty values, two value[x], impossible dates), but a lenient
 * validator may let them through: when the server stores one, that is a finding.
 */
function laxProbe(rng: Rng, base: Json): Mutation {
  const paths = pathsOf(base);
  const strings = paths.filter((p) => typeof getAt(base, p) === 'string' && p[p.length - 1] !== 'resourceType');
  const arrays = paths.filter((p) => Array.isArray(getAt(base, p)));
  const withValue = paths.filter((p) => {
    const node = getAt(base, p);
    return node && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).some((k) => k.startsWith('value'));
  });
  const choices: Array<() => Mutation> = [];
  if (strings.length > 0) {
    choices.push(() => {
      const p = rng.pick(strings);
      return { body: setAt(base, p, ''), what: `${pathText(p)}: empty string` };
    });
  }
  if (arrays.length > 0) {
    choices.push(() => {
      const p = rng.pick(arrays);
      return { body: setAt(base, p, []), what: `${pathText(p)}: empty array` };
    });
    choices.push(() => {
      const p = rng.pick(arrays);
      return { body: setAt(base, p, {}), what: `${pathText(p)}: empty object for an array` };
    });
  }
  const objects = paths.filter((p) => {
    const node = getAt(base, p);
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  });
  if (objects.length > 0) {
    choices.push(() => {
      const p = rng.pick(objects);
      return { body: setAt(base, p, {}), what: `${pathText(p)}: empty object` };
    });
  }
  if (withValue.length > 0) {
    choices.push(() => {
      const p = rng.pick(withValue);
      const node = getAt(base, p);
      const extra = Object.keys(node).some((k) => k === 'valueCode') ? { valueString: 'toinen' } : { valueCode: 'second' };
      return { body: setAt(base, p, { ...node, ...extra }), what: `${pathText(p)}: two value[x]` };
    });
  }
  choices.push(() => ({ body: { ...base, meta: { lastUpdated: '2026-02-30T25:61:00Z' } }, what: 'impossible meta.lastUpdated' }));
  return rng.pick(choices)();
}

// ---------------------------------------------------------------------------------------------
// Generators: each returns one request

type Generator = (rng: Rng, world: FuzzWorld, n: number) => FuzzRequest;

function request(n: number, category: string, note: string, method: string, path: string, caller: Caller | string, headers: Record<string, string | string[]>, body: string | Buffer | undefined, write: boolean): FuzzRequest {
  // Characters HTTP cannot carry in a request line are sent percent-encoded (raw ones: see `protocol`).
  const sendable = path.replace(/[^\u0021-\u00ff]/gu, (c) => encode(c));
  return { n, category, note, method, path: sendable, caller, headers, body, write };
}

function jsonRequest(n: number, category: string, note: string, target: WriteTarget, world: FuzzWorld, rng: Rng, caller: Caller, body: string | Buffer, extra: Record<string, string> = {}): FuzzRequest {
  const contentType = target.fhir ? rng.pick([FHIR_JSON, `${FHIR_JSON}; charset=utf-8`, 'application/json']) : 'application/json';
  const described = note.startsWith(`${target.name}:`) ? note : `${target.name}: ${note}`;
  return request(n, category, described, target.method, target.path(world, rng), caller, { ...authHeader(world, caller), 'content-type': contentType, ...extra }, body, !target.readOnly);
}

const deepArray = (inner = '"x"') => new RawJson(`${'['.repeat(DEEP)}${inner}${']'.repeat(DEEP)}`);
const deepObject = (key = 'a') => new RawJson(`${`{"${key}":`.repeat(DEEP)}1${'}'.repeat(DEEP)}`);
const deepParts = () => new RawJson(`${'{"name":"p","part":['.repeat(DEEP)}{"name":"x","valueString":"y"}${']}'.repeat(DEEP)}`);

/** Broken JSON text, and valid JSON of the wrong shape or absurd size. */
const brokenJson: Generator = (rng, world, n) => {
  const target = rng.pick(WRITE_TARGETS);
  const caller = callerFor(rng, target.natural);
  const valid = toJson(target.body(world, rng));
  const variant = rng.weighted<() => [string, string | Buffer]>([
    [10, () => {
      const cut = rng.int(valid.length);
      return [`truncated at ${cut} of ${valid.length}`, valid.slice(0, cut)];
    }],
    [6, () => {
      const junk = rng.pick(['}', ',', 'garbage', '\u0000', '{}', ']', '"', ' x', '\n{"a":1}', '/* c */']);
      return [`trailing ${JSON.stringify(junk)}`, valid + junk];
    }],
    [6, () => {
      const bad = rng.pick(['NaN', 'Infinity', '-Infinity', 'undefined', "'single'", '0x1F', '01', '.5', '+1', 'True', 'nul']);
      const replaced = valid.replace(/:("[^"]*"|\d+|true|false)/, `:${bad}`);
      return [`value replaced by ${bad}`, replaced === valid ? `${valid.slice(0, -1)},"x":${bad}}` : replaced];
    }],
    [3, () => [`trailing comma`, `${valid.slice(0, -1)},}`]],
    [3, () => [`comment inside`, valid.replace('{', '{/* hi */')]],
    [3, () => [`unquoted key`, valid.replace(/"([A-Za-z]+)":/, '$1:')]],
    [3, () => [`__proto__ key`, valid.replace('{', '{"__proto__":{"isAdmin":true},')]],
    [2, () => [`constructor.prototype key`, valid.replace('{', '{"constructor":{"prototype":{"isAdmin":true}},')]],
    [5, () => {
      const shape = rng.pick(['[]', '[{}]', '[1,2,3]', '"QuestionnaireResponse"', '42', '-0', 'true', 'false', 'null', '{}', '""', '{"resourceType":null}', '{"resourceType":["Parameters"]}', '{"resourceType":{"a":1}}', '{"resourceType":""}', '{"resourceType":"Patient"}', '{"resourceType":"Parameters"}', '{"resourceType":"Bundle","type":"transaction","entry":[]}', '{"resourceType":"OperationOutcome"}']);
      return [`wrong top-level value ${shape}`, shape];
    }],
    [2, () => [`empty body`, '']],
    [2, () => [`whitespace body`, '   \n\t ']],
    [2, () => [`BOM then broken JSON`, `\uFEFF${valid.slice(0, -1)}`]],
    [2, () => [`invalid UTF-8 bytes`, Buffer.concat([Buffer.from(valid.slice(0, Math.max(1, valid.length >> 1))), Buffer.from([0xff, 0xfe, 0xc0, 0xaf])])]],
    [2, () => [`UTF-16 encoded`, Buffer.from(`\uFEFF${valid.slice(0, -1)}`, 'utf16le')]],
    [2, () => [`10 000 nested arrays`, deepArray().text]],
    [2, () => [`10 000 nested objects`, deepObject().text]],
    [1, () => [`10 000 nested objects with __proto__`, deepObject('__proto__').text]],
    [3, () => {
      // Valid JSON, deep inside an otherwise plausible body.
      const base = target.body(world, rng);
      const where = pathsOf(base).filter((p) => typeof getAt(base, p) !== 'object');
      const p = rng.pick(where.length > 0 ? where : [['foo']]);
      const deep = rng.pick([deepArray(), deepObject(), deepParts()]);
      return [`10 000 levels at ${pathText(p)}`, toJson(setAt(base, p, deep))];
    }],
    [2, () => {
      if (target.name.startsWith('Task/$resolve') || target.name.startsWith('Appointment/$find')) return [`Parameters nested 10 000 parts deep`, toJson({ resourceType: 'Parameters', parameter: [deepParts()] })];
      return [`10 000 nested arrays in a field`, toJson({ ...target.body(world, rng), foo: deepArray() })];
    }],
    [3, () => {
      // 900 KB strings: in a field (with a certain validation error beside it), or as the key.
      const base = target.body(world, rng);
      const strings = pathsOf(base).filter((p) => typeof getAt(base, p) === 'string' && p[p.length - 1] !== 'resourceType');
      // About 900 KB (or a half or a quarter) in bytes as sent, whatever the character.
      const [unit, bytes] = rng.pick<[string, number]>([['x', 1], ['ä', 2], ['\\u0000', 6], ['😀', 4]]);
      const huge = unit.repeat(Math.floor((HUGE / bytes) * rng.pick([1, 0.5, 0.25])));
      if (strings.length > 0 && rng.chance(0.6)) {
        const p = rng.pick(strings);
        const m = mutateInvalid(rng, base, p);
        return [`${huge.length}-char string at ${pathText(p)} and ${m.what}`, toJson(setAt(m.body, p, new RawJson(`"${huge}"`)))];
      }
      const m = mutateInvalid(rng, base);
      return [`${huge.length}-char property name and ${m.what}`, toJson(withKey(m.body, huge.slice(0, HUGE), 1))];
    }],
    [1, () => [`1.5 MB body (over the limit)`, toJson({ ...target.body(world, rng), foo: 'x'.repeat(1_500_000) })]],
    [1, () => [`100 000 array elements`, toJson({ ...target.body(world, rng), foo: new RawJson(`[${'1,'.repeat(99_999)}1]`) })]],
  ]);
  const [note, body] = variant();
  return jsonRequest(n, 'json', note, target, world, rng, caller, body);
};

/** Bodies with a content type the API does not take (or none at all). */
const contentTypes: Generator = (rng, world, n) => {
  const target = rng.pick(WRITE_TARGETS);
  const caller = callerFor(rng, target.natural);
  // The caller may write: break the body too, so that even a lenient parser cannot make it a write.
  const base = target.body(world, rng);
  const json = toJson(rng.chance(0.5) ? mutateInvalid(rng, base).body : base);
  const [type, body] = rng.weighted<readonly [string | undefined, string | Buffer]>([
    [3, ['text/plain', json]],
    [2, ['text/plain; charset=utf-8', json]],
    [3, ['application/xml', '<QuestionnaireResponse xmlns="http://hl7.org/fhir"><status value="completed"/></QuestionnaireResponse>']],
    [2, ['application/fhir+xml', '<Parameters xmlns="http://hl7.org/fhir"/>']],
    [2, ['text/xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>']],
    [3, ['multipart/form-data; boundary=zz', `--zz\r\nContent-Disposition: form-data; name="file"; filename="a.json"\r\nContent-Type: application/json\r\n\r\n${json}\r\n--zz--\r\n`]],
    [2, ['application/x-www-form-urlencoded', 'username=resident&password=demo&resourceType=Parameters']],
    [2, ['application/octet-stream', Buffer.from(json)]],
    [3, [undefined, json]],
    [1, ['', json]],
    [1, ['json', json]],
    [1, ['application/', json]],
    [1, ['*/*', json]],
    [1, ['application/javascript', `(${json})`]],
    [1, ['application/json-patch+json', '[{"op":"replace","path":"/status","value":"cancelled"}]']],
    [1, ['application/fhir+json; charset=utf-16', Buffer.from(json, 'utf16le')]],
    [1, ['application/json; charset=utf-8; charset=latin1', json.slice(0, -1)]],
    [1, ['application/fhir+json, text/plain', json.slice(0, -1)]],
  ]);
  const headers: Record<string, string> = { ...authHeader(world, caller) };
  if (type !== undefined) headers['content-type'] = type;
  return request(n, 'content-type', `${target.name}: content type ${type === undefined ? '(none)' : JSON.stringify(type)}`, target.method, target.path(world, rng), caller, headers, body, !target.readOnly);
};

/** A valid resource or document with one (sometimes two) values of the wrong type or an unknown property. */
const fieldTypes: Generator = (rng, world, n) => {
  const target = rng.pick(rng.chance(0.85) ? FHIR_TARGETS : WRITE_TARGETS);
  const caller = callerFor(rng, target.natural);
  let body = target.body(world, rng);
  const notes: string[] = [];
  for (let i = rng.chance(0.25) ? 2 : 1; i > 0; i--) {
    const m = mutateInvalid(rng, body);
    body = m.body;
    notes.push(m.what);
  }
  const extra: Record<string, string> = STAFF.includes(caller as Role) && rng.chance(0.15) ? { 'x-access-reason': 'Fuzz: soitto omaiselta' } : {};
  return jsonRequest(n, 'field-type', notes.join('; '), target, world, rng, caller, toJson(body), extra);
};

/** FHIR-invalid values a lenient validator may miss (empty string, empty array, two value[x], ...). */
const laxFhir: Generator = (rng, world, n) => {
  const target = rng.pick(FHIR_TARGETS.filter((t) => !t.readOnly));
  const caller = rng.pick(target.natural);
  const m = laxProbe(rng, target.body(world, rng));
  return jsonRequest(n, 'lax-fhir', m.what, target, world, rng, caller, toJson(m.body));
};

/** Invalid references: traversal, other clients' ids, absurd lengths, wrong types. */
const references: Generator = (rng, world, n) => {
  const other = openTask(world, rng);
  const longId = 'a'.repeat(10_000);
  const traversal = (type: string) => rng.pick([`${type}/../../etc/passwd`, `${type}/..%2F..%2Fetc`, `${type}/..`, `${type}/`, type, `${type}/${longId}`, `${type}/a b`, `${type}/' OR 1=1 --`, `${type}/%00`, `http://evil.example/fhir/R4/${type}/x`, `file:///etc/passwd`, `#contained`, `${type}/x?y=1`, `${type.toLowerCase()}/x`]);
  const body = (target: string) => WRITE_TARGETS.find((t) => t.name === target) as WriteTarget;
  const cases: Array<() => FuzzRequest> = [
    // A resident's contact about someone else, or about no real patient.
    () => {
      const t = body('contact (resident)');
      const ref = rng.chance(0.4) ? other.patient : traversal('Patient');
      return jsonRequest(n, 'reference', `${t.name}: subject ${ref.slice(0, 60)}`, t, world, rng, 'resident', toJson({ ...t.body(world, rng), subject: { reference: ref } }));
    },
    () => {
      const t = body('contact (recorded by guidance)');
      const ref = rng.pick([traversal('Patient'), `${world.ownPatient}/_history/1`, `${other.patient}/../p-x`, 'Practitioner/pr-hanna-hoitaja', 'Patient/']);
      return jsonRequest(n, 'reference', `${t.name}: subject ${ref.slice(0, 60)}`, t, world, rng, 'guidance', toJson({ ...t.body(world, rng), subject: { reference: ref } }));
    },
    () => {
      const t = body('contact (resident)');
      const q = rng.pick([`${world.questionnaireUrl}|999`, `${world.questionnaireUrl}|' OR 1=1 --`, `${world.questionnaireUrl}/../../x`, 'Questionnaire/../../etc', `${world.questionnaireUrl}${'a'.repeat(10_000)}`, 'https://evil.example/Questionnaire/contact-request']);
      return jsonRequest(n, 'reference', `${t.name}: questionnaire ${q.slice(0, 60)}`, t, world, rng, 'resident', toJson({ ...t.body(world, rng), questionnaire: q }));
    },
    // $resolve routed to something that is not a team, service or professional.
    () => {
      const t = body('Task/$resolve');
      const probe = rng.chance(0.2);
      const ref = probe ? `${world.careTeam}/../../etc` : rng.pick([traversal('CareTeam'), other.patient, world.ownPatient, 'CareTeam/nope', `Task/${other.id}`, 'HealthcareService/', 'Organization/../../x']);
      return jsonRequest(n, 'reference', `${t.name}: routeTo ${ref.slice(0, 60)}${probe ? ' (probe: traversal after a real id)' : ''}`, t, world, rng, 'guidance',
        toJson(params({ name: 'outcome', valueCode: 'routed' }, { name: 'note', valueString: 'x' }, { name: 'routeTo', valueReference: { reference: ref } })));
    },
    () => {
      const t = body('Task/$resolve');
      // Someone else's contact answered with the resident's own appointment, or no real one.
      const ref = rng.pick([`Appointment/${world.appointment.id}`, traversal('Appointment'), `Appointment/${world.appointment.id}/../x`, 'Slot/x']);
      return jsonRequest(n, 'reference', `${t.name}: booked with appointment ${ref.slice(0, 60)}`, t, world, rng, 'guidance',
        toJson(params({ name: 'outcome', valueCode: 'booked' }, { name: 'note', valueString: 'x' }, { name: 'appointment', valueReference: { reference: ref } })));
    },
    // Operations on other clients' Tasks and on absurd Task ids.
    () => {
      const caller = rng.pick<Caller>(['resident', 'guidance', 'physician']);
      const id = rng.pick([caller === 'resident' ? other.id : world.residentTask, longId, '..', '..%2F..%2Fetc', world.consultationTask, "x'--", '%00']);
      const op = rng.pick(['$resolve', '$answer']);
      const t = body(op === '$resolve' ? 'Task/$resolve' : 'Task/$answer');
      const broken = mutateInvalid(rng, t.body(world, rng));
      const valid = caller === 'resident'; // a resident may never resolve or answer
      return request(n, 'reference', `${op} on Task/${id.slice(0, 40)} by ${caller}`, 'POST', `/fhir/R4/Task/${id}/${op}`, caller, { ...authHeader(world, caller), 'content-type': FHIR_JSON }, toJson(valid ? t.body(world, rng) : broken.body), true);
    },
    // Consultation about / for no real client or professional.
    () => {
      const t = body('consultation request');
      const probe = rng.chance(0.2);
      const base = t.body(world, rng);
      const mutated = probe
        ? { ...base, owner: { reference: `${world.sessions.physician.fhirUser}/../../etc` } }
        : rng.chance(0.5)
          ? { ...base, for: { reference: traversal('Patient') } }
          : { ...base, owner: { reference: rng.pick([traversal('Practitioner'), world.ownPatient, 'Practitioner/nobody']) } };
      return jsonRequest(n, 'reference', `${t.name}: for ${mutated.for.reference.slice(0, 40)} owner ${mutated.owner.reference.slice(0, 40)}${probe ? ' (probe: traversal after a real id)' : ''}`, t, world, rng, 'guidance', toJson(mutated));
    },
    // Booking a slot that is not a real one, or for someone else.
    () => {
      const t = body('Appointment/$book');
      const proposal = clone(world.proposal);
      const slot = () => `Slot/${rng.pick(world.slotIds)}`;
      const which = rng.int(3);
      // Never exactly one real slot for a client the caller works with: that booking would be valid.
      if (which === 0) proposal.slot = rng.pick([[{ reference: traversal('Slot') }], [{ reference: `${slot()}/../x` }], [{ reference: slot() }, { reference: slot() }]]);
      const patient = which === 1 ? other.patient : which === 2 ? traversal('Patient') : undefined;
      if (patient) proposal.participant = [{ actor: { reference: patient }, status: 'needs-action' }, ...proposal.participant.filter((p: Json) => !String(p.actor?.reference).startsWith('Patient/'))];
      // A resident may book only for themselves; guidance has no relationship with a patient that does not exist.
      const caller: Caller = which === 1 ? 'resident' : 'guidance';
      return jsonRequest(n, 'reference', `${t.name}: slot ${proposal.slot?.map((s: Json) => s.reference.slice(0, 40)).join(' + ')}, patient ${proposal.participant[0].actor.reference.slice(0, 40)}`, t, world, rng, caller, toJson(params({ name: 'appointment', resource: proposal })));
    },
    // $find for someone else or nowhere.
    () => {
      const t = body('Appointment/$find');
      const caller = rng.pick<Caller>(['resident', 'guidance', 'physio']);
      const p = rng.pick([other.patient, traversal('Patient')]);
      return jsonRequest(n, 'reference', `${t.name}: patient ${p.slice(0, 60)} by ${caller}`, t, world, rng, caller,
        toJson(params({ name: 'end', valueDateTime: new Date(world.now + 7 * 86_400_000).toISOString() }, { name: 'patient', valueReference: { reference: p } }, { name: 'location', valueReference: { reference: traversal('Location') } })));
    },
    // Updates aimed at the wrong id.
    () => {
      const t = body(rng.chance(0.5) ? 'Organization update' : 'Appointment cancel');
      const b = t.body(world, rng);
      const id = rng.pick(['..', 'a'.repeat(64), longId, '%2e%2e%2Fetc', 'ovi-county', 'mun-kokkola', 'p-aino-nieminen', "x'--"].filter((i) => i !== b.id));
      // The body keeps its real id: a different URL id must be refused (and a resident changes nothing but status).
      const status = t.name === 'Appointment cancel' ? { status: 'booked' } : {};
      return request(n, 'reference', `${t.name}: PUT to id ${id.slice(0, 40)} with body id ${b.id}`, 'PUT', `/fhir/R4/${b.resourceType}/${id}`, t.natural[0] as Role, { ...authHeader(world, t.natural[0] as Role), 'content-type': FHIR_JSON }, toJson({ ...b, ...status }), true);
    },
  ];
  return rng.pick(cases)();
};

/** A valid body from a caller who may not write it: 401 or 403 (or 404), never a write. */
const authorization: Generator = (rng, world, n) => {
  const target = rng.pick(WRITE_TARGETS.filter((t) => t.forbidden.length > 0));
  const body = toJson(target.body(world, rng));
  if (rng.chance(0.5)) {
    const auth = rng.pick(world.rejectedAuth);
    return request(n, 'auth', `${target.name}: valid body, ${auth.name}`, target.method, target.path(world, rng), auth.name, { authorization: auth.value, 'content-type': target.fhir ? FHIR_JSON : 'application/json' }, body, !target.readOnly);
  }
  const caller = rng.pick(target.forbidden);
  return request(n, 'authz', `${target.name}: valid body from ${caller}`, target.method, target.path(world, rng), caller, { ...authHeader(world, caller), 'content-type': target.fhir ? FHIR_JSON : 'application/json' }, body, !target.readOnly);
};

/** Forged, expired and malformed Authorization headers against reads. */
const badAuth: Generator = (rng, world, n) => {
  const auth = rng.pick(world.rejectedAuth);
  const path = rng.pick([
    `/fhir/R4/Task?patient=${world.ownPatient}`,
    `/fhir/R4/Patient/${world.ownPatient.split('/')[1]}`,
    '/auth/me',
    '/api/guidance/queue',
    '/api/admin/routing-rules',
    '/api/guidance/stats',
    `/fhir/R4/AuditEvent?patient=${world.ownPatient}`,
    '/fhir/R4/Organization?_count=1',
    '/api/visit-types',
  ]);
  return request(n, 'auth', `GET with ${auth.name}`, 'GET', path, auth.name, { authorization: auth.value }, undefined, false);
};

// --- searches

const SEARCH_TYPES = ['Task', 'Patient', 'Questionnaire', 'QuestionnaireResponse', 'Communication', 'AuditEvent', 'Appointment', 'Slot', 'Organization'] as const;
const SCOPE: Record<string, string> = { Task: 'patient', Patient: '_id', QuestionnaireResponse: 'subject', Communication: 'subject', Appointment: 'patient', AuditEvent: 'patient' };

const SPECIAL_PARAMS: Array<[string, string]> = [
  ['_count', '-1'], ['_count', '1e9'], ['_count', '101'], ['_count', 'abc'], ['_count', ''], ['_count', '0'], ['_count', '100'], ['_count', '%00'], ['_count', '99999999999999999999999'],
  ['_sort', ';DROP TABLE resource'], ['_sort', '-'], ['_sort', ''], ['_sort', ',,'], ['_sort', 'name;DELETE FROM resource'], ['_sort', '_id'], ['_sort', '-_lastUpdated'], ['_sort', "status' --"], ['_sort', '(SELECT 1)'],
  ['_offset', '99999999999999999999'], ['_offset', '10000'], ['_offset', '10001'], ['_offset', '-5'], ['_offset', '1.5'],
  ['_include', '*'], ['_include', 'Task:patient'], ['_revinclude', '*'], ['_include:iterate', '*'],
  ['_has:Task:patient:status', 'ready'], ['_has:AuditEvent:entity:agent', 'x'], ['_has', "' OR 1=1"],
  ['subject.name', 'x'], ['patient.name', 'x'], ['subject:Patient.name', 'x'], ['patient.identifier', 'urn:oid:1.2.246.21|x'],
  ['_elements', 'id'], ['_summary', 'count'], ['_format', 'xml'], ['_total', 'accurate'], ['_pretty', 'true'],
  ['_filter', "name eq 'x' or 1 eq 1"], ['_query', 'x'], ['_text', 'x'], ['_content', 'x'], ['_list', 'x'], ['_type', 'Patient'], ['_security', 'x'], ['_source', 'x'],
  ['foo', 'bar'], ['name:not', 'x'], ['name:above', 'x'], ['status:text', 'x'], ['status:in', 'x'], ['_id:missing', 'true'], ['_lastUpdated:missing', 'maybe'],
  ['__proto__', 'x'], ['constructor', 'x'], ['toString', 'x'], ['hasOwnProperty', 'x'], ['__proto__[polluted]', '1'], ['a[b]', '1'],
];

const QUERY_ODDITIES = ['&&&', '=', '=x', 'a', '%zz=1', '&=&=', '?', '#frag', ';x=1', 'name=x&name=y&name=z'.repeat(50)];

/** Searches with injection attempts, unknown and abused parameters, on every searchable type. */
const search: Generator = (rng, world, n) => {
  const type = rng.pick(SEARCH_TYPES);
  const caller = anyCaller(rng);
  const known = [...indexedParameters(type).entries()].map(([code, p]) => ({ code, kind: p.kind as string }));
  known.push({ code: '_id', kind: 'id' }, { code: '_lastUpdated', kind: 'lastUpdated' });
  const parts: string[] = [];
  const headers: Record<string, string> = { ...authHeader(world, caller) };
  // Scope personal searches to a client the caller works with, so that the query reaches SQL.
  const scope = SCOPE[type];
  if (scope && caller !== 'none' && STAFF.includes(caller as Role) && rng.chance(0.7)) {
    const patient = rng.pick(world.openTasks).patient;
    parts.push(`${scope}=${encode(scope === '_id' ? patient.split('/')[1] ?? '' : patient)}`);
    if (caller !== 'guidance') headers['x-access-reason'] = 'Fuzz-testi';
  } else if (type === 'Patient' && rng.chance(0.3)) {
    parts.push(`identifier=${encode(`urn:oid:1.2.246.21|${rng.pick(SQL_PAYLOADS)}`)}`);
  }
  let expectEmpty = false;
  const notes: string[] = [];
  const count = rng.pick([1, 1, 1, 2, 3]);
  for (let i = 0; i < count; i++) {
    const kind = rng.weighted<'sql' | 'odd' | 'raw' | 'special' | 'oddity'>([[45, 'sql'], [20, 'odd'], [8, 'raw'], [22, 'special'], [5, 'oddity']]);
    if (kind === 'special') {
      const [key, value] = rng.pick(SPECIAL_PARAMS);
      parts.push(`${encode(key).replace(/%3A/g, ':')}=${encode(value)}`);
      notes.push(`${key}=${value}`);
    } else if (kind === 'oddity') {
      const q = rng.pick(QUERY_ODDITIES);
      parts.push(q);
      notes.push(`query oddity ${q.slice(0, 30)}`);
    } else {
      const param = rng.pick(known);
      const modifier = rng.chance(0.2) ? rng.pick([':exact', ':contains', ':missing', ':not', ':text', ':' + rng.pick(SQL_PAYLOADS)]) : '';
      const key = `${param.code}${modifier}`;
      if (kind === 'raw') {
        const value = rng.pick(RAW_ENCODED);
        parts.push(`${encode(key).replace(/%3A/g, ':')}=a${value}b`);
        notes.push(`${key}=a${value}b (raw)`);
      } else {
        const value = kind === 'sql' ? rng.pick(SQL_PAYLOADS) : rng.pick(ODD_STRINGS);
        parts.push(`${encode(key).replace(/%3A/g, ':')}=${encode(value)}`);
        notes.push(`${key}=${value.slice(0, 40)}`);
        // An injection value in a filter can match nothing (filters are ANDed).
        if (kind === 'sql' && !param.code.startsWith('_lastUpdated')) expectEmpty = true;
      }
    }
  }
  const path = `/fhir/R4/${type}?${rng.chance(0.1) ? parts.reverse().join('&') : parts.join('&')}`;
  const req = request(n, 'search', `${type} by ${caller}: ${notes.join(' & ')}`, 'GET', path, caller, headers, undefined, false);
  req.expectEmpty = expectEmpty;
  return req;
};

// --- paths, methods and headers

const TYPES_FOR_PATHS = ['Task', 'Patient', 'QuestionnaireResponse', 'Communication', 'AuditEvent', 'Appointment', 'Slot', 'Organization', 'Binary', 'Bundle', '__proto__', 'constructor', 'toString', encode('Task;DROP TABLE resource'), encode("Patient' OR 1=1 --"), '..', '%2e%2e', 'task', 'TASK', '$resolve'];
const ODD_IDS = ['..', '%2e%2e', '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(10_000), 'a'.repeat(65), 'a'.repeat(101), encode("' OR 1=1 --"), '%00', 'x%00y', '%E0%A4%A', '%ff', encode('ä'), encode('😀'), '<script>', '$resolve', '_history', '_search', 'metadata', '%20', '-', '.', 'ovi-county', 'p-aino-nieminen'];

/** Reads and operations on odd paths: traversal, absurd ids, other clients' records, unknown types. */
const paths: Generator = (rng, world, n) => {
  const caller = anyCaller(rng);
  const other = openTask(world, rng);
  const variant = rng.weighted<() => [string, string, string]>([
    [6, () => ['GET', `/fhir/R4/${rng.pick(TYPES_FOR_PATHS)}/${rng.pick(ODD_IDS)}`, 'odd type or id']],
    [3, () => ['GET', `/fhir/R4/${rng.pick(['Task', 'Patient', 'Organization'])}/${rng.pick([world.residentTask, 'ovi-county', other.id])}/_history/${rng.pick(['0', '-1', '1.5', 'abc', '99999999999', "1' OR 1=1", '%00', '1e3', 'a'.repeat(5000)])}`, 'odd version']],
    [2, () => ['GET', `/fhir/R4/${rng.pick(['Task', 'Patient'])}/${rng.pick(ODD_IDS)}/_history`, 'odd history']],
    [5, () => {
      // Other clients' records, for the resident: must look as if they did not exist.
      const target = rng.pick([`Patient/${other.patient.split('/')[1]}`, `Task/${other.id}`, `QuestionnaireResponse/${other.response}`, `Task/${other.id}/_history`, `Task/${other.id}/_history/1`, `Patient/${other.patient.split('/')[1]}/_history/1`]);
      return ['GET', `/fhir/R4/${target}`, `another client's ${target.split('/')[0]}`];
    }],
    [3, () => ['GET', rng.pick(['//fhir/R4/Task', '/fhir/R4/Task/', '/FHIR/r4/task', '/fhir/R4//Task', '/fhir/R4/Task%2F123', '/fhir/R4/./Task', '/fhir/R4/Task/../Patient', '/fhir/R3/Task', '/fhir/R4', '/fhir/R4/', '/fhir', '/api', '/api/', '/api/guidance/queue/../../admin/routing-rules', '/auth/../api/admin/routing-rules', '/fhir/R4/metadata/../Task', '/%2e%2e/%2e%2e/etc/passwd', `/fhir/R4/Task/${'a/'.repeat(2000)}`, '/fhir/R4/Task?_count=1#frag', '/healthz/../fhir/R4/Patient']), 'odd path']],
    [3, () => ['GET', rng.pick([
      `/api/schedule-view?from=${encode(rng.pick(SQL_PAYLOADS))}&team=CareTeam/team-kokkola`,
      `/api/schedule-view?from=2026-01-01&to=9999-12-31&team=CareTeam/team-kokkola`,
      `/api/schedule-view?from=2026-01-01&team=${encode(rng.pick(SQL_PAYLOADS))}`,
      `/api/schedule-view?from=2026-01-01&location=${encode(`Location/${'a'.repeat(5000)}`)}`,
      `/api/schedule-view?from[]=2026-01-01&team=CareTeam/team-kokkola`,
      `/api/schedule-view?from=2026-01-01&from=2026-01-02&team=CareTeam/team-kokkola`,
      `/api/schedule-view?__proto__[team]=x&from=2026-01-01`,
      `/api/schedule-view?from=2026-02-30&team=CareTeam/team-kokkola`,
      `/api/schedule-view?from=%00&team=%00`,
      `/api/guidance/queue?status=${encode(rng.pick(SQL_PAYLOADS))}`,
      '/api/guidance/stats?x=%00',
      '/api/access/measures?unit=%27',
      '/api/schedule-templates?id=..',
      '/api/schedule-exceptions?practitioner=%00',
      '/api/visit-types?code=%E0%A4%A',
      '/auth/me?x=1',
      '/fhir/R4/metadata?_format=xml',
      '/fhir/R4/metadata?mode=%00',
    ]), 'odd query on an Ovi endpoint']],
    [3, () => ['POST', `/fhir/R4/${rng.pick(['Task', 'Patient', 'Appointment', 'Organization'])}/${rng.pick(['$explode', '$everything', '$export', '$meta-delete', '$validate', '$resolve', '$book', encode("$' OR 1=1"), '$' + 'x'.repeat(200)])}`, 'unknown operation']],
    [3, () => ['POST', `/fhir/R4/${rng.pick(['Task', 'Patient', 'Appointment', 'Organization'])}/${rng.pick([world.residentTask, other.id, 'ovi-county', ...ODD_IDS.slice(0, 8)])}/${rng.pick(['$resolve', '$answer', '$explode', '$book', '$find', '_history', '$everything'])}`, 'operation on an odd instance']],
    [2, () => ['PUT', `/api/${rng.pick(['schedule-templates', 'schedule-exceptions'])}/${rng.pick(ODD_IDS)}`, 'configuration with an odd id']],
  ]);
  const [method, path, note] = variant();
  const headers: Record<string, string> = { ...authHeader(world, caller) };
  let body: string | undefined;
  if (method !== 'GET') {
    headers['content-type'] = FHIR_JSON;
    // Never a valid body on a write path.
    body = toJson(mutateInvalid(rng, params({ name: 'note', valueString: 'x' }, { name: 'outcome', valueCode: 'solved' })).body);
  }
  return request(n, 'path', `${note} by ${caller}`, method, path, caller, headers, body, method !== 'GET');
};

/** Methods the API does not offer on its paths. */
const methods: Generator = (rng, world, n) => {
  const caller = callerFor(rng, ['admin', 'resident', 'guidance']);
  const method = rng.weighted<string>([[5, 'DELETE'], [5, 'PATCH'], [2, 'OPTIONS'], [1, 'TRACE'], [1, 'PROPFIND'], [1, 'MKCOL'], [1, 'LOCK'], [1, 'COPY'], [1, 'MOVE'], [1, 'PURGE'], [1, 'SEARCH'], [1, 'REPORT'], [2, 'PUT'], [2, 'POST']]);
  const path = rng.pick([
    `/fhir/R4/Patient/${world.ownPatient.split('/')[1]}`,
    `/fhir/R4/Task/${world.residentTask}`,
    `/fhir/R4/Organization/${world.organization.id}`,
    `/fhir/R4/Appointment/${world.appointment.id}`,
    `/fhir/R4/Task/${world.residentTask}/_history/1`,
    '/fhir/R4/Task',
    '/fhir/R4/Organization',
    `/fhir/R4/Task?patient=${world.ownPatient}`,
    '/fhir/R4/metadata',
    '/api/admin/routing-rules',
    '/api/guidance/queue',
    '/auth/login',
    '/auth/me',
    '/healthz',
    `/api/schedule-templates/${world.template.id}`,
  ]);
  const headers: Record<string, string | string[]> = { ...authHeader(world, caller) };
  let body: string | undefined;
  let note = `${method} ${path.split('?')[0]}`;
  if (method === 'PATCH') {
    headers['content-type'] = rng.pick(['application/json-patch+json', 'application/fhir+json', 'application/merge-patch+json']);
    body = rng.pick(['[{"op":"replace","path":"/status","value":"cancelled"}]', '[{"op":"remove","path":"/identifier"}]', '{"status":"cancelled"}', '{"name":"Patched"}', '[{"op":"add","path":"/__proto__/isAdmin","value":true}]']);
  } else if (method === 'PUT' && !path.includes('/api/') && path.split('?')[0]?.split('/').length === 4) {
    // PUT on a type (no id) or a search URL: a conditional update, with a body no write may accept.
    headers['content-type'] = FHIR_JSON;
    body = toJson(mutateInvalid(rng, { resourceType: path.split('/')[3]?.split('?')[0], id: 'x' }).body);
  } else if (method === 'POST' || method === 'PUT') {
    headers['content-type'] = FHIR_JSON;
    body = toJson(mutateInvalid(rng, { resourceType: 'Organization', name: 'x' }).body);
  } else if (rng.chance(0.3)) {
    headers['content-type'] = FHIR_JSON;
    body = '{"resourceType":"Organization","name":"Body on an odd method"';
  }
  if (rng.chance(0.15)) {
    headers['x-http-method-override'] = rng.pick(['DELETE', 'PATCH', 'PUT']);
    note += ` with X-HTTP-Method-Override: ${headers['x-http-method-override']}`;
  }
  const isWrite = !['OPTIONS', 'TRACE', 'PROPFIND', 'SEARCH', 'REPORT'].includes(method);
  return request(n, 'method', `${note} by ${caller}`, method, path, caller, headers, body, isWrite);
};

const REASONS = ['%', '%E0%A4%A', '%zz', '%00', 'x%', 'a'.repeat(600), encode('ä').repeat(200), '\u00e4\u00f6 latin-1', '   ', '%0D%0AX-Injected: 1', encode("' OR 1=1 --"), '%F0%9F%98%80', '%C0%AF'];
const IF_MATCH = ['soon', 'W/"abc"', 'W/"-1"', '"1 "', 'W/"99999999999999999999"', '*', 'W/', '""', 'W/"999"', '"01"x', '%00', 'W/"1", W/"2"'];

/** Odd X-Access-Reason, If-Match, Accept and other headers. */
const headerOddities: Generator = (rng, world, n) => {
  const variant = rng.int(4);
  if (variant === 0) {
    // X-Access-Reason that is not valid percent-encoding, too long, ... on a read of someone's data.
    const caller = rng.pick<Role>(['physio', 'physician', 'social', 'guidance']);
    const other = openTask(world, rng);
    const reason = rng.pick(REASONS);
    const path = rng.pick([`/fhir/R4/Patient/${other.patient.split('/')[1]}`, `/fhir/R4/Task?patient=${other.patient}`, `/fhir/R4/QuestionnaireResponse/${other.response}`]);
    return request(n, 'header', `X-Access-Reason ${JSON.stringify(reason.slice(0, 30))} by ${caller}`, 'GET', path, caller, { ...authHeader(world, caller), 'x-access-reason': reason }, undefined, false);
  }
  if (variant === 1) {
    // X-Access-Reason on a write that is broken anyway.
    const target = rng.pick(FHIR_TARGETS);
    const caller = rng.pick<Role>(['physio', 'guidance']);
    const m = mutateInvalid(rng, target.body(world, rng));
    const reason = rng.pick(REASONS);
    return jsonRequest(n, 'header', `X-Access-Reason ${JSON.stringify(reason.slice(0, 30))} and ${m.what}`, target, world, rng, caller, toJson(m.body), { 'x-access-reason': reason });
  }
  if (variant === 2) {
    // If-Match that is not the current version: the (valid) update must not happen.
    const value = rng.pick(IF_MATCH);
    const org = world.organization;
    return request(n, 'header', `Organization update with If-Match ${JSON.stringify(value)}`, 'PUT', `/fhir/R4/Organization/${org.id}`, 'admin', { ...authHeader(world, 'admin'), 'content-type': FHIR_JSON, 'if-match': value }, toJson({ ...org, name: 'If-Match-testi' }), true);
  }
  const caller = anyCaller(rng);
  const [name, value] = rng.pick<[string, string]>([
    ['accept', 'application/xml'],
    ['accept', 'text/html;q=0.1, */*;q=abc'],
    ['accept-charset', 'utf-7'],
    ['accept-encoding', 'gzip;q=1, br, zstd, compress, x-gzip, deflate;q=0'.repeat(20)],
    ['host', 'evil.example'],
    ['host', "a'b"],
    ['x-forwarded-for', "1.2.3.4' OR 1=1"],
    ['x-forwarded-host', 'evil.example'],
    ['x-forwarded-proto', 'javascript'],
    ['cookie', `session=${'x'.repeat(4000)}`],
    ['range', 'bytes=0-1,2-3'],
    ['if-none-match', '*'],
    ['if-modified-since', 'yesterday'],
    ['origin', 'https://evil.example'],
    ['x-ovi-task', 'Task/../../etc'],
    ['prefer', 'return=representation; handling=lenient'],
    ['content-encoding', 'gzip'],
  ]);
  const path = rng.pick([`/fhir/R4/Task?patient=${world.ownPatient}`, '/fhir/R4/Questionnaire?status=active', '/api/guidance/queue', '/auth/me']);
  return request(n, 'header', `${name}: ${value.slice(0, 40)} by ${caller}`, 'GET', path, caller, { ...authHeader(world, caller), [name]: value }, undefined, false);
};

/** Broken HTTP itself, sent over a raw socket. */
const protocol: Generator = (rng, world, n) => {
  const token = world.sessions.resident.token;
  const [note, raw] = rng.pick<[string, string]>([
    ['unknown method', 'FOO /fhir/R4/Task HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['header over 16 KB', `GET /auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'x'.repeat(20_000)}\r\n\r\n`],
    ['request line over 16 KB', `GET /fhir/R4/Task?name=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`],
    ['Content-Length and Transfer-Encoding', `POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
    ['invalid chunk size', `POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`],
    ['NUL in a header', `GET /auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\u0000\r\n\r\n`],
    ['space in the path', 'GET /fhir/R4/Task ?x=1 HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['bare LF line endings', `GET /auth/me HTTP/1.1\nHost: x\nAuthorization: Bearer ${token}\n\n`],
    ['HTTP/0.9 request', 'GET /auth/me\r\n\r\n'],
    ['HTTP/2 preface on HTTP/1', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['negative Content-Length', 'POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n{}'],
    ['header without colon', 'GET /auth/me HTTP/1.1\r\nHost: x\r\nAuthorization Bearer x\r\n\r\n'],
  ]);
  const req = request(n, 'protocol', note, raw.split(' ')[0] ?? '?', raw.split(' ')[1] ?? '?', 'raw', {}, undefined, raw.startsWith('POST'));
  req.raw = Buffer.from(raw, 'latin1');
  return req;
};

// ---------------------------------------------------------------------------------------------

/** Share of each kind of request in a run. */
export const GENERATORS: ReadonlyArray<readonly [number, string, Generator]> = [
  [16, 'broken JSON', brokenJson],
  [7, 'wrong content types', contentTypes],
  [20, 'wrong field types', fieldTypes],
  [2, 'lax FHIR probes', laxFhir],
  [10, 'invalid references', references],
  [25, 'search injection', search],
  [6, 'odd paths', paths],
  [4, 'odd methods', methods],
  [3, 'forged auth (reads)', badAuth],
  [4, 'valid body, wrong caller', authorization],
  [3, 'odd headers', headerOddities],
  [0.5, 'broken HTTP', protocol],
];

/** Request number n of the run with this seed. */
export function generateRequest(world: FuzzWorld, seed: number, n: number): FuzzRequest {
  const rng = new Rng(requestSeed(seed, n));
  const generator = rng.weighted(GENERATORS.map(([w, , g]) => [w, g] as const));
  return generator(rng, world, n);
}
