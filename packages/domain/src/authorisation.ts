/**
 * Acting for another adult: an authorised representative, in the spirit of a Suomi.fi mandate
 * (Suomi.fi-valtuudet). The authorisation is a RelatedPerson of the principal whose
 * relationship is v3 RoleCode HPOWATT (healthcare power of attorney) and whose period says
 * from when and until when it holds. Pure: the record and the instant decide, nothing else.
 */
import { SYSTEMS } from './codes';
import { toHelsinkiDate } from './helsinkiTime';

/** v3 RoleCode: healthcare power of attorney, "authorised to act for the principal in health and care matters". */
export const AUTHORISED_REPRESENTATIVE_CODE = 'HPOWATT';

/** Whom a resident may act for, and on what authority. */
export type PrincipalKind = 'guardian' | 'representative';

export interface AuthorisationPeriod {
  start?: string;
  end?: string;
}

interface Coded {
  coding?: Array<{ system?: string; code?: string }>;
}

/** Whether a relationship (RelatedPerson.relationship) names an authorised representative. */
export function isAuthorisedRepresentative(relationship: Coded[] | undefined): boolean {
  return (relationship ?? []).some((r) => r.coding?.some((c) => c.system === SYSTEMS.roleCode && c.code === AUTHORISED_REPRESENTATIVE_CODE));
}

/** The relationship an authorisation is recorded with (for the demo region and tests). */
export function authorisedRepresentativeRelationship(): Array<{ coding: Array<{ system: string; code: string; display: string }>; text: string }> {
  return [
    {
      coding: [{ system: SYSTEMS.roleCode, code: AUTHORISED_REPRESENTATIVE_CODE, display: 'healthcare power of attorney' }],
      text: 'Valtuutettu asiamies (Suomi.fi-valtuus)',
    },
  ];
}

const DATE_ONLY = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Whether an authorisation holds at `at`. It must say when it ends: an authorisation on record
 * without an end (or with a value that does not parse) holds never, so a mistake closes rather
 * than opens. A date (or a year, or a month) is a Helsinki calendar day and counts whole: an
 * end of `2027-01-31` holds through that day; a date-time is an instant: the end itself no longer
 * holds. Without a start it holds from when it was recorded.
 */
export function authorisationInForce(period: AuthorisationPeriod | undefined, at: Date): boolean {
  const end = period?.end;
  const start = period?.start;
  if (!end || !withinEnd(end, at)) return false;
  return start === undefined || fromStart(start, at);
}

function withinEnd(end: string, at: Date): boolean {
  if (DATE_ONLY.test(end)) return toHelsinkiDate(at).slice(0, end.length) <= end;
  if (!DATE_TIME.test(end)) return false;
  const ms = Date.parse(end);
  return !Number.isNaN(ms) && at.getTime() < ms;
}

function fromStart(start: string, at: Date): boolean {
  if (DATE_ONLY.test(start)) return toHelsinkiDate(at).slice(0, start.length) >= start;
  if (!DATE_TIME.test(start)) return false;
  const ms = Date.parse(start);
  return !Number.isNaN(ms) && at.getTime() >= ms;
}
