/**
 * Plan reviews in the responsible worker's queue: a review date coming within the lead days
 * becomes one Task (code care-plan-review, owner the responsible worker, deadline the review
 * day, identifier `CarePlan/…|date`). Whoever looks first makes it (a plan's write, a queue
 * read of any process); a database lock and the identifier make it exactly once.
 */
import type { CarePlan, Task } from '@medplum/fhirtypes';
import { addCalendarDays, CARE_PLAN, dueReviews, helsinkiEndOfDay, OVI_FHIR_BASE, SYSTEMS, toHelsinkiDate } from '@ovi/domain';
import type { Database, SqlExecutor } from '../db/database';
import type { ResourceStore } from '../storage/resourceStore';
import { existingReviewTasks, lockPlanReviews, plansWithReviewsDue } from '../storage/carePlanReads';
import { inRegister } from '../access/registerLabels';
import { practitionerQualifications } from '../access/qualifications';

export const REVIEW_IDENTIFIER_SYSTEM = `${OVI_FHIR_BASE}/sid/care-plan-review`;

interface Due {
  plan: CarePlan & { id: string };
  date: string;
  key: string;
}

const keyOf = (plan: string, date: string) => `CarePlan/${plan}|${date}`;

async function missingReviews(db: SqlExecutor, until: string, only?: string): Promise<Due[]> {
  const plans = (await plansWithReviewsDue(db, until)).filter((p) => !only || p.id === only);
  const due = plans.flatMap((plan) => dueReviews((plan.extension ?? []).filter((e) => e.url === CARE_PLAN.reviewDateExtension).map((e) => e.valueDate ?? ''), until).map((date) => ({ plan, date, key: keyOf(plan.id, date) })));
  const existing = await existingReviewTasks(db, due.map((d) => d.key));
  return due.filter((d) => !existing.has(d.key));
}

/** Makes the review Tasks now due (optionally of one plan); returns how many were made. */
export async function raiseDueReviews(db: Database, store: ResourceStore, now: Date, leadDays: number, only?: string): Promise<number> {
  const until = addCalendarDays(toHelsinkiDate(now), leadDays);
  // Read without the lock first: a queue read with nothing due takes no lock at all.
  const candidates = await missingReviews(db, until, only);
  if (candidates.length === 0) return 0;
  // Built before the transaction: inside it only `tx` may be used (PGlite has one connection).
  const tasks = new Map(await Promise.all(candidates.map(async (d) => [d.key, await reviewTask(store, d, now)] as const)));
  return db.transaction(async (tx) => {
    await lockPlanReviews(tx);
    const missing = (await missingReviews(tx, until, only)).filter((d) => tasks.has(d.key));
    for (const d of missing) await store.create(tasks.get(d.key)!, { tx });
    return missing.length;
  });
}

async function reviewTask(store: ResourceStore, { plan, date, key }: Due, now: Date): Promise<Task> {
  const worker = plan.author?.reference ?? '';
  const q = await practitionerQualifications(store, worker);
  const task: Task = {
    resourceType: 'Task',
    identifier: [{ system: REVIEW_IDENTIFIER_SYSTEM, value: key }],
    status: 'ready',
    intent: 'order',
    priority: 'routine',
    code: { coding: [{ system: SYSTEMS.taskCode, code: CARE_PLAN.reviewTask, display: 'Review of the shared client plan' }] },
    description: `Review the shared plan “${plan.title ?? ''}” with the client by ${date}`,
    for: { reference: plan.subject?.reference ?? '' },
    focus: { reference: `CarePlan/${plan.id}` },
    owner: { reference: worker },
    authoredOn: now.toISOString(),
    restriction: { period: { end: helsinkiEndOfDay(date).toISOString() } },
  };
  // The review Task is in the responsible worker's register (a social worker's in the social-welfare register).
  return inRegister(task, !q.health && q.social ? 'social' : 'health');
}
