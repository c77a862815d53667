/**
 * Waiting time to a realised visit (pure). Decision record: docs/decisions/018-access-measure-definitions.md.
 *
 * As THL measures access ("Hoitoonpääsy perusterveydenhuollossa", DOMAIN.md §3.2): the wait
 * runs from the professional's **need assessment** to the **realised visit**, in whole
 * Helsinki calendar days (assessed on Monday, seen on Tuesday: 1 day).
 *
 * - Only realised visits count (Appointment `fulfilled`): a cancelled visit or one the client
 *   did not come to (`noshow`) is no visit, and the time the client then waits for the next
 *   one is counted on that next visit.
 * - A visit belongs to the period in which it took place (its start, Helsinki days).
 * - Every booking path counts: a visit booked in client guidance, by the team the contact was
 *   routed to, or by the resident. The start is the assessment of the contact the visit was
 *   booked for. A visit without an assessment (self-booked, or a follow-up booked by a
 *   professional without a contact) has no assessed need to count from: it is counted from the
 *   moment it was booked, in a group of its own (`urgency` {@link NO_ASSESSMENT}), never mixed
 *   with assessed visits and outside the shares within limits (no limit was set for it).
 * - An assessment recorded after the visit started (a contact closed afterwards) counts 0 days.
 * - Shares within the law's and the region's limit are separate: each is over the visits that
 *   have such a limit, and a visit is within when it started at or before the limit's instant.
 *
 * The server computes the same cells in SQL (`storage/visitWaitFigures.ts`); {@link visitWaitCells}
 * is the definition it follows, and the unit tests pin it down.
 */
import { calendarDaysBetween } from './calendarSpan';
import { toHelsinkiDate } from './helsinkiTime';
import { percentileOfCounts } from './accessMeasures';
import { publishCounts, publishedShare, quantileOfCountsIsPublishable, type DisclosureOptions } from './smallNumbers';
import { figureScope, type FigureScope } from './teamFigures';

/** The urgency group of visits counted without a need assessment (from their booking). */
export const NO_ASSESSMENT = 'no-assessment';

/** One booked visit as the measure sees it. */
export interface VisitRecord {
  /** Appointment.status: only `fulfilled` counts. */
  status: string;
  /** When the visit started (Appointment.start). */
  visitAt: Date;
  /** When it was booked (Appointment.created): the start for a visit without an assessment. */
  bookedAt: Date;
  /** The need assessment of the contact it was booked for; none for a self-booked visit. */
  assessedAt?: Date;
  /** The assessed urgency. */
  urgency?: string;
  legalDeadline?: Date;
  regionalDeadline?: Date;
  /** `Location/<id>` where the visit took place. */
  unit: string;
  profession: string;
  /** `Practitioner/<id>` met. */
  practitioner: string;
}

/** Visits alike in everything the figures count, and how many there are. */
export interface WaitCell {
  unit: string;
  profession: string;
  /** Assessed urgency, or {@link NO_ASSESSMENT}. */
  urgency: string;
  days: number;
  /** null: no such limit for these visits. */
  withinLegal: boolean | null;
  withinRegional: boolean | null;
  n: number;
}

/** A group's distinct professionals (for whose work the figure is, decision 009). */
export interface WaitGroupProfessionals {
  unit: string;
  profession: string;
  urgency: string;
  professionals: number;
}

/** The instants a period covers: `start` inclusive, `end` exclusive. */
export interface Window {
  start: Date;
  end: Date;
}

const within = (visitAt: Date, limit: Date | undefined) => (limit === undefined ? null : visitAt.getTime() <= limit.getTime());

/** The cells of the realised visits of `window` (the definition the SQL follows). */
export function visitWaitCells(visits: readonly VisitRecord[], window: Window): { cells: WaitCell[]; professionals: WaitGroupProfessionals[] } {
  const cells = new Map<string, WaitCell>();
  const people = new Map<string, { group: Omit<WaitGroupProfessionals, 'professionals'>; who: Set<string> }>();
  for (const v of visits) {
    if (v.status !== 'fulfilled') continue;
    const at = v.visitAt.getTime();
    if (Number.isNaN(at) || at < window.start.getTime() || at >= window.end.getTime()) continue;
    const assessed = v.assessedAt !== undefined && !Number.isNaN(v.assessedAt.getTime());
    const from = assessed ? (v.assessedAt as Date) : v.bookedAt;
    const days = Math.max(0, calendarDaysBetween(toHelsinkiDate(from), toHelsinkiDate(v.visitAt)));
    const urgency = assessed ? (v.urgency ?? 'unknown') : NO_ASSESSMENT;
    const cell: WaitCell = {
      unit: v.unit,
      profession: v.profession,
      urgency,
      days,
      withinLegal: assessed ? within(v.visitAt, v.legalDeadline) : null,
      withinRegional: assessed ? within(v.visitAt, v.regionalDeadline) : null,
      n: 1,
    };
    const key = JSON.stringify([cell.unit, cell.profession, cell.urgency, cell.days, cell.withinLegal, cell.withinRegional]);
    const existing = cells.get(key);
    if (existing) existing.n += 1;
    else cells.set(key, cell);
    const groupKey = JSON.stringify([cell.unit, cell.profession, cell.urgency]);
    const group = people.get(groupKey) ?? { group: { unit: cell.unit, profession: cell.profession, urgency }, who: new Set<string>() };
    group.who.add(v.practitioner);
    people.set(groupKey, group);
  }
  return { cells: [...cells.values()], professionals: [...people.values()].map((p) => ({ ...p.group, professionals: p.who.size })) };
}

/** The published waiting-time figures of one unit, profession and urgency; null = hidden. */
export interface PublishedWaitGroup {
  unit: string;
  profession: string;
  urgency: string;
  /** Realised visits, rounded to 5; null under 5. */
  visits: number | null;
  medianDays: number | null;
  /** Nearest-rank 90th percentile. */
  p90Days: number | null;
  /** Of the visits with a limit set by law, the share realised within it. */
  withinLegalShare: number | null;
  /** Of the visits with the region's own limit, the share realised within it. */
  withinRegionalShare: number | null;
  /** Whose visits: 'one-professional' is labelled, not passed off as the unit's (decision 009). */
  scope: FigureScope;
}

const groupKey = (c: { unit: string; profession: string; urgency: string }) => JSON.stringify([c.unit, c.profession, c.urgency]);

/**
 * What may be published of each group (rules in `smallNumbers.ts`): the number of visits hidden
 * under 5 and otherwise rounded to 5; the median and the 90th percentile only when at least 5
 * visits lie at or below and at or above them; each share only when the visits kept within the
 * limit and those not are both at least 5, from rounded counts. Groups are sorted by unit,
 * profession and urgency. There is no total over groups, so no hidden group can be worked out
 * by subtraction.
 */
export function publishedWaitGroups(cells: readonly WaitCell[], professionals: readonly WaitGroupProfessionals[], options: DisclosureOptions = {}): PublishedWaitGroup[] {
  const groups = new Map<string, WaitCell[]>();
  for (const c of cells) groups.set(groupKey(c), [...(groups.get(groupKey(c)) ?? []), c]);
  const people = new Map(professionals.map((p) => [groupKey(p), p.professionals]));
  return [...groups.values()]
    .map((list) => publishGroup(list, people.get(groupKey(list[0] as WaitCell)) ?? 0, options))
    .sort((a, b) => (groupKey(a) < groupKey(b) ? -1 : groupKey(a) > groupKey(b) ? 1 : 0));
}

function publishGroup(cells: WaitCell[], professionals: number, options: DisclosureOptions): PublishedWaitGroup {
  const first = cells[0] as WaitCell;
  // Days waited as counted values: a region's year is a few hundred cells of up to 600 000 visits.
  const days = cells.map((c) => ({ value: c.days, n: c.n }));
  const sum = (keep: (c: WaitCell) => boolean) => cells.reduce((s, c) => (keep(c) ? s + c.n : s), 0);
  const counts = {
    visits: sum(() => true),
    legal: sum((c) => c.withinLegal !== null),
    legalWithin: sum((c) => c.withinLegal === true),
    legalLate: sum((c) => c.withinLegal === false),
    legalNone: sum((c) => c.withinLegal === null),
    regional: sum((c) => c.withinRegional !== null),
    regionalWithin: sum((c) => c.withinRegional === true),
    regionalLate: sum((c) => c.withinRegional === false),
    regionalNone: sum((c) => c.withinRegional === null),
  };
  const { counts: shown } = publishCounts(
    {
      counts,
      // A kind of limit none of the group's visits has adds nothing to protect (no share is shown).
      breakdowns: [
        ...(counts.legal > 0 ? [{ total: 'visits', cells: ['legal', 'legalNone'] }, { total: 'legal', cells: ['legalWithin', 'legalLate'] }] : []),
        ...(counts.regional > 0 ? [{ total: 'visits', cells: ['regional', 'regionalNone'] }, { total: 'regional', cells: ['regionalWithin', 'regionalLate'] }] : []),
      ],
      // Which visits have no limit of a kind follows from the service (a social-welfare visit
      // has no care-guarantee limit): assumed known, so a small number of them hides nothing.
      unpublished: ['legalNone', 'regionalNone'],
    },
    options,
  );
  const get = (k: keyof typeof counts) => shown[k] ?? null;
  const quantile = (q: number | null) => (get('visits') !== null && quantileOfCountsIsPublishable(days, q, options) ? q : null);
  return {
    unit: first.unit,
    profession: first.profession,
    urgency: first.urgency,
    visits: get('visits'),
    medianDays: quantile(percentileOfCounts(days, 50)),
    p90Days: quantile(percentileOfCounts(days, 90)),
    // A share also needs its other part published, or it would reveal that part.
    withinLegalShare: counts.legal === 0 || get('legalLate') === null ? null : publishedShare(get('legalWithin'), get('legal'), options),
    withinRegionalShare: counts.regional === 0 || get('regionalLate') === null ? null : publishedShare(get('regionalWithin'), get('regional'), options),
    scope: figureScope(professionals),
  };
}
