/**
 * Continuity of care over realised visits (pure). Decision record: docs/decisions/021-continuity-of-care.md.
 *
 * Formulas as in DOMAIN.md §4.2, for one client's visits in a period (N visits, n_i with
 * professional i):
 * - **UPC** (usual provider of care) = max_i(n_i) / N: the share of visits with the most-seen
 *   professional.
 * - **COCI** (Bice & Boxerman) = (Σ n_i² − N) / (N·(N − 1)): 1 when every visit was with the same
 *   professional, 0 when every visit was with a different one.
 *
 * COCI is undefined for one visit (0 / 0) and UPC is then trivially 1, so a client counts only
 * from {@link MIN_VISITS_FOR_CONTINUITY} realised visits; clients with fewer are left out and
 * counted, so the manager sees how many the figure does not describe.
 *
 * Only realised visits count (Appointment `fulfilled`, decision 008): a cancelled or not-come
 * visit met no one. Visits are grouped by the unit where they took place and the profession
 * of the visit, as THL reports doctors and nurses separately: a client who saw two units in the
 * period counts in each with the visits there.
 *
 * The server counts the visits per client and professional in SQL and hands over
 * {@link ContinuityCell}s (clients alike in N, Σ n_i² and max n_i); {@link continuityCells} is
 * the definition it follows, and the formulas are applied here only.
 */
import { publishCounts, publishedShare, type DisclosureOptions } from './smallNumbers';
import { figureScope, type FigureScope } from './teamFigures';

/** The fewest realised visits (in one unit and profession, in the period) for which a client's continuity is computed. */
export const MIN_VISITS_FOR_CONTINUITY = 2;

/** One client's continuity, or undefined for fewer than {@link MIN_VISITS_FOR_CONTINUITY} visits. */
export interface ClientContinuity {
  visits: number;
  upc: number;
  coci: number;
}

function checkCounts(visitsPerProfessional: readonly number[]): void {
  for (const n of visitsPerProfessional) if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`visits per professional must be positive integers, got ${n}`);
}

/** UPC from N, max n_i (no check on the minimum). */
export function upcOf(visits: number, mostSeen: number): number {
  return mostSeen / visits;
}

/** COCI from N and Σ n_i² (N ≥ 2). */
export function cociOf(visits: number, sumOfSquares: number): number {
  return (sumOfSquares - visits) / (visits * (visits - 1));
}

/** A client's UPC and COCI from their visits per professional (each ≥ 1). */
export function clientContinuity(visitsPerProfessional: readonly number[]): ClientContinuity | undefined {
  checkCounts(visitsPerProfessional);
  const visits = visitsPerProfessional.reduce((s, n) => s + n, 0);
  if (visits < MIN_VISITS_FOR_CONTINUITY) return undefined;
  const sumOfSquares = visitsPerProfessional.reduce((s, n) => s + n * n, 0);
  return { visits, upc: upcOf(visits, Math.max(...visitsPerProfessional)), coci: cociOf(visits, sumOfSquares) };
}

/** One realised (or not) visit as the continuity measure sees it. */
export interface ContinuityVisit {
  /** Appointment.status: only `fulfilled` counts. */
  status: string;
  visitAt: Date;
  /** `Patient/<id>`. */
  client: string;
  /** `Practitioner/<id>` met. */
  practitioner: string;
  /** `Location/<id>` where the visit took place. */
  unit: string;
  profession: string;
  /** Whether the client has an own professional or own team at all. */
  clientHasOwnTeam: boolean;
  /** Whether the professional met is the client's own professional or a member of their own team. */
  withOwnTeam: boolean;
}

/** Clients of one unit and profession alike in everything the formulas use, and how many there are. */
export interface ContinuityCell {
  unit: string;
  profession: string;
  /** N: the client's realised visits in the unit and profession. */
  visits: number;
  /** Σ n_i². */
  sumOfSquares: number;
  /** max n_i. */
  mostSeen: number;
  clients: number;
}

/** Per unit and profession: the own-team visits of the clients counted, and the professionals met. */
export interface ContinuityGroupFacts {
  unit: string;
  profession: string;
  /** Visits of counted clients (≥ the minimum) who have an own professional or team. */
  listedVisits: number;
  /** Of those, visits with the own professional or a member of the own team. */
  ownTeamVisits: number;
  /**
   * Distinct professionals met in the group's visits. The database reports 0, 1 or 2 for "two
   * or more": all that `figureScope` needs (decision 040).
   */
  professionals: number;
}

/** The instants a period covers: `start` inclusive, `end` exclusive. */
export interface ContinuityWindow {
  start: Date;
  end: Date;
}

const key = (...parts: unknown[]) => JSON.stringify(parts);

/** The cells and group facts of the realised visits of `window` (the definition the SQL follows). */
export function continuityCells(visits: readonly ContinuityVisit[], window: ContinuityWindow): { cells: ContinuityCell[]; groups: ContinuityGroupFacts[] } {
  const clients = new Map<string, { unit: string; profession: string; perProfessional: Map<string, number>; listed: boolean; own: number }>();
  const people = new Map<string, Set<string>>();
  for (const v of visits) {
    if (v.status !== 'fulfilled') continue;
    const at = v.visitAt.getTime();
    if (Number.isNaN(at) || at < window.start.getTime() || at >= window.end.getTime()) continue;
    const k = key(v.unit, v.profession, v.client);
    const c = clients.get(k) ?? { unit: v.unit, profession: v.profession, perProfessional: new Map<string, number>(), listed: false, own: 0 };
    c.perProfessional.set(v.practitioner, (c.perProfessional.get(v.practitioner) ?? 0) + 1);
    c.listed ||= v.clientHasOwnTeam;
    if (v.withOwnTeam) c.own += 1;
    clients.set(k, c);
    const g = key(v.unit, v.profession);
    people.set(g, (people.get(g) ?? new Set()).add(v.practitioner));
  }
  const cells = new Map<string, ContinuityCell>();
  const groups = new Map<string, ContinuityGroupFacts>();
  for (const c of clients.values()) {
    const counts = [...c.perProfessional.values()];
    const visitsN = counts.reduce((s, n) => s + n, 0);
    const cell: ContinuityCell = { unit: c.unit, profession: c.profession, visits: visitsN, sumOfSquares: counts.reduce((s, n) => s + n * n, 0), mostSeen: Math.max(...counts), clients: 1 };
    const ck = key(cell.unit, cell.profession, cell.visits, cell.sumOfSquares, cell.mostSeen);
    const existing = cells.get(ck);
    if (existing) existing.clients += 1;
    else cells.set(ck, cell);
    const gk = key(c.unit, c.profession);
    const group = groups.get(gk) ?? { unit: c.unit, profession: c.profession, listedVisits: 0, ownTeamVisits: 0, professionals: people.get(gk)?.size ?? 0 };
    if (visitsN >= MIN_VISITS_FOR_CONTINUITY && c.listed) {
      group.listedVisits += visitsN;
      group.ownTeamVisits += c.own;
    }
    groups.set(gk, group);
  }
  return { cells: [...cells.values()], groups: [...groups.values()] };
}

/** The published continuity figures of one unit and profession; null = hidden. */
export interface PublishedContinuityGroup {
  unit: string;
  profession: string;
  /** Clients with at least the minimum of visits (the ones the figures describe), rounded to 5; null under 5. */
  clients: number | null;
  /** Clients left out with fewer visits, rounded to 5; null under 5. */
  clientsWithFewerVisits: number | null;
  /** Realised visits of the counted clients, rounded to 5. */
  visits: number | null;
  /** Mean over the counted clients, two decimals; null when the clients are hidden. */
  meanUpc: number | null;
  meanCoci: number | null;
  /** Of the visits of counted clients who have an own professional or team, the share with them. */
  ownTeamShare: number | null;
  /** 'one-professional': everyone met the same person, so continuity is 1 by construction; labelled (decision 009). */
  scope: FigureScope;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * What may be published of each unit and profession (rules in `smallNumbers.ts`): counts hidden
 * under 5 and otherwise rounded to 5; the means only over at least 5 clients (a mean of five
 * clients is no one's own figure); the own-team share only when the visits with and without
 * the own team are both at least 5. Groups sorted by unit and profession; no total over groups.
 */
export function publishedContinuityGroups(
  cells: readonly ContinuityCell[],
  groups: readonly ContinuityGroupFacts[],
  options: DisclosureOptions = {},
): PublishedContinuityGroup[] {
  const byGroup = new Map<string, ContinuityCell[]>();
  for (const c of cells) {
    if (!Number.isSafeInteger(c.visits) || c.visits < 1 || !Number.isSafeInteger(c.clients) || c.clients < 1) throw new RangeError('continuity cell with invalid counts');
    const k = key(c.unit, c.profession);
    byGroup.set(k, [...(byGroup.get(k) ?? []), c]);
  }
  const facts = new Map(groups.map((g) => [key(g.unit, g.profession), g]));
  return [...byGroup.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, list]) => publishGroup(list, facts.get(k), options));
}

function publishGroup(cells: ContinuityCell[], facts: ContinuityGroupFacts | undefined, options: DisclosureOptions): PublishedContinuityGroup {
  const first = cells[0] as ContinuityCell;
  const counted = cells.filter((c) => c.visits >= MIN_VISITS_FOR_CONTINUITY);
  const sum = (list: ContinuityCell[], f: (c: ContinuityCell) => number) => list.reduce((s, c) => s + f(c) * c.clients, 0);
  const listed = facts?.listedVisits ?? 0;
  const own = facts?.ownTeamVisits ?? 0;
  const counts = {
    clients: sum(counted, () => 1),
    fewer: sum(cells.filter((c) => c.visits < MIN_VISITS_FOR_CONTINUITY), () => 1),
    visits: sum(counted, (c) => c.visits),
    listed,
    own,
    other: listed - own,
  };
  const { counts: shown } = publishCounts(
    {
      counts,
      // No total of clients (counted and left out) is published, so the two are not tied: a
      // small number left out hides only itself, not the figure.
      breakdowns: listed > 0 ? [{ total: 'listed', cells: ['own', 'other'] }] : [],
    },
    options,
  );
  const get = (k: keyof typeof counts) => shown[k] ?? null;
  const clients = get('clients');
  const mean = (f: (c: ContinuityCell) => number) => (clients === null ? null : round2(sum(counted, f) / counts.clients));
  return {
    unit: first.unit,
    profession: first.profession,
    clients,
    clientsWithFewerVisits: get('fewer'),
    visits: clients === null ? null : get('visits'),
    meanUpc: mean((c) => upcOf(c.visits, c.mostSeen)),
    meanCoci: mean((c) => cociOf(c.visits, c.sumOfSquares)),
    ownTeamShare: listed === 0 || get('other') === null ? null : publishedShare(get('own'), get('listed'), options),
    scope: figureScope(facts?.professionals ?? 0),
  };
}
