import type { Appointment } from '@medplum/fhirtypes';
import type { SqlExecutor } from '../db/database';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import { freeSlot } from './bookingSteps';
import { passContact } from './contactBooking';
import type { WaitListMatching } from './waitListMatching';

/**
 * What follows a visit cancelled, whichever way (the client or staff through the Appointment, a
 * professional recording it as not taking place with `$outcome`), in the transaction that
 * cancelled it: its Slot freed, its contact bookable again, its wait-list entry ended and the
 * freed time offered to those waiting for one (decision 007). The caller sends the offers'
 * e-mails after the commit (`WaitListMatching.afterCommit`).
 */
export async function followCancellation(store: ResourceStore, tx: SqlExecutor, appointment: Stored<Appointment>, waitList: WaitListMatching | undefined, now: Date): Promise<void> {
  for (const ref of appointment.slot ?? []) await freeSlot(store, tx, ref.reference?.replace('Slot/', '') ?? '');
  await passContact(store, tx, appointment, undefined);
  await waitList?.visitCancelled(tx, appointment, now);
}
