import { T3_CAP_DAYS, figureScope, publishedWaitGroups, t3ForUnit, type FigureScope, type PublishedWaitGroup } from '@ovi/domain';
import type { ResourceStore } from '../storage/resourceStore';
import type { SchedulingSettings } from './schedulingSettings';
import { now as clockNow } from '../time/clock';

export interface T3Row {
  unit: string;
  unitName?: string;
  profession: string;
  t3Days: number;
  professionals: number;
  /** Of `professionals`, those with fewer than three free times in the horizon (none included), counted at the cap. */
  atCap: number;
  scope: FigureScope;
}

export interface AccessReport {
  measuredAt: string;
  /** The horizon T3 looks at, and the value a professional without three free times in it counts with. */
  t3CapDays: number;
  /**
   * Per unit and profession. `scope` 'one-professional': the unit has one such professional,
   * so the figure is that person's T3, not a unit median; shown, labelled so (decision 009).
   */
  t3?: T3Row[];
  /** Waits to the visits realised in the period, per unit, profession and urgency (decision 018). */
  waiting?: Array<PublishedWaitGroup & { unitName?: string }>;
}

/** The two parts of the report; a page that shows one asks for it alone, so nothing is computed twice. */
export const ACCESS_PARTS = ['t3', 'waiting'] as const;
export type AccessPart = (typeof ACCESS_PARTS)[number];

/** The visits whose waits are counted: those realised (started) at or after `start` and before `end`. */
export interface WaitWindow {
  start: Date;
  end: Date;
}

/**
 * Access as managers see it (definitions: decision 018; disclosure: `smallNumbers.ts`).
 *
 * - t3: per unit and profession, the median over the unit's professionals of the days to each
 *   one's third free non-urgent time, measured now. Every professional with non-urgent booking
 *   time in the horizon counts, also one whose every time is booked: with fewer than three
 *   free times they count with the cap (182 days), and `atCap` says how many did. It counts
 *   free times in calendars, not clients, so it is shown as THL measures it; a unit with one
 *   professional of a profession gets that person's T3, marked as such (decision 009).
 * - waiting: per unit, profession and urgency, the whole Helsinki days from the need
 *   assessment to the realised visit of the visits realised in the period (cancelled and
 *   not-come visits left out), median and 90th percentile, and the shares within the law's
 *   and the region's limit separately; visits without an assessment counted from their
 *   booking in a group of their own. Small groups hidden, counts rounded (`visitWaits.ts`).
 */
export async function accessReport(
  store: ResourceStore,
  settings: SchedulingSettings,
  window: WaitWindow,
  now = clockNow(),
  parts: readonly AccessPart[] = ACCESS_PARTS,
): Promise<AccessReport> {
  const names = new Map<string, string | undefined>();
  const [t3, waiting] = await Promise.all([
    parts.includes('t3') ? t3Rows(store, settings, now, names) : undefined,
    parts.includes('waiting') ? waitingGroups(store, window, names) : undefined,
  ]);
  return { measuredAt: now.toISOString(), t3CapDays: T3_CAP_DAYS, ...(t3 && { t3 }), ...(waiting && { waiting }) };
}

/** T3 per unit and profession, measured at `now`; notes the units' names in `names`. */
async function t3Rows(store: ResourceStore, settings: SchedulingSettings, now: Date, names: Map<string, string | undefined>): Promise<T3Row[]> {
  const visitTypes = (await settings.visitTypes()).filter((v) => v.nonUrgent).map((v) => v.code);
  const calendars = await store.t3Calendars({ from: now, to: new Date(now.getTime() + T3_CAP_DAYS * 86_400_000), visitTypes });
  const units = new Map<string, { name?: string; professionals: Array<{ practitioner: string; profession: string; freeSlotStarts: Date[] }> }>();
  for (const c of calendars) {
    const key = c.unit ?? 'unknown';
    const unit = units.get(key) ?? { name: c.unitName, professionals: [] };
    unit.professionals.push({ practitioner: c.practitioner, profession: c.profession, freeSlotStarts: c.freeStarts });
    units.set(key, unit);
  }
  for (const [unit, { name }] of units) names.set(unit, name);
  return [...units.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([unit, { name, professionals }]) =>
      t3ForUnit(professionals, now).map((p) => ({ unit, unitName: name, profession: p.profession, t3Days: p.t3, professionals: p.professionals, atCap: p.atCap, scope: figureScope(p.professionals) })),
    );
}

/** The published waits of the visits realised in `window`, each with its unit's name. */
async function waitingGroups(store: ResourceStore, window: WaitWindow, names: Map<string, string | undefined>): Promise<Array<PublishedWaitGroup & { unitName?: string }>> {
  const waits = await store.realisedVisitWaits(window);
  return Promise.all(publishedWaitGroups(waits.cells, waits.professionals).map(async (g) => ({ ...g, ...(await unitName(store, g.unit, names)) })));
}

/** The unit's name (the Location's or the Organization's) for a figure's `unit`, looked up once per report. */
export async function unitName(store: ResourceStore, unit: string, known: Map<string, string | undefined>): Promise<{ unitName?: string }> {
  const [type, id] = unit.split('/');
  if (!known.has(unit) && (type === 'Location' || type === 'Organization') && id) {
    const named = await store.readOptional<{ resourceType: 'Location' | 'Organization'; name?: string }>(type, id);
    known.set(unit, named?.name);
  }
  const name = known.get(unit);
  return name ? { unitName: name } : {};
}
