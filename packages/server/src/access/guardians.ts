import { SYSTEMS, ageOn, toHelsinkiDate } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { now } from '../time/clock';
import { guardianLinks } from './relationships';

/** Guardianship ends when the child comes of age. */
const AGE_OF_MAJORITY = 18;

export interface Guardianship {
  /** The guardian's RelatedPerson record on the child (the author of what they send). */
  relatedPerson: string;
  display?: string;
}

/**
 * Whether the resident (`Patient/…`) is a guardian of `child` (`Patient/…`) today: their
 * Patient record links a RelatedPerson of the child with the role GUARD, and the child is
 * under 18. One statement; no relationship is ever inferred from anything else.
 */
export async function guardianship(db: SqlExecutor, resident: string, child: string): Promise<Guardianship | undefined> {
  const residentId = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(resident)?.[1];
  const childId = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(child)?.[1];
  if (!residentId || !childId || residentId === childId) return undefined;
  for (const row of await guardianLinks(db, residentId, childId)) {
    const isGuardian = (row.rp.relationship ?? []).some((rel) => rel.coding?.some((c) => c.system === SYSTEMS.roleCode && c.code === 'GUARD'));
    if (!isGuardian || row.rp.active === false || row.child.active === false) continue;
    const birthDate = row.child.birthDate;
    if (!birthDate || ageOn(birthDate, toHelsinkiDate(now())) >= AGE_OF_MAJORITY) continue;
    return { relatedPerson: `RelatedPerson/${row.rp.id}`, display: row.rp.name?.[0]?.text };
  }
  return undefined;
}

export interface GuardedChild {
  reference: string;
  name?: string;
  birthDate?: string;
}

/** The children under 18 a resident is a guardian of today (for "whom is this about?"). */
export async function childrenInGuardianship(db: SqlExecutor, resident: string): Promise<GuardedChild[]> {
  const residentId = /^Patient\/([A-Za-z0-9\-.]{1,64})$/.exec(resident)?.[1];
  if (!residentId) return [];
  const today = toHelsinkiDate(now());
  return (await guardianLinks(db, residentId))
    .filter((row) => (row.rp.relationship ?? []).some((rel) => rel.coding?.some((c) => c.system === SYSTEMS.roleCode && c.code === 'GUARD')))
    .filter((row) => row.rp.active !== false && row.child.active !== false && !!row.child.birthDate && ageOn(row.child.birthDate, today) < AGE_OF_MAJORITY)
    .map((row) => ({ reference: `Patient/${row.child.id}`, name: row.child.name?.[0]?.text, birthDate: row.child.birthDate }));
}
