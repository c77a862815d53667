import type { SqlExecutor } from '../db/database';

/**
 * Every application table a backup carries, in the order it is written and restored.
 *
 * `key` orders the rows for keyset pagination; `uniqueKey` says whether it identifies one
 * row (a primary key) or a group (the search-index tables have no primary key, only their
 * owner resource). `columns` is the full column list: a backup refuses to run when the
 * database has a table or column that is not listed here, so a new migration cannot be
 * silently left out of backups. `schema_migration` is not carried: the header's
 * `schemaVersion` stands for it.
 */
export interface BackupTable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly key: readonly string[];
  readonly uniqueKey: boolean;
  /** An SQL condition on the table's columns choosing the rows carried (a constant here, never input); all rows when absent. */
  readonly rows?: string;
}

export const BACKUP_TABLES: readonly BackupTable[] = [
  { name: 'resource', columns: ['resource_type', 'id', 'version_id', 'last_updated', 'content'], key: ['resource_type', 'id'], uniqueKey: true },
  { name: 'resource_history', columns: ['resource_type', 'id', 'version_id', 'last_updated', 'content'], key: ['resource_type', 'id', 'version_id'], uniqueKey: true },
  { name: 'search_token', columns: ['resource_type', 'resource_id', 'param', 'system', 'value'], key: ['resource_type', 'resource_id'], uniqueKey: false },
  { name: 'search_string', columns: ['resource_type', 'resource_id', 'param', 'value', 'exact', 'sort_key'], key: ['resource_type', 'resource_id'], uniqueKey: false },
  { name: 'search_date', columns: ['resource_type', 'resource_id', 'param', 'low', 'high'], key: ['resource_type', 'resource_id'], uniqueKey: false },
  {
    name: 'app_user',
    columns: ['username', 'password_hash', 'roles', 'fhir_user', 'display_name', 'failed_attempts', 'locked_until', 'token_generation', 'disabled_at'],
    key: ['username'],
    uniqueKey: true,
  },
  // The token-signing key stays out: a backup must not let its holder sign tokens. A restored
  // database gets a new key at its first start, so tokens issued before the restore stop working.
  { name: 'app_setting', columns: ['name', 'version', 'value', 'updated_at', 'updated_by'], key: ['name'], uniqueKey: true, rows: "name <> 'token-signing-key'" },
  // Every kept version of the settings; the signing key is never kept there, and would stay out here too.
  {
    name: 'app_setting_history',
    columns: ['name', 'version', 'value', 'updated_at', 'updated_by'],
    key: ['name', 'version'],
    uniqueKey: true,
    rows: "name <> 'token-signing-key'",
  },
  { name: 'notification_sent', columns: ['appointment_id', 'kind', 'sent_at'], key: ['appointment_id', 'kind'], uniqueKey: true },
  { name: 'configuration_gap', columns: ['service', 'urgency', 'age_band', 'first_seen', 'last_seen', 'occurrences'], key: ['service', 'urgency', 'age_band'], uniqueKey: true },
  // Message attachments: the files themselves (bytea, as PostgreSQL's hex text in the JSON line).
  {
    name: 'message_attachment',
    columns: ['id', 'content_type', 'size', 'data', 'uploaded_by', 'uploaded_at', 'communication_id'],
    key: ['id'],
    uniqueKey: true,
  },
  {
    name: 'wait_list_entry',
    columns: ['appointment_id', 'patient_id', 'joined_by', 'visit_type', 'profession', 'location', 'current_start', 'not_before', 'not_after', 'weekdays_only', 'joined_at'],
    key: ['appointment_id'],
    uniqueKey: true,
  },
  {
    name: 'wait_list_offer',
    columns: ['id', 'appointment_id', 'slot_id', 'patient_id', 'joined_by', 'offered_at', 'expires_at', 'status', 'notified_at', 'decided_at'],
    key: ['id'],
    uniqueKey: true,
  },
  {
    name: 'feedback_invitation',
    columns: ['id', 'visit', 'patient', 'context', 'created_at', 'expires_at', 'token_hash', 'email_state', 'answered'],
    key: ['id'],
    uniqueKey: true,
  },
  { name: 'feedback_handling', columns: ['response_id', 'handled_at', 'handled_by', 'reply_text', 'replied_at', 'replied_by'], key: ['response_id'], uniqueKey: true },
  // Registered SMART apps (decision 027). Their sessions and tokens (oidc_state) and the
  // provider's keys (oidc_key, a secret) are not carried: after a restore apps log in again.
  { name: 'smart_app', columns: ['client_id', 'name', 'redirect_uris', 'origins', 'registered_at', 'registered_by'], key: ['client_id'], uniqueKey: true },
  // Live chats' queue state; the transcripts are Communications in `resource`.
  {
    name: 'chat_session',
    columns: ['id', 'service', 'task_id', 'patient', 'anonymous', 'token_hash', 'state', 'urgency_rank', 'created_at', 'taken_by', 'taken_by_name', 'taken_at', 'closed_at'],
    key: ['id'],
    uniqueKey: true,
  },
  { name: 'slot_availability', columns: ['slot_id', 'schedule_id', 'start_at', 'end_at', 'status', 'visit_type', 'modes'], key: ['slot_id'], uniqueKey: true },
];

/**
 * The work queue's projection of the open Tasks (migration 008): derived from the Task
 * resources alone and kept in step by triggers on resource, so a restore rebuilds it as the
 * Tasks go in (a copy in the file would only collide with the rows the triggers make).
 */
const WORK_ITEM = 'work_item';
/** The queue's totals by filter columns (migration 017): kept by triggers on work_item, rebuilt with it. */
const WORK_COUNT = 'work_count';

/** The service finder's search documents (migration 026): derived from the HealthcareServices by triggers, like work_item. */
const SERVICE_SEARCH = 'service_search';

/**
 * The managers' figure facts (migrations 041 and 043, decisions 033 and 037): one row per Task,
 * Appointment, Patient and feedback answer, derived from that resource alone by triggers on
 * resource like work_item, so a restore builds them again as the resources go in; and their
 * daily and monthly counts (migrations 044, 047 and 048, decisions 038, 042 and 043), kept by
 * triggers on the facts.
 */
const FIGURE_FACTS = [
  'task_fact', 'visit_fact', 'patient_fact', 'feedback_fact', 'feedback_statement_fact',
  'contact_day', 'queue_day', 'handler_day', 'assessment_day', 'guidance_day', 'visit_day', 'visit_wait_day', 'visit_professional_day',
  'contact_month', 'handler_month', 'assessment_month', 'guidance_month', 'visit_month', 'visit_wait_month', 'visit_professional_month',
] as const;

/**
 * Tables of the public schema that are deliberately not in a backup (besides the work queue's
 * projection and its totals, rebuilt from the Tasks, the service finder's documents, rebuilt from the services, and the figure facts): the migrations (the
 * header's schemaVersion stands for them) and the recent failed log-ins per client address
 * (transient, and client addresses are personal data), the public forms' sendings per address
 * (the same), when missing home measurements were last looked for (a restored database
 * simply looks again), and the SMART provider's sessions, tokens and keys (apps log in again).
 */
/** The continuity rows kept between requests and what changed since (migration 046, decision 041): kept again on the next read. */
const CONTINUITY_KEPT = ['continuity_settled', 'continuity_settled_client', 'continuity_change'] as const;

export const NOT_BACKED_UP = ['schema_migration', 'search_reindex_pending', 'login_failure_address', 'login_failure_name', 'public_form_address', WORK_ITEM, WORK_COUNT, SERVICE_SEARCH, ...FIGURE_FACTS, ...CONTINUITY_KEPT, 'self_monitoring_sweep', 'oidc_state', 'oidc_key'] as const;

export function backupTable(name: string): BackupTable | undefined {
  return BACKUP_TABLES.find((t) => t.name === name);
}

/** Differences between the database's public schema and {@link BACKUP_TABLES}; empty when they agree. */
export async function schemaDifferences(db: SqlExecutor): Promise<string[]> {
  const r = await db.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const actual = new Map<string, string[]>();
  for (const row of r.rows) {
    if ((NOT_BACKED_UP as readonly string[]).includes(row.table_name)) continue;
    actual.set(row.table_name, [...(actual.get(row.table_name) ?? []), row.column_name]);
  }
  const problems: string[] = [];
  for (const [table, columns] of actual) {
    const known = backupTable(table);
    if (!known) {
      problems.push(`table ${table} is not in the backup`);
      continue;
    }
    for (const column of columns) if (!known.columns.includes(column)) problems.push(`column ${table}.${column} is not in the backup`);
    for (const column of known.columns) if (!columns.includes(column)) problems.push(`column ${table}.${column} is in the backup but not in the database`);
  }
  for (const table of BACKUP_TABLES) if (!actual.has(table.name)) problems.push(`table ${table.name} is in the backup but not in the database`);
  return problems;
}

/** Throws when the backup and the database schema disagree (a migration added a table or column). */
export async function assertSchemaKnown(db: SqlExecutor): Promise<void> {
  const problems = await schemaDifferences(db);
  if (problems.length > 0) {
    throw new BackupError(`the database schema does not match the backup's table list (packages/server/src/backup/tables.ts):\n- ${problems.join('\n- ')}`);
  }
}

/** The highest applied migration: a backup restores only into the same schema version. */
export async function currentSchemaVersion(db: SqlExecutor): Promise<number> {
  const r = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migration');
  const version = r.rows[0]?.version;
  if (version === null || version === undefined) throw new BackupError('the database has no applied migrations');
  return Number(version);
}

/** A failure with a message meant for the operator; `exitCode` 2 means "refused", 1 "failed". */
export class BackupError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Quotes an identifier from {@link BACKUP_TABLES} (never from a file) for SQL. */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected identifier ${name}`);
  return `"${name}"`;
}
