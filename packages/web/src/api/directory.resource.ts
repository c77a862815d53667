/**
 * The organisation directory for administrators: Organization, Location, HealthcareService,
 * Practitioner with their PractitionerRole, and work CareTeams, as plain form values.
 * Saving merges the form into the resource as it was read, so fields the forms do not show
 * (telecom, aliases, opening hours …) are kept. Updates send `If-Match: W/"<versionId>"`.
 */
import type {
  Bundle,
  CareTeam,
  CareTeamParticipant,
  CodeableConcept,
  Extension,
  HealthcareService,
  Identifier,
  Location,
  Organization,
  Practitioner,
  PractitionerRole,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { EXTENSIONS, SYSTEMS } from '@ovi/domain/src/codes';
import { ApiError, api, type ApiIssue } from './client';
import { FHIR_BASE, resourcesOf } from './fhir';
import { nameOf } from './patient.resource';

export const DIRECTORY_KINDS = ['organizations', 'locations', 'services', 'professionals', 'teams'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

export const isDirectoryKind = (value: string | undefined): value is DirectoryKind => (DIRECTORY_KINDS as readonly string[]).includes(value ?? '');

/** Service codes in `https://fhir.ovi.fi/CodeSystem/service` (data a region can extend). */
export const SERVICE_CODES = ['primary-care', 'oral-health', 'physiotherapy', 'mental-health', 'social-services', 'family-centre'] as const;
/** Languages a professional can serve in (BCP 47). */
export const SERVICE_LANGUAGES = ['fi', 'sv', 'en'] as const;
export const CARE_TEAM_STATUSES = ['active', 'proposed', 'suspended', 'inactive'] as const;

const BCP47 = 'urn:ietf:bcp:47';

/* ---------- form values ---------- */

export interface OrganizationForm {
  name: string;
  active: boolean;
  /** `Organization/<id>` or '' */
  partOf: string;
  /** Three digits, e.g. 272; '' when none. */
  municipalityCode: string;
}

export interface LocationForm {
  name: string;
  line: string;
  postalCode: string;
  city: string;
  managingOrganization: string;
}

export interface ServiceForm {
  name: string;
  active: boolean;
  providedBy: string;
  locations: string[];
  /** A code of `https://fhir.ovi.fi/CodeSystem/service`. */
  type: string;
}

export interface ProfessionalForm {
  given: string;
  family: string;
  active: boolean;
  /** Health-care professionals' registration number (Valvira's Terhikki). */
  terhikki: string;
  /** Social-welfare professionals' registration number (Valvira's Suosikki). */
  suosikki: string;
  languages: string[];
  /** The PractitionerRole: a code of `https://fhir.ovi.fi/CodeSystem/profession`. */
  profession: string;
  organization: string;
  location: string;
  service: string;
}

export interface TeamMemberForm {
  /** Stable key for the list; `p<index>` for members read from the server. */
  key: string;
  profession: string;
  member: string;
}

export interface TeamForm {
  name: string;
  status: string;
  managingOrganization: string;
  participants: TeamMemberForm[];
}

export interface DirectoryForms {
  organizations: OrganizationForm;
  locations: LocationForm;
  services: ServiceForm;
  professionals: ProfessionalForm;
  teams: TeamForm;
}

declare const baseBrand: unique symbol;
/** The resources as read; only this module looks inside. */
export type DirectoryBase = { readonly [baseBrand]: true };

interface RawBase {
  main?: Resource;
  /** Professionals: the PractitionerRole edited with the Practitioner. */
  role?: PractitionerRole;
}

export interface DirectoryRecord<K extends DirectoryKind = DirectoryKind> {
  kind: K;
  /** Undefined until created. */
  id?: string;
  form: DirectoryForms[K];
  base: DirectoryBase;
}

/** A choice in a select: a reference and the name to show. */
export interface RefOption {
  reference: string;
  name: string;
}

export interface DirectoryOptions {
  organizations: RefOption[];
  locations: RefOption[];
  services: RefOption[];
  practitioners: RefOption[];
}

export interface DirectoryListItem {
  id: string;
  name: string;
  inactive: boolean;
  /** One line of context; `profession` values are codes. */
  detail?: { kind: 'partOf' | 'managedBy' | 'providedBy' | 'profession' | 'address' | 'members'; value: string };
}

/** A server problem placed on a form field (or on none). */
export interface FieldIssue {
  /** The form field, e.g. `name` or `participants.1.member`. */
  field?: string;
  message: string;
}

/** The Practitioner was saved but their PractitionerRole was not. */
export class PartlySavedError extends Error {
  constructor(
    readonly record: DirectoryRecord,
    readonly error: unknown,
  ) {
    super('partly-saved');
  }
}

/* ---------- helpers ---------- */

const raw = (base: DirectoryBase) => base as unknown as RawBase;
const asBase = (b: RawBase) => b as unknown as DirectoryBase;
const trim = (s: string) => s.trim();
const refOf = (reference: Reference | undefined) => reference?.reference ?? '';

/** A reference with the target's name as display; the target type comes from where it is used. */
function reference<T extends Resource>(value: string, names: Map<string, string>): Reference<T> | undefined {
  if (!value) return undefined;
  const display = names.get(value);
  return display ? { reference: value, display } : { reference: value };
}

function codeOf(concepts: CodeableConcept[] | CodeableConcept | undefined, system: string): string {
  const list = Array.isArray(concepts) ? concepts : concepts ? [concepts] : [];
  for (const c of list) {
    const code = c.coding?.find((coding) => coding.system === system)?.code;
    if (code) return code;
  }
  return '';
}

const concept = (system: string, code: string): CodeableConcept => ({ coding: [{ system, code }] });

/** Replaces the concept of `system` in a list (keeping others); removes it when code is ''. */
function withConcept(list: CodeableConcept[] | undefined, system: string, code: string): CodeableConcept[] | undefined {
  const ofSystem = (c: CodeableConcept) => c.coding?.some((coding) => coding.system === system);
  const others = (list ?? []).filter((c) => !ofSystem(c));
  // Unchanged: keep the concept as it was (display, text, other codings).
  const same = (list ?? []).find((c) => ofSystem(c) && codeOf(c, system) === code);
  const next = code ? [same ?? concept(system, code), ...others] : others;
  return next.length > 0 ? next : undefined;
}

/** Drops undefined, empty strings and empty arrays so the server sees valid FHIR. */
function clean<T extends object>(resource: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out as T;
}

const names = (options: DirectoryOptions) =>
  new Map([...options.organizations, ...options.locations, ...options.services, ...options.practitioners].map((o) => [o.reference, o.name]));

/** All pages of a search (at most 10 × 100). */
async function searchAll<T extends Resource>(type: T['resourceType'], query = ''): Promise<T[]> {
  const found: T[] = [];
  let path: string | undefined = `${FHIR_BASE}/${type}?_count=100${query ? `&${query}` : ''}`;
  for (let page = 0; path && page < 10; page++) {
    const bundle: Bundle = await api.get<Bundle>(path);
    found.push(...resourcesOf<T>(bundle, type));
    const next = bundle.link?.find((l) => l.relation === 'next')?.url;
    path = next ? (() => {
      const url = new URL(next, window.location.href);
      return `${url.pathname}${url.search}`;
    })() : undefined;
  }
  return found;
}

async function write<T extends Resource>(resource: T, previous: Resource | undefined): Promise<T> {
  const type = resource.resourceType;
  if (previous?.id) {
    const version = previous.meta?.versionId;
    const body = { ...resource, id: previous.id };
    const { data } = await api.put<T>(`${FHIR_BASE}/${type}/${encodeURIComponent(previous.id)}`, body, version ? { 'If-Match': `W/"${version}"` } : undefined);
    return data;
  }
  const { data } = await api.post<T>(`${FHIR_BASE}/${type}`, resource);
  return data;
}

const practitionerName = (p: Practitioner) => nameOf(p.name) || p.id || '';
const isWorkTeam = (t: CareTeam) => !t.subject;

/* ---------- one adapter per kind ---------- */

interface Adapter<F> {
  type: 'Organization' | 'Location' | 'HealthcareService' | 'Practitioner' | 'CareTeam';
  empty(): F;
  toForm(base: RawBase): F;
  save(base: RawBase, form: F, names: Map<string, string>): Promise<RawBase>;
  /** The form field a FHIRPath such as `Organization.extension[0].value[x].code` is about. */
  field(path: string): string | undefined;
  list(): Promise<DirectoryListItem[]>;
}

/** `Practitioner.name[0].given[0]` → ['Practitioner', 'name', 0, 'given', 0] */
function pathParts(expression: string): Array<string | number> {
  return expression.split('.').flatMap((part) => {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [part];
    const indices = [...(m[2] ?? '').matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]));
    return [m[1] ?? part, ...indices];
  });
}

const organizations: Adapter<OrganizationForm> = {
  type: 'Organization',
  empty: () => ({ name: '', active: true, partOf: '', municipalityCode: '' }),
  toForm({ main }) {
    const o = main as Organization;
    return {
      name: o.name ?? '',
      active: o.active !== false,
      partOf: refOf(o.partOf),
      municipalityCode: o.extension?.find((e) => e.url === EXTENSIONS.municipality)?.valueCoding?.code ?? '',
    };
  },
  async save({ main }, form, names) {
    const o = (main ?? { resourceType: 'Organization' }) as Organization;
    const old = o.extension?.find((e) => e.url === EXTENSIONS.municipality)?.valueCoding;
    const code = trim(form.municipalityCode);
    const municipality: Extension | undefined = code
      ? { url: EXTENSIONS.municipality, valueCoding: { system: SYSTEMS.municipality, code, ...(old?.code === code && old.display ? { display: old.display } : {}) } }
      : undefined;
    const extension = [...(municipality ? [municipality] : []), ...(o.extension ?? []).filter((e) => e.url !== EXTENSIONS.municipality)];
    const next = clean<Organization>({ ...o, resourceType: 'Organization', name: trim(form.name), active: form.active, partOf: reference(form.partOf, names), extension });
    return { main: await write(next, main) };
  },
  field(path) {
    const [, element] = pathParts(path);
    if (element === 'extension') return 'municipalityCode';
    return element === 'name' || element === 'active' || element === 'partOf' ? element : undefined;
  },
  async list() {
    const all = await searchAll<Organization>('Organization', '_sort=name');
    const byRef = new Map(all.map((o) => [`Organization/${o.id ?? ''}`, o.name ?? '']));
    return all.map((o) => ({
      id: o.id ?? '',
      name: o.name ?? '',
      inactive: o.active === false,
      detail: o.partOf ? { kind: 'partOf' as const, value: o.partOf.display ?? byRef.get(refOf(o.partOf)) ?? refOf(o.partOf) } : undefined,
    }));
  },
};

const locations: Adapter<LocationForm> = {
  type: 'Location',
  empty: () => ({ name: '', line: '', postalCode: '', city: '', managingOrganization: '' }),
  toForm({ main }) {
    const l = main as Location;
    return {
      name: l.name ?? '',
      line: l.address?.line?.[0] ?? '',
      postalCode: l.address?.postalCode ?? '',
      city: l.address?.city ?? '',
      managingOrganization: refOf(l.managingOrganization),
    };
  },
  async save({ main }, form, names) {
    const l = (main ?? { resourceType: 'Location', status: 'active', mode: 'instance' }) as Location;
    const lines = [trim(form.line), ...(l.address?.line ?? []).slice(1)].filter(Boolean);
    const address = clean({ ...(l.address ?? { use: 'work' as const, type: 'physical' as const, country: 'FI' }), line: lines, postalCode: trim(form.postalCode), city: trim(form.city) });
    const hasAddress = lines.length > 0 || !!address.postalCode || !!address.city;
    const next = clean<Location>({
      ...l,
      resourceType: 'Location',
      name: trim(form.name),
      address: hasAddress ? address : undefined,
      managingOrganization: reference(form.managingOrganization, names),
    });
    return { main: await write(next, main) };
  },
  field(path) {
    const [, element, , sub] = pathParts(path);
    if (element === 'address') return sub === 'postalCode' ? 'postalCode' : sub === 'city' ? 'city' : 'line';
    return element === 'name' || element === 'managingOrganization' ? element : undefined;
  },
  async list() {
    const all = await searchAll<Location>('Location', '_sort=name');
    return all.map((l) => ({
      id: l.id ?? '',
      name: l.name ?? '',
      inactive: l.status === 'inactive' || l.status === 'suspended',
      detail: l.address ? { kind: 'address' as const, value: [l.address.line?.[0], [l.address.postalCode, l.address.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') } : undefined,
    }));
  },
};

const services: Adapter<ServiceForm> = {
  type: 'HealthcareService',
  empty: () => ({ name: '', active: true, providedBy: '', locations: [], type: '' }),
  toForm({ main }) {
    const s = main as HealthcareService;
    return {
      name: s.name ?? '',
      active: s.active !== false,
      providedBy: refOf(s.providedBy),
      locations: (s.location ?? []).map(refOf).filter(Boolean),
      type: codeOf(s.type, SYSTEMS.service),
    };
  },
  async save({ main }, form, names) {
    const s = (main ?? { resourceType: 'HealthcareService' }) as HealthcareService;
    const next = clean<HealthcareService>({
      ...s,
      resourceType: 'HealthcareService',
      name: trim(form.name),
      active: form.active,
      providedBy: reference(form.providedBy, names),
      location: form.locations.flatMap((l) => {
        const r = reference<Location>(l, names);
        return r ? [r] : [];
      }),
      type: withConcept(s.type, SYSTEMS.service, form.type),
    });
    return { main: await write(next, main) };
  },
  field(path) {
    const [, element] = pathParts(path);
    if (element === 'location') return 'locations';
    return element === 'name' || element === 'active' || element === 'providedBy' || element === 'type' ? element : undefined;
  },
  async list() {
    const all = await searchAll<HealthcareService>('HealthcareService', '_sort=name');
    return all.map((s) => ({
      id: s.id ?? '',
      name: s.name ?? '',
      inactive: s.active === false,
      detail: s.providedBy ? { kind: 'providedBy' as const, value: s.providedBy.display ?? refOf(s.providedBy) } : undefined,
    }));
  },
};

/** fi/sv/en as ticked (an existing entry is kept as it was), other languages untouched. */
function communicationWith(list: CodeableConcept[] | undefined, languages: string[]): CodeableConcept[] {
  const known = new Set<string>(SERVICE_LANGUAGES);
  const languageOf = (c: CodeableConcept) => c.coding?.find((coding) => coding.system === BCP47 && known.has(coding.code ?? ''))?.code;
  const others = (list ?? []).filter((c) => !languageOf(c));
  const chosen = SERVICE_LANGUAGES.filter((l) => languages.includes(l)).map((code) => (list ?? []).find((c) => languageOf(c) === code) ?? concept(BCP47, code));
  return [...chosen, ...others];
}

/** Terhikki (health) and Suosikki (social welfare): the registers a professional may assess in. */
const REGISTRATIONS = [
  { field: 'terhikki', system: SYSTEMS.terhikki },
  { field: 'suosikki', system: SYSTEMS.suosikki },
] as const;

/**
 * The registration numbers first — an unchanged one kept as it was — then every other
 * identifier untouched. A cleared field removes its number.
 */
function withRegistrations(list: Identifier[] | undefined, form: ProfessionalForm, official: boolean): Identifier[] {
  const systems = new Set<string>(REGISTRATIONS.map((r) => r.system));
  return [
    ...REGISTRATIONS.flatMap(({ field, system }) => {
      const value = trim(form[field]);
      if (!value) return [];
      return [list?.find((i) => i.system === system && i.value === value) ?? { ...(official ? { use: 'official' as const } : {}), system, value }];
    }),
    ...(list ?? []).filter((i) => !systems.has(i.system ?? '')),
  ];
}

const professionals: Adapter<ProfessionalForm> = {
  type: 'Practitioner',
  empty: () => ({ given: '', family: '', active: true, terhikki: '', suosikki: '', languages: ['fi'], profession: '', organization: '', location: '', service: '' }),
  toForm({ main, role }) {
    const p = main as Practitioner;
    const name = p.name?.find((n) => n.use === 'official') ?? p.name?.[0];
    return {
      given: name?.given?.join(' ') ?? '',
      family: name?.family ?? '',
      active: p.active !== false,
      terhikki: p.identifier?.find((i) => i.system === SYSTEMS.terhikki)?.value ?? '',
      suosikki: p.identifier?.find((i) => i.system === SYSTEMS.suosikki)?.value ?? '',
      languages: (p.communication ?? []).flatMap((c) => c.coding?.filter((coding) => coding.system === BCP47).map((coding) => coding.code ?? '') ?? []).filter((code) => (SERVICE_LANGUAGES as readonly string[]).includes(code)),
      profession: codeOf(role?.code, SYSTEMS.profession),
      organization: refOf(role?.organization),
      location: refOf(role?.location?.[0]),
      service: refOf(role?.healthcareService?.[0]),
    };
  },
  async save({ main, role }, form, names) {
    const p = (main ?? { resourceType: 'Practitioner' }) as Practitioner;
    const given = trim(form.given).split(/\s+/).filter(Boolean);
    const family = trim(form.family);
    const text = [...given, family].join(' ');
    const nameIndex = Math.max(0, p.name?.findIndex((n) => n.use === 'official') ?? 0);
    const oldName = p.name?.[nameIndex];
    const name = clean({ ...(oldName ?? { use: 'official' as const }), given, family, text });
    const identifier = withRegistrations(p.identifier, form, true);
    // A qualification of the same profession system follows the role's profession and the registration numbers.
    const qualification = p.qualification?.map((q) =>
      q.code.coding?.some((c) => c.system === SYSTEMS.profession)
        ? clean({
            ...q,
            code: form.profession && codeOf(q.code, SYSTEMS.profession) !== form.profession ? concept(SYSTEMS.profession, form.profession) : q.code,
            identifier: withRegistrations(q.identifier, form, false),
          })
        : q,
    );
    const nextPractitioner = clean<Practitioner>({
      ...p,
      resourceType: 'Practitioner',
      active: form.active,
      identifier,
      name: [...(p.name ?? []).slice(0, nameIndex), name, ...(p.name ?? []).slice(nameIndex + 1)],
      communication: communicationWith(p.communication, form.languages),
      qualification,
    });
    const savedPractitioner = await write(nextPractitioner, main);
    const wantsRole = !!(role || form.profession || form.organization || form.location || form.service);
    if (!wantsRole) return { main: savedPractitioner };
    try {
      const r = (role ?? { resourceType: 'PractitionerRole', active: true }) as PractitionerRole;
      const nextRole = clean<PractitionerRole>({
        ...r,
        resourceType: 'PractitionerRole',
        active: form.active,
        practitioner: { reference: `Practitioner/${savedPractitioner.id ?? ''}`, display: text },
        code: withConcept(r.code, SYSTEMS.profession, form.profession),
        organization: reference(form.organization, names),
        location: form.location ? [reference<Location>(form.location, names) ?? { reference: form.location }] : undefined,
        healthcareService: form.service ? [reference<HealthcareService>(form.service, names) ?? { reference: form.service }] : undefined,
      });
      return { main: savedPractitioner, role: await write(nextRole, role) };
    } catch (error) {
      throw new PartlySavedError(toRecord('professionals', { main: savedPractitioner, role }), error);
    }
  },
  field(path) {
    const [type, element, , sub] = pathParts(path);
    if (type === 'PractitionerRole') {
      if (element === 'code') return 'profession';
      if (element === 'location') return 'location';
      if (element === 'healthcareService') return 'service';
      return element === 'organization' ? 'organization' : undefined;
    }
    if (element === 'name') return sub === 'given' ? 'given' : 'family';
    if (element === 'identifier' || element === 'qualification') return 'terhikki';
    if (element === 'communication') return 'languages';
    return element === 'active' ? 'active' : undefined;
  },
  async list() {
    const [people, roles] = await Promise.all([searchAll<Practitioner>('Practitioner'), searchAll<PractitionerRole>('PractitionerRole')]);
    const profession = new Map(roles.map((r) => [refOf(r.practitioner), codeOf(r.code, SYSTEMS.profession)]));
    return people
      .map((p) => {
        const code = profession.get(`Practitioner/${p.id ?? ''}`);
        return { id: p.id ?? '', name: practitionerName(p), inactive: p.active === false, detail: code ? { kind: 'profession' as const, value: code } : undefined };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'fi'));
  },
};

const teams: Adapter<TeamForm> = {
  type: 'CareTeam',
  empty: () => ({ name: '', status: 'active', managingOrganization: '', participants: [] }),
  toForm({ main }) {
    const t = main as CareTeam;
    return {
      name: t.name ?? '',
      status: t.status ?? 'active',
      managingOrganization: refOf(t.managingOrganization?.[0]),
      participants: (t.participant ?? []).map((p, i) => ({ key: `p${i}`, profession: codeOf(p.role, SYSTEMS.profession), member: refOf(p.member) })),
    };
  },
  async save({ main }, form, names) {
    const t = (main ?? { resourceType: 'CareTeam' }) as CareTeam;
    const before = t.participant ?? [];
    const managing = reference<Organization>(form.managingOrganization, names);
    const participant = form.participants.map((p): CareTeamParticipant => {
      const index = /^p(\d+)$/.exec(p.key)?.[1];
      const old = index !== undefined ? before[Number(index)] : undefined;
      return clean({
        ...(old ?? (managing ? { onBehalfOf: managing } : {})),
        role: withConcept(old?.role, SYSTEMS.profession, p.profession),
        member: reference(p.member, names),
      });
    });
    const next = clean<CareTeam>({
      ...t,
      resourceType: 'CareTeam',
      name: trim(form.name),
      status: form.status as CareTeam['status'],
      managingOrganization: managing ? [managing, ...(t.managingOrganization ?? []).slice(1)] : (t.managingOrganization ?? []).slice(1),
      participant,
    });
    return { main: await write(next, main) };
  },
  field(path) {
    const [, element, index, sub] = pathParts(path);
    if (element === 'participant' && typeof index === 'number') return `participants.${index}.${sub === 'role' ? 'profession' : 'member'}`;
    if (element === 'managingOrganization') return 'managingOrganization';
    return element === 'name' || element === 'status' ? element : undefined;
  },
  async list() {
    // CareTeam has no `name` search parameter: sorted here.
    const all = (await searchAll<CareTeam>('CareTeam')).filter(isWorkTeam).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'fi'));
    return all.map((t) => ({
      id: t.id ?? '',
      name: t.name ?? '',
      inactive: t.status !== 'active',
      detail: { kind: 'members' as const, value: String(t.participant?.length ?? 0) },
    }));
  },
};

const ADAPTERS: { [K in DirectoryKind]: Adapter<DirectoryForms[K]> } = { organizations, locations, services, professionals, teams };

function adapter<K extends DirectoryKind>(kind: K): Adapter<DirectoryForms[K]> {
  return ADAPTERS[kind];
}

function toRecord<K extends DirectoryKind>(kind: K, base: RawBase): DirectoryRecord<K> {
  return { kind, id: base.main?.id, form: adapter(kind).toForm(base), base: asBase(base) };
}

/* ---------- public functions ---------- */

export function emptyRecord<K extends DirectoryKind>(kind: K): DirectoryRecord<K> {
  return { kind, form: adapter(kind).empty(), base: asBase({}) };
}

export function fetchDirectoryList(kind: DirectoryKind): Promise<DirectoryListItem[]> {
  return adapter(kind).list();
}

export async function fetchRecord<K extends DirectoryKind>(kind: K, id: string): Promise<DirectoryRecord<K>> {
  const a = adapter(kind);
  const main = await api.get<Resource>(`${FHIR_BASE}/${a.type}/${encodeURIComponent(id)}`);
  if (kind === 'teams' && !isWorkTeam(main as CareTeam)) throw new ApiError(404, []);
  let role: PractitionerRole | undefined;
  if (kind === 'professionals') {
    const roles = await searchAll<PractitionerRole>('PractitionerRole', `practitioner=${encodeURIComponent(`Practitioner/${id}`)}`);
    role = roles.find((r) => r.active !== false) ?? roles[0];
  }
  return toRecord(kind, { main, role });
}

export async function saveRecord<K extends DirectoryKind>(record: DirectoryRecord<K>, form: DirectoryForms[K], options: DirectoryOptions): Promise<DirectoryRecord<K>> {
  const saved = await adapter(record.kind).save(raw(record.base), form, names(options));
  return toRecord(record.kind, saved);
}

/** The choices for the reference fields. */
export async function fetchDirectoryOptions(): Promise<DirectoryOptions> {
  const [orgs, places, svcs, people] = await Promise.all([
    searchAll<Organization>('Organization', '_sort=name'),
    searchAll<Location>('Location', '_sort=name'),
    searchAll<HealthcareService>('HealthcareService', '_sort=name'),
    searchAll<Practitioner>('Practitioner'),
  ]);
  const option = (type: string) => (r: { id?: string }, name: string): RefOption => ({ reference: `${type}/${r.id ?? ''}`, name: name || r.id || '' });
  return {
    organizations: orgs.map((o) => option('Organization')(o, o.name ?? '')),
    locations: places.map((l) => option('Location')(l, l.name ?? '')),
    services: svcs.map((s) => option('HealthcareService')(s, s.name ?? '')),
    practitioners: people.map((p) => option('Practitioner')(p, practitionerName(p))).sort((a, b) => a.name.localeCompare(b.name, 'fi')),
  };
}

/** Places each server issue on the field its `expression` names. */
export function issuesToFields(kind: DirectoryKind, issues: ApiIssue[]): FieldIssue[] {
  const a = adapter(kind);
  return issues.map((issue) => {
    const field = issue.expression.map((e) => a.field(e)).find((f) => f !== undefined);
    return { field, message: issue.message };
  });
}
