/**
 * The service finder's search over `service_search` (migration 026): the candidates of a query
 * with what the database measured of them (full-text rank in Finnish, Swedish and English;
 * trigram similarity: strict word similarity to the names, word similarity to all the text), each with its HealthcareService, the
 * provider Organization and the first Location, in one statement. Ranking: domain/serviceFinder.
 */
import type { HealthcareService, Location, Organization } from '@medplum/fhirtypes';
import type { Language, MatchMeasures } from '@ovi/domain';
import { PLAN_PER_CALL, type SqlExecutor } from '../db/database';

export interface ServiceCandidate extends MatchMeasures {
  service: HealthcareService;
  provider?: Organization;
  location?: Location;
}

export interface CandidateFilter {
  /** Lower-cased words of letters and digits (domain searchWords); none: every service. */
  words: string[];
  /** The query as typed, for trigram similarity. */
  text: string;
  municipality?: string;
  age?: number;
  /** Read at most this many candidates (the ranking then chooses and pages). */
  limit: number;
}

/** Words shorter than this are left out of trigram matching: they would be near everything. */
const TRIGRAM_MIN_WORD = 4;

interface Row {
  service_id: string;
  service: HealthcareService;
  provider: Organization | null;
  location: Location | null;
  rank_fi: number;
  rank_sv: number;
  rank_en: number;
  name_similarity: number;
  text_similarity: number;
}

/**
 * Each word as a prefix in each language (`'ero':*` finds "erotilanne"), any word may match;
 * every language's configuration stems the words its own way.
 */
const prefixQuery = (words: string[]): string => words.map((w) => `'${w}':*`).join(' | ');

export async function serviceCandidates(db: SqlExecutor, filter: CandidateFilter, lang: Language): Promise<ServiceCandidate[]> {
  const hasWords = filter.words.length > 0;
  const trigramWords = filter.words.filter((w) => w.length >= TRIGRAM_MIN_WORD);
  const r = await db.query<Row>(
    `${PLAN_PER_CALL}WITH q AS (
       SELECT to_tsquery('finnish', $1) AS fi, to_tsquery('swedish', $1) AS sv, to_tsquery('english', $1) AS en, $2::text AS raw, $3::text[] AS words
     ), measured AS (
       SELECT s.service_id,
              CASE WHEN $6 THEN ts_rank_cd(s.doc_fi, q.fi) ELSE 0 END AS rank_fi,
              CASE WHEN $6 THEN ts_rank_cd(s.doc_sv, q.sv) ELSE 0 END AS rank_sv,
              CASE WHEN $6 THEN ts_rank_cd(s.doc_en, q.en) ELSE 0 END AS rank_en,
              CASE WHEN $6 THEN GREATEST(strict_word_similarity(q.raw, s.names), COALESCE((SELECT max(strict_word_similarity(w, s.names)) FROM unnest(q.words) w), 0)) ELSE 0 END AS name_similarity,
              CASE WHEN $6 THEN GREATEST(word_similarity(q.raw, s.body), COALESCE((SELECT max(word_similarity(w, s.body)) FROM unnest(q.words) w), 0)) ELSE 0 END AS text_similarity
         FROM service_search s CROSS JOIN q
        WHERE s.active
          AND ($4::text IS NULL OR cardinality(s.municipalities) = 0 OR $4::text = ANY (s.municipalities))
          AND ($5::integer IS NULL OR ((s.age_low IS NULL OR s.age_low <= $5::integer) AND (s.age_high IS NULL OR s.age_high >= $5::integer)))
          AND (NOT $6 OR s.doc_fi @@ q.fi OR s.doc_sv @@ q.sv OR s.doc_en @@ q.en OR q.raw <% s.names OR q.raw <% s.body
               OR EXISTS (SELECT 1 FROM unnest(q.words) w WHERE w <% s.names OR w <% s.body))
     )
     SELECT m.*, r.content AS service, p.content AS provider, l.content AS location
       FROM measured m
       JOIN resource r ON r.resource_type = 'HealthcareService' AND r.id = m.service_id
       LEFT JOIN resource p ON p.resource_type = 'Organization' AND p.id = substring(r.content #>> '{providedBy,reference}' FROM '^Organization/(.+)$')
       LEFT JOIN resource l ON l.resource_type = 'Location' AND l.id = substring(r.content #>> '{location,0,reference}' FROM '^Location/(.+)$')
      ORDER BY GREATEST(m.rank_fi, m.rank_sv, m.rank_en) + m.name_similarity DESC, m.service_id
      LIMIT $7`,
    [hasWords ? prefixQuery(filter.words) : '', filter.text.toLowerCase(), trigramWords, filter.municipality ?? null, filter.age ?? null, hasWords, filter.limit],
  );
  return r.rows.map((row) => ({
    id: row.service_id,
    name: nameIn(row.service, lang),
    textRank: { fi: Number(row.rank_fi), sv: Number(row.rank_sv), en: Number(row.rank_en) },
    nameSimilarity: Number(row.name_similarity),
    textSimilarity: Number(row.text_similarity),
    service: row.service,
    ...(row.provider ? { provider: row.provider } : {}),
    ...(row.location ? { location: row.location } : {}),
  }));
}

/** The name in `lang` for ordering (the card reads it again with the translation helper). */
function nameIn(service: HealthcareService & { _name?: { extension?: Array<{ extension?: Array<{ url: string; valueCode?: string; valueString?: string }> }> } }, lang: Language): string {
  for (const ext of service._name?.extension ?? []) {
    const code = ext.extension?.find((e) => e.url === 'lang')?.valueCode;
    const content = ext.extension?.find((e) => e.url === 'content')?.valueString;
    if (code === lang && content) return content;
  }
  return service.name ?? '';
}

/** The stored HealthcareServices with these ids, with their providers and first locations (client paths' links). */
export async function servicesById(db: SqlExecutor, ids: readonly string[]): Promise<Array<Omit<ServiceCandidate, keyof MatchMeasures> & { id: string }>> {
  if (ids.length === 0) return [];
  const r = await db.query<{ id: string; service: HealthcareService; provider: Organization | null; location: Location | null }>(
    `SELECT r.id, r.content AS service, p.content AS provider, l.content AS location
       FROM resource r
       LEFT JOIN resource p ON p.resource_type = 'Organization' AND p.id = substring(r.content #>> '{providedBy,reference}' FROM '^Organization/(.+)$')
       LEFT JOIN resource l ON l.resource_type = 'Location' AND l.id = substring(r.content #>> '{location,0,reference}' FROM '^Location/(.+)$')
      WHERE r.resource_type = 'HealthcareService' AND r.id = ANY ($1::text[])`,
    [ids],
  );
  return r.rows.map((row) => ({ id: row.id, service: row.service, ...(row.provider ? { provider: row.provider } : {}), ...(row.location ? { location: row.location } : {}) }));
}
