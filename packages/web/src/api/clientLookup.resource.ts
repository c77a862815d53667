/**
 * Finding a client by name (docs/API.md "Looking a client up"): a separate action from reading
 * the client's data. It needs a recorded reason (X-Access-Reason), is audited and flagged, and
 * each person shown sees it in their own log. At most 10 people, with name, birth year and
 * municipality only; picking one reads that Patient with the same reason.
 */
import { reasonHeaders } from './accessReason';
import { api } from './client';

/** The server shows no more people than this for one search. */
export const MAX_NAME_RESULTS = 10;
export const MIN_NAME_LENGTH = 2;
export const MAX_NAME_LENGTH = 100;

export interface ClientHit {
  /** `Patient/…` */
  reference: string;
  name: string;
  birthYear?: number;
  municipality?: string;
}

interface LookupAnswer {
  clients?: Array<Partial<ClientHit>>;
}

export async function findClientsByName(args: { name: string; birthYear?: number; reason: string }): Promise<ClientHit[]> {
  const query = new URLSearchParams({ name: args.name.trim() });
  if (args.birthYear !== undefined) query.set('birthYear', String(args.birthYear));
  const answer = await api.get<LookupAnswer>(`/api/client-lookup?${query.toString()}`, reasonHeaders(args.reason));
  return (answer.clients ?? []).flatMap((c) =>
    c.reference
      ? [
          {
            reference: c.reference,
            name: c.name ?? '',
            ...(typeof c.birthYear === 'number' ? { birthYear: c.birthYear } : {}),
            ...(c.municipality ? { municipality: c.municipality } : {}),
          },
        ]
      : [],
  );
}
