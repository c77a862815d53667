import type { Patient, RelatedPerson } from '@medplum/fhirtypes';
import { SYSTEMS, ageOn, toHelsinkiDate } from '@ovi/domain';
import { authorisationInForce, isAuthorisedRepresentative, type PrincipalKind } from '../../../domain/src/authorisation';
import type { SqlExecutor } from '../db/database';
import { now } from '../time/clock';
import { guardianLinks } from './relationships';

/** Guardianship ends when the child comes of age; only an adult authorises a representative. */
const AGE_OF_MAJORITY = 18;

export interface Guardianship {
  /** The guardian's RelatedPerson record on the child (the author of what they send). */
  relatedPerson: string;
  display?: string;
}

/** On what authority a resident acts for someone else, and through which RelatedPerson record. */
export interface Authority extends Guardianship {
  kind: PrincipalKind;
  /** An authorisation's end (RelatedPerson.period.end); a guardianship ends at the child's 18th birthday. */
  until?: string;
}

const PATIENT_REF = /^Patient\/([A-Za-z0-9\-.]{1,64})$/;

const isGuardianLink = (rp: RelatedPerson) => (rp.relationship ?? []).some((rel) => rel.coding?.some((c) => c.system === SYSTEMS.roleCode && c.code === 'GUARD'));

/** Age in whole years; none for a birth date after the day (a record error: it authorises nothing). */
function ageOnDay(birthDate: string, day: string): number | undefined {
  try {
    return ageOn(birthDate, day);
  } catch {
    return undefined;
  }
}

const isDeceased = (p: Patient) => p.deceasedBoolean === true || p.deceasedDateTime !== undefined;

/**
 * What one link (the resident's Patient.link → a RelatedPerson of the principal) allows today:
 * a guardianship of a child under 18, or an authorisation by an adult while its period holds.
 * Both need active records; an authorisation also ends with the principal's death.
 */
function authorityOf(rp: RelatedPerson, principal: Patient, at: Date): Authority | undefined {
  if (rp.active === false || principal.active === false || !principal.birthDate) return undefined;
  const age = ageOnDay(principal.birthDate, toHelsinkiDate(at));
  if (age === undefined) return undefined;
  const relatedPerson = `RelatedPerson/${rp.id}`;
  const display = rp.name?.[0]?.text;
  if (isGuardianLink(rp) && age < AGE_OF_MAJORITY) {
    const [year = 0, month = '01', day = '01'] = principal.birthDate.split('-');
    return { kind: 'guardian', relatedPerson, ...(display ? { display } : {}), until: `${Number(year) + AGE_OF_MAJORITY}-${month}-${day}` };
  }
  if (isAuthorisedRepresentative(rp.relationship) && age >= AGE_OF_MAJORITY && !isDeceased(principal) && authorisationInForce(rp.period, at)) {
    return { kind: 'representative', relatedPerson, ...(display ? { display } : {}), ...(rp.period?.end ? { until: rp.period.end } : {}) };
  }
  return undefined;
}

/**
 * Whether the resident (`Patient/…`) is a guardian of `child` (`Patient/…`) today: their
 * Patient record links a RelatedPerson of the child with the role GUARD, and the child is
 * under 18. One statement; no relationship is ever inferred from anything else.
 */
export async function guardianship(db: SqlExecutor, resident: string, child: string): Promise<Guardianship | undefined> {
  const authority = await actingFor(db, resident, child);
  return authority?.kind === 'guardian' ? { relatedPerson: authority.relatedPerson, ...(authority.display ? { display: authority.display } : {}) } : undefined;
}

/**
 * Whether the resident may act for `principal` today, and on what authority: as a guardian of a
 * child under 18, or as an adult's authorised representative while the authorisation's period
 * holds (never after it ends). Both are on record the same way: the resident's Patient links a
 * RelatedPerson of the principal. One statement.
 */
export async function actingFor(db: SqlExecutor, resident: string, principal: string): Promise<Authority | undefined> {
  const residentId = PATIENT_REF.exec(resident)?.[1];
  const principalId = PATIENT_REF.exec(principal)?.[1];
  if (!residentId || !principalId || residentId === principalId) return undefined;
  const at = now();
  const found = (await guardianLinks(db, residentId, principalId)).map((row) => authorityOf(row.rp, row.child, at)).filter((a): a is Authority => a !== undefined);
  // A guardian's own standing comes first; then the authorisation that lasts longest.
  return found.find((a) => a.kind === 'guardian') ?? found.sort((a, b) => (b.until ?? '').localeCompare(a.until ?? ''))[0];
}

export interface GuardedChild {
  reference: string;
  name?: string;
  birthDate?: string;
}

export interface Principal extends GuardedChild {
  kind: PrincipalKind;
  /** The resident's RelatedPerson record on the principal. */
  relatedPerson: string;
  until?: string;
}

/**
 * Everyone the resident may act for today: children under 18 in their guardianship and adults
 * who have authorised them (for "whom is this about?" and "acting for"). Each person once.
 */
export async function principalsOf(db: SqlExecutor, resident: string): Promise<Principal[]> {
  const residentId = PATIENT_REF.exec(resident)?.[1];
  if (!residentId) return [];
  const at = now();
  const byPerson = new Map<string, Principal>();
  for (const row of await guardianLinks(db, residentId)) {
    if (row.child.id === residentId) continue;
    const authority = authorityOf(row.rp, row.child, at);
    if (!authority) continue;
    const reference = `Patient/${row.child.id}`;
    const known = byPerson.get(reference);
    if (known && (known.kind === 'guardian' || (known.until ?? '') >= (authority.until ?? ''))) continue;
    byPerson.set(reference, {
      reference,
      ...(row.child.name?.[0]?.text ? { name: row.child.name[0].text } : {}),
      ...(row.child.birthDate ? { birthDate: row.child.birthDate } : {}),
      kind: authority.kind,
      relatedPerson: authority.relatedPerson,
      ...(authority.until ? { until: authority.until } : {}),
    });
  }
  return [...byPerson.values()].sort((a, b) => a.kind.localeCompare(b.kind) || (a.name ?? '').localeCompare(b.name ?? '', 'fi'));
}

/** The children under 18 a resident is a guardian of today (`GET /api/me/children`). */
export async function childrenInGuardianship(db: SqlExecutor, resident: string): Promise<GuardedChild[]> {
  return (await principalsOf(db, resident))
    .filter((p) => p.kind === 'guardian')
    .map(({ reference, name, birthDate }) => ({ reference, ...(name ? { name } : {}), ...(birthDate ? { birthDate } : {}) }));
}
