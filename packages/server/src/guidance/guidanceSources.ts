import type { Questionnaire } from '@medplum/fhirtypes';
import { CONTACT_QUESTIONNAIRE_URL, ageOn, contactQuestionnaire, extractAnswers, toHelsinkiDate, type DryRunSample } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import { activeQuestionnaire, latestResponses } from '../storage/contactReads';
import type { GuidanceSettingsSources } from './guidanceSettings';

/** How far back a dry run of new routing rules looks: the latest contacts. */
const DRY_RUN_CONTACTS = 1000;

/** What the configuration checks read from the records: the questionnaire in use and recent contacts. */
export function guidanceSources(db: SqlExecutor): GuidanceSettingsSources {
  return {
    async questionnaire(): Promise<Questionnaire> {
      return (await activeQuestionnaire(db, CONTACT_QUESTIONNAIRE_URL)) ?? contactQuestionnaire;
    },
    async recentContacts(): Promise<DryRunSample[]> {
      const rows = await latestResponses(db, CONTACT_QUESTIONNAIRE_URL, DRY_RUN_CONTACTS);
      return rows.map(({ id, response, birthDate }) => {
        const at = toHelsinkiDate(new Date(response.authored ?? Date.now()));
        return { id, answers: extractAnswers(response), ...(birthDate ? { age: ageOn(birthDate, at) } : {}) };
      });
    },
  };
}
