import type { Patient } from '@medplum/fhirtypes';
import type { SqlExecutor } from '../db/database';
import { GroupCommit } from './groupCommit';

/** What a contact needs to know before it is stored. */
export interface IntakeRead {
  /** The client the contact is about, if the record exists. */
  patient?: Patient;
  /**
   * Each stored setting asked for, by name, as its version and row version (`xmin`, the
   * transaction that wrote the row), so that any change shows, even one made in SQL by hand
   * without a new version. A missing setting is absent.
   */
  settingVersions: Record<string, string>;
  /** Every stored Questionnaire with the contact's canonical URL, as `id:version:xmin` (changes whenever one is created or changed). */
  questionnaires: string;
}

interface Key {
  patientId: string;
  questionnaireUrl: string;
}

/**
 * The reads a contact needs, for every contact arriving meanwhile, in one statement: each
 * client's Patient record, and the versions of the settings and Questionnaires the intake keeps
 * in memory, so it reads them again only when one has changed (in any server process). Each
 * contact's statement starts after the contact arrived: a change committed before that is seen.
 */
export class IntakeReads {
  private readonly grouped: GroupCommit<Key, IntakeRead>;

  constructor(
    private readonly db: SqlExecutor,
    private readonly settingNames: readonly string[],
  ) {
    this.grouped = new GroupCommit<Key, IntakeRead>((keys) => this.readAll(keys));
  }

  async read(patientId: string, questionnaireUrl: string): Promise<IntakeRead> {
    const [read] = await this.grouped.add([{ patientId, questionnaireUrl }]);
    if (!read) throw new Error('The intake read answered nothing');
    return read;
  }

  private async readAll(keys: Key[]): Promise<IntakeRead[]> {
    const r = await this.db.query<{ i: string | number; patient: Patient | null; settings: Record<string, string> | null; questionnaires: string | null }>(
      `SELECT k.i, p.content AS patient,
              (SELECT json_object_agg(s.name, s.version || ':' || s.xmin::text) FROM app_setting s WHERE s.name = ANY($3::text[])) AS settings,
              (SELECT string_agg(q.id || ':' || q.version_id || ':' || q.xmin::text, ',' ORDER BY q.id) FROM search_token u
                 JOIN resource q ON q.resource_type = 'Questionnaire' AND q.id = u.resource_id
                WHERE u.resource_type = 'Questionnaire' AND u.param = 'url' AND u.value = k.url) AS questionnaires
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(patient_id, url, i)
         LEFT JOIN resource p ON p.resource_type = 'Patient' AND p.id = k.patient_id
        ORDER BY k.i`,
      [keys.map((k) => k.patientId), keys.map((k) => k.questionnaireUrl), this.settingNames],
    );
    // Each row is parsed on its own: contacts about the same client each get their own copy.
    return r.rows.map((row) => ({ ...(row.patient ? { patient: row.patient } : {}), settingVersions: row.settings ?? {}, questionnaires: row.questionnaires ?? '' }));
  }
}
