/**
 * Whom the signed-in resident may act for (`GET /api/me/principals`): children under 18 in their
 * guardianship and adults who have authorised them (in the spirit of Suomi.fi mandates), while
 * the authorisation holds.
 */
import { ApiError, api } from './client';
import { fetchMyChildren } from './children.resource';

/** `guardian`: a child in the resident's guardianship; `representative`: an adult who authorised the resident. */
export type PrincipalKind = 'guardian' | 'representative';

export interface Principal {
  /** `Patient/…` */
  reference: string;
  name?: string;
  birthDate?: string;
  kind: PrincipalKind;
  /** When the authority ends (an authorisation's last day; a child's 18th birthday). */
  validUntil?: string;
}

interface Answer {
  principals?: Array<Partial<Principal>>;
}

export async function fetchMyPrincipals(): Promise<Principal[]> {
  try {
    const answer = await api.get<Answer>('/api/me/principals');
    return (answer.principals ?? []).flatMap((p) =>
      p.reference && (p.kind === 'guardian' || p.kind === 'representative')
        ? [{ reference: p.reference, name: p.name, birthDate: p.birthDate, kind: p.kind, validUntil: p.validUntil }]
        : [],
    );
  } catch (error) {
    // A server without the list of principals still knows the children.
    if (error instanceof ApiError && error.status === 404) return (await fetchMyChildren()).map((c) => ({ ...c, kind: 'guardian' as const }));
    throw error;
  }
}
