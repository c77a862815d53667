/**
 * The wait list's tables (migration 013): entries, offers, and the freed times and waiting
 * clients the matching reads. Every function takes the executor it must use: inside a booking,
 * cancelling or moving transaction that is its `tx`, so offers are made in the same
 * transaction that frees a time, whichever server process runs it.
 */
import type { FreedTime, WaitingClient, WaitWindow } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';

export interface EntryRow {
  appointmentId: string;
  /** `Patient/<id>` */
  patient: string;
  /** `Patient/<id>` of who joined (the client, or a guardian or representative). */
  joinedBy: string;
  visitType: string;
  profession?: string;
  location?: string;
  currentStart: Date;
  window: WaitWindow;
  joinedAt: Date;
}

export interface OfferRow {
  id: string;
  appointmentId: string;
  slotId: string;
  patient: string;
  joinedBy: string;
  offeredAt: Date;
  expiresAt: Date;
  status: 'open' | 'accepted' | 'taken' | 'withdrawn';
}

/** An offer with the time it offers, as the resident's list shows it. */
export interface OfferedTime extends OfferRow {
  start: Date;
  end: Date;
  /** Schedule actors (Practitioner, Location references with display). */
  actors: Array<{ reference?: string; display?: string }>;
}

type Raw = Record<string, unknown>;
const date = (v: unknown) => new Date(v as string);
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const patientRef = (id: unknown) => `Patient/${String(id)}`;
const bare = (ref: string) => ref.replace(/^[A-Za-z]+\//, '');

function toEntry(r: Raw): EntryRow {
  const window: WaitWindow = {};
  if (text(r.not_before)) window.notBefore = text(r.not_before);
  if (text(r.not_after)) window.notAfter = text(r.not_after);
  if (r.weekdays_only === true) window.weekdaysOnly = true;
  return {
    appointmentId: String(r.appointment_id),
    patient: patientRef(r.patient_id),
    joinedBy: String(r.joined_by),
    visitType: String(r.visit_type),
    ...(text(r.profession) ? { profession: text(r.profession) } : {}),
    ...(text(r.location) ? { location: text(r.location) } : {}),
    currentStart: date(r.current_start),
    window,
    joinedAt: date(r.joined_at),
  };
}

function toOffer(r: Raw): OfferRow {
  return {
    id: String(r.id),
    appointmentId: String(r.appointment_id),
    slotId: String(r.slot_id),
    patient: patientRef(r.patient_id),
    joinedBy: String(r.joined_by),
    offeredAt: date(r.offered_at),
    expiresAt: date(r.expires_at),
    status: r.status as OfferRow['status'],
  };
}

const ENTRY_COLUMNS = 'appointment_id, patient_id, joined_by, visit_type, profession, location, current_start, not_before, not_after, weekdays_only, joined_at';
const OFFER_COLUMNS = 'id, appointment_id, slot_id, patient_id, joined_by, offered_at, expires_at, status';
/** The entry's visit must still be booked: a cancelled or moved visit waits for nothing. */
const STILL_BOOKED = `EXISTS (SELECT 1 FROM resource a WHERE a.resource_type = 'Appointment' AND a.id = e.appointment_id AND a.content->>'status' = 'booked')`;

/** Joins, or changes the window of an entry already there (its place in the order is kept). */
export async function saveEntry(db: SqlExecutor, entry: EntryRow): Promise<void> {
  await db.query(
    `INSERT INTO wait_list_entry (${ENTRY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (appointment_id) DO UPDATE SET not_before = EXCLUDED.not_before, not_after = EXCLUDED.not_after, weekdays_only = EXCLUDED.weekdays_only, joined_by = EXCLUDED.joined_by`,
    [
      entry.appointmentId,
      bare(entry.patient),
      entry.joinedBy,
      entry.visitType,
      entry.profession ?? null,
      entry.location ?? null,
      entry.currentStart.toISOString(),
      entry.window.notBefore ?? null,
      entry.window.notAfter ?? null,
      entry.window.weekdaysOnly === true,
      entry.joinedAt.toISOString(),
    ],
  );
}

export async function entryOf(db: SqlExecutor, appointmentId: string): Promise<EntryRow | undefined> {
  const r = await db.query<Raw>(`SELECT ${ENTRY_COLUMNS} FROM wait_list_entry WHERE appointment_id = $1`, [appointmentId]);
  return r.rows[0] ? toEntry(r.rows[0]) : undefined;
}

/** The live entries of these clients: their visit still booked and not yet started. */
export async function entriesOf(db: SqlExecutor, patients: string[], now: Date): Promise<EntryRow[]> {
  const r = await db.query<Raw>(
    `SELECT ${ENTRY_COLUMNS} FROM wait_list_entry e WHERE e.patient_id = ANY($1::text[]) AND e.current_start > $2 AND ${STILL_BOOKED} ORDER BY e.current_start, e.appointment_id`,
    [patients.map(bare), now.toISOString()],
  );
  return r.rows.map(toEntry);
}

/** Which of these visits are on the wait list (for the staff's view). */
export async function waitingAppointments(db: SqlExecutor, appointmentIds: string[]): Promise<Set<string>> {
  if (appointmentIds.length === 0) return new Set();
  const r = await db.query<{ appointment_id: string }>('SELECT appointment_id FROM wait_list_entry WHERE appointment_id = ANY($1::text[])', [appointmentIds]);
  return new Set(r.rows.map((row) => row.appointment_id));
}

/** The entry ends (left, cancelled or given an earlier time): its open offers are withdrawn. */
export async function endEntry(tx: SqlExecutor, appointmentId: string, now: Date, keepOffer?: string): Promise<boolean> {
  await tx.query(`UPDATE wait_list_offer SET status = 'withdrawn', decided_at = $2 WHERE appointment_id = $1 AND status = 'open' AND id <> $3`, [
    appointmentId,
    now.toISOString(),
    keepOffer ?? '',
  ]);
  const r = await tx.query('DELETE FROM wait_list_entry WHERE appointment_id = $1', [appointmentId]);
  return r.rowCount > 0;
}

/** The visit was moved by other means: the entry follows it to the new time; offers for the old one end. */
export async function followMove(tx: SqlExecutor, fromId: string, toId: string, newStart: Date, now: Date): Promise<boolean> {
  await tx.query(`UPDATE wait_list_offer SET status = 'withdrawn', decided_at = $2 WHERE appointment_id = $1 AND status = 'open'`, [fromId, now.toISOString()]);
  const r = await tx.query('UPDATE wait_list_entry SET appointment_id = $2, current_start = $3 WHERE appointment_id = $1', [fromId, toId, newStart.toISOString()]);
  return r.rowCount > 0;
}

/** Free times among `slotIds` with their kind: visit type, and the Schedule's profession and unit. */
export async function freedTimes(tx: SqlExecutor, slotIds: string[]): Promise<FreedTime[]> {
  if (slotIds.length === 0) return [];
  const r = await tx.query<Raw>(
    `SELECT sa.slot_id, sa.start_at, sa.end_at, sa.visit_type,
            s.content #>> '{specialty,0,coding,0,code}' AS profession,
            (SELECT x->>'reference' FROM jsonb_array_elements(s.content->'actor') x WHERE x->>'reference' LIKE 'Location/%' LIMIT 1) AS location
       FROM slot_availability sa JOIN resource s ON s.resource_type = 'Schedule' AND s.id = sa.schedule_id
      WHERE sa.slot_id = ANY($1::text[]) AND sa.status = 'free' AND COALESCE(s.content->>'active', 'true') = 'true'`,
    [slotIds],
  );
  return r.rows.map((row) => ({
    slot: String(row.slot_id),
    start: date(row.start_at),
    end: date(row.end_at),
    visitType: String(row.visit_type),
    ...(text(row.profession) ? { profession: text(row.profession) } : {}),
    ...(text(row.location) ? { location: text(row.location) } : {}),
  }));
}

/** Clients waiting for a visit of one of these types that starts after `earliest`, their visit still booked. */
export async function waitingClients(tx: SqlExecutor, visitTypes: string[], earliest: Date): Promise<Array<WaitingClient & { entry: EntryRow }>> {
  if (visitTypes.length === 0) return [];
  const r = await tx.query<Raw>(
    `SELECT ${ENTRY_COLUMNS} FROM wait_list_entry e WHERE e.visit_type = ANY($1::text[]) AND e.current_start > $2 AND ${STILL_BOOKED}`,
    [visitTypes, earliest.toISOString()],
  );
  return r.rows.map(toEntry).map((entry) => ({
    appointment: entry.appointmentId,
    currentStart: entry.currentStart,
    joinedAt: entry.joinedAt,
    window: entry.window,
    visitType: entry.visitType,
    ...(entry.profession ? { profession: entry.profession } : {}),
    ...(entry.location ? { location: entry.location } : {}),
    entry,
  }));
}

/** Pairs "appointment slot" offered and still open, so a freeing never offers one twice. */
export async function openPairs(tx: SqlExecutor, slotIds: string[], now: Date): Promise<Set<string>> {
  const r = await tx.query<{ appointment_id: string; slot_id: string }>(
    `SELECT appointment_id, slot_id FROM wait_list_offer WHERE slot_id = ANY($1::text[]) AND status = 'open' AND expires_at > $2`,
    [slotIds, now.toISOString()],
  );
  return new Set(r.rows.map((row) => `${row.appointment_id} ${row.slot_id}`));
}

/** Stores new offers; an earlier, closed or expired offer of the same time to the same visit opens again. */
export async function insertOffers(tx: SqlExecutor, offers: Array<{ id: string; entry: EntryRow; slotId: string; expiresAt: Date }>, now: Date): Promise<void> {
  if (offers.length === 0) return;
  await tx.query(
    `INSERT INTO wait_list_offer (${OFFER_COLUMNS})
     SELECT i, a, s, p, j, $6, x, 'open' FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $7::timestamptz[]) AS t(i, a, s, p, j, x)
     ON CONFLICT (appointment_id, slot_id) DO UPDATE SET status = 'open', offered_at = EXCLUDED.offered_at, expires_at = EXCLUDED.expires_at, notified_at = NULL, decided_at = NULL
      WHERE wait_list_offer.status <> 'open' OR wait_list_offer.expires_at <= EXCLUDED.offered_at`,
    [
      offers.map((o) => o.id),
      offers.map((o) => o.entry.appointmentId),
      offers.map((o) => o.slotId),
      offers.map((o) => bare(o.entry.patient)),
      offers.map((o) => o.entry.joinedBy),
      now.toISOString(),
      offers.map((o) => o.expiresAt.toISOString()),
    ],
  );
}

export async function offerById(db: SqlExecutor, id: string): Promise<OfferRow | undefined> {
  const r = await db.query<Raw>(`SELECT ${OFFER_COLUMNS} FROM wait_list_offer WHERE id = $1`, [id]);
  return r.rows[0] ? toOffer(r.rows[0]) : undefined;
}

/**
 * In the accepting transaction: this offer is accepted if it is still open and unexpired
 * (false otherwise: the caller rolls back), and every other open offer of the time is taken.
 */
export async function settleSlot(tx: SqlExecutor, slotId: string, winner: string, now: Date): Promise<boolean> {
  const won = await tx.query(`UPDATE wait_list_offer SET status = 'accepted', decided_at = $2 WHERE id = $1 AND status = 'open' AND expires_at > $2`, [winner, now.toISOString()]);
  if (won.rowCount === 0) return false;
  await tx.query(`UPDATE wait_list_offer SET status = 'taken', decided_at = $2 WHERE slot_id = $1 AND status = 'open'`, [slotId, now.toISOString()]);
  return true;
}

/** A time booked by other means: its open offers are taken. */
export async function slotsTaken(tx: SqlExecutor, slotIds: string[], now: Date): Promise<void> {
  if (slotIds.length === 0) return;
  await tx.query(`UPDATE wait_list_offer SET status = 'taken', decided_at = $2 WHERE slot_id = ANY($1::text[]) AND status = 'open'`, [slotIds, now.toISOString()]);
}

/** Open, unexpired offers to these clients whose time is still free, earliest time first. */
export async function openOffersOf(db: SqlExecutor, patients: string[], now: Date): Promise<OfferedTime[]> {
  const r = await db.query<Raw>(
    `SELECT o.id, o.appointment_id, o.slot_id, o.patient_id, o.joined_by, o.offered_at, o.expires_at, o.status, sa.start_at, sa.end_at, s.content->'actor' AS actors
       FROM wait_list_offer o
       JOIN slot_availability sa ON sa.slot_id = o.slot_id AND sa.status = 'free'
       JOIN resource s ON s.resource_type = 'Schedule' AND s.id = sa.schedule_id
      WHERE o.patient_id = ANY($1::text[]) AND o.status = 'open' AND o.expires_at > $2 AND sa.start_at > $2
      ORDER BY sa.start_at, o.id`,
    [patients.map(bare), now.toISOString()],
  );
  return r.rows.map((row) => ({ ...toOffer(row), start: date(row.start_at), end: date(row.end_at), actors: (row.actors as OfferedTime['actors'] | null) ?? [] }));
}

/**
 * Claims the e-mails of offers not yet sent (any process may run this; each offer is claimed
 * once): open, unexpired offers whose time is still free.
 */
export async function claimUnsentOffers(db: SqlExecutor, now: Date): Promise<OfferedTime[]> {
  const r = await db.query<Raw>(
    `UPDATE wait_list_offer o SET notified_at = $1
       FROM slot_availability sa JOIN resource s ON s.resource_type = 'Schedule' AND s.id = sa.schedule_id
      WHERE sa.slot_id = o.slot_id AND sa.status = 'free' AND o.notified_at IS NULL AND o.status = 'open' AND o.expires_at > $1
      RETURNING o.id, o.appointment_id, o.slot_id, o.patient_id, o.joined_by, o.offered_at, o.expires_at, o.status, sa.start_at, sa.end_at, s.content->'actor' AS actors`,
    [now.toISOString()],
  );
  return r.rows.map((row) => ({ ...toOffer(row), start: date(row.start_at), end: date(row.end_at), actors: (row.actors as OfferedTime['actors'] | null) ?? [] }));
}

/** The wait list's rules as stored in the settings (read in `tx`, so that a transaction needs nothing else). */
export async function waitListSettings(tx: SqlExecutor): Promise<{ noticeHours?: number; offerHours?: number; maxOffersEach?: number }> {
  const r = await tx.query<{ name: string; value: Record<string, unknown> }>(`SELECT name, value FROM app_setting WHERE name IN ('booking-rules', 'wait-list')`);
  const of = (name: string) => r.rows.find((row) => row.name === name)?.value ?? {};
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
  const booking = of('booking-rules');
  const waitList = of('wait-list');
  const result: { noticeHours?: number; offerHours?: number; maxOffersEach?: number } = {};
  const notice = num(booking.cancelNoticeHours);
  const offer = num(waitList.offerHours);
  const max = num(waitList.maxOffersEach);
  if (notice !== undefined) result.noticeHours = notice;
  if (offer !== undefined) result.offerHours = offer;
  if (max !== undefined) result.maxOffersEach = max;
  return result;
}
