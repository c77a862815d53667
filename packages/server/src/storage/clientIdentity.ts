import type { SqlExecutor } from '../db/database';

/** The other clients (Patient ids) whose identifier is `system|value`, in the transaction's view. */
export async function otherClientsWithIdentifier(tx: SqlExecutor, system: string, value: string, exceptId: string): Promise<string[]> {
  const r = await tx.query<{ resource_id: string }>(
    `SELECT DISTINCT t.resource_id FROM search_token t
      WHERE t.resource_type = 'Patient' AND t.param = 'identifier' AND t.system = $1 AND t.value = $2 AND t.resource_id <> $3
      ORDER BY t.resource_id`,
    [system, value, exceptId],
  );
  return r.rows.map((row) => row.resource_id);
}
