/**
 * A resident's search of the service catalogue: the query is checked (400 on any bad value),
 * the database finds and measures the candidates, the domain ranks them and writes the cards.
 * Public data only: no personal data is read, so nothing is audited.
 */
import { coversMunicipality, parseServiceQuery, rankMatches, serviceCard, servesAge, type ServiceCard } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { badRequest } from '../fhir/outcomes';
import { serviceCandidates } from '../storage/serviceSearch';
import { now } from '../time/clock';

/** How many candidates the database hands to the ranking: enough for any page of 50. */
const CANDIDATES = 200;

export interface ServiceSearchResult {
  query: { q: string; lang: string; municipality?: string; age?: number };
  total: number;
  services: ServiceCard[];
}

export async function searchServices(db: SqlExecutor, raw: Record<string, unknown>): Promise<ServiceSearchResult> {
  const { query, errors } = parseServiceQuery(raw);
  if (!query) throw badRequest(errors.join('; '));
  const candidates = await serviceCandidates(db, { words: query.words, text: query.text, municipality: query.municipality, age: query.age, limit: CANDIDATES }, query.lang);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const at = now();
  // The filters are the database's; they are checked once more on the cards the resident sees.
  const ranked = rankMatches(candidates, query.lang, query.words.length > 0).flatMap((match) => {
    const c = byId.get(match.id);
    if (!c) return [];
    const card = serviceCard(c.service, query.lang, at, { ...(c.provider ? { provider: c.provider } : {}), ...(c.location ? { location: c.location } : {}) });
    if (!servesAge(card.ages, query.age) || !coversMunicipality(card.municipalities, query.municipality)) return [];
    return [{ ...card, reasons: match.reasons }];
  });
  return {
    query: { q: query.text, lang: query.lang, ...(query.municipality ? { municipality: query.municipality } : {}), ...(query.age !== undefined ? { age: query.age } : {}) },
    total: ranked.length,
    services: ranked.slice(0, query.limit),
  };
}
