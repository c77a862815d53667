import { randomUUID } from 'node:crypto';
import type { Appointment } from '@medplum/fhirtypes';
import { WAIT_LIST_EXTENSION, defaultWaitListRules, planOffers, type WaitListRules } from '@ovi/domain';
import type { ResourceStore } from '../storage/resourceStore';
import type { SqlExecutor } from '../db/database';
import { endEntry, followMove, freedTimes, insertOffers, openPairs, slotsTaken, waitingClients, waitListSettings } from '../storage/waitListStore';
import type { OfferNotifier } from '../notifications/offerNotifier';
import { defaultBookingRules } from './schedulingSettings';

/**
 * The wait list's part of every transaction that frees or takes a time: a cancellation, a
 * move, an accepted offer, a template opening new times. The freed times are offered to the
 * waiting clients who fit in that same transaction (so no process has to notice them later,
 * and a rolled-back change offers nothing); the e-mails go after the commit, claimed through
 * the database so that each is sent once by whichever process gets there first.
 */
export class WaitListMatching {
  constructor(
    private readonly store: ResourceStore,
    private readonly notifier: OfferNotifier,
  ) {}

  /** The rules, read in `tx` (a transaction may use nothing else). */
  async rules(tx: SqlExecutor): Promise<WaitListRules> {
    const stored = await waitListSettings(tx);
    return {
      noticeHours: stored.noticeHours ?? defaultBookingRules.cancelNoticeHours,
      offerHours: stored.offerHours ?? defaultWaitListRules.offerHours,
      maxOffersEach: stored.maxOffersEach ?? defaultWaitListRules.maxOffersEach,
    };
  }

  /** Offers freed times (slot ids) to everyone who fits; returns how many offers were made. */
  async slotsFreed(tx: SqlExecutor, slotIds: string[], now: Date): Promise<number> {
    const times = await freedTimes(tx, slotIds);
    if (times.length === 0) return 0;
    const earliest = new Date(Math.min(...times.map((t) => t.start.getTime())));
    const clients = await waitingClients(tx, [...new Set(times.map((t) => t.visitType))], earliest);
    if (clients.length === 0) return 0;
    const planned = planOffers(clients, times, now, await this.rules(tx), await openPairs(tx, times.map((t) => t.slot), now));
    const entries = new Map(clients.map((c) => [c.appointment, c.entry]));
    await insertOffers(
      tx,
      planned.flatMap((p) => {
        const entry = entries.get(p.appointment);
        return entry ? [{ id: randomUUID(), entry, slotId: p.slot, expiresAt: p.expiresAt }] : [];
      }),
      now,
    );
    return planned.length;
  }

  /** A visit cancelled: its entry ends, and its time is offered to others. */
  async visitCancelled(tx: SqlExecutor, appointment: Appointment, now: Date): Promise<void> {
    await endEntry(tx, appointment.id ?? '', now);
    await this.slotsFreed(tx, slotIdsOf(appointment), now);
  }

  /** A visit moved with $move: the entry follows it, the new time's offers are taken, the old time is offered. */
  async visitMoved(tx: SqlExecutor, from: Appointment, to: Appointment & { id: string }, now: Date): Promise<void> {
    if (await followMove(tx, from.id ?? '', to.id, new Date(to.start ?? ''), now)) await markWaiting(this.store, tx, to.id, true);
    await slotsTaken(tx, slotIdsOf(to), now);
    await this.slotsFreed(tx, slotIdsOf(from), now);
  }

  /** A time booked: offers of it still open are taken. */
  async slotBooked(tx: SqlExecutor, slotId: string, now: Date): Promise<void> {
    await slotsTaken(tx, [slotId], now);
  }

  /** After a commit that may have made offers: their e-mails (fire and forget). */
  afterCommit(): void {
    this.notifier.sendPending();
  }
}

/**
 * Marks a booked visit as waiting for an earlier time (or no longer), so that staff reading the
 * Appointment see it (extension wait-list). In `tx`, after the caller's other locks.
 */
export async function markWaiting(store: ResourceStore, tx: SqlExecutor, appointmentId: string, waiting: boolean): Promise<void> {
  await store.update<Appointment>(
    'Appointment',
    appointmentId,
    (current) => {
      const rest = (current.extension ?? []).filter((e) => e.url !== WAIT_LIST_EXTENSION);
      const extension = waiting ? [...rest, { url: WAIT_LIST_EXTENSION, valueBoolean: true }] : rest;
      const { extension: _old, ...without } = current;
      return extension.length > 0 ? { ...without, extension } : without;
    },
    { tx },
  );
}

export const slotIdsOf = (appointment: Appointment): string[] => (appointment.slot ?? []).map((s) => s.reference?.replace('Slot/', '') ?? '').filter(Boolean);
