import { inject } from 'vitest';
import { startTestServer, type Backend, type TestServer } from './oviTestServer';
import { buildContactResponse, type ContactAnswers } from '../../src/guidance/contactResponse';

/** Every API suite runs on both back-ends: embedded PGlite and a real PostgreSQL server. */
export const BACKENDS: Backend[] = ['pglite', 'postgres'];

export function startOn(backend: Backend, options: { clockStart?: Date } = {}): Promise<TestServer> {
  return startTestServer(backend, backend === 'postgres' ? inject('postgresUrl') : undefined, options);
}

/** A contact request answer set, as the web app sends it. */
export function contactBody(patient: string, answers: ContactAnswers, extra: Record<string, unknown> = {}) {
  return { ...buildContactResponse(patient, answers), ...extra };
}

export const BACK_PAIN = { reason: 'back-pain', 'back-red-flags': false, duration: 'weeks', severity: 6, description: 'Selkä on ollut kipeä kolme viikkoa.', 'contact-preference': 'phone' };
export const CHEST_SEVERE = { reason: 'chest', 'chest-severe': true, duration: 'today', severity: 9, description: 'Kova puristava kipu rinnassa.', 'contact-preference': 'phone' };

/** Count of stored resources other than audit records: "nothing changed" checks. */
export async function countNonAudit(server: TestServer): Promise<number> {
  const r = await server.ovi.services.db.query<{ n: string }>("SELECT count(*) AS n FROM resource WHERE resource_type <> 'AuditEvent'");
  return Number(r.rows[0]?.n ?? 0);
}
