/**
 * The server's dry run of a questionnaire change (`POST /api/admin/questionnaires/<id>/preview`):
 * its problems, each naming the field and question, and its findings; nothing is stored.
 * Saving is the PUT with If-Match of questionnaireEdit.resource.
 */
import type { QuestionnaireFinding } from '@ovi/domain/src/questionnaireFindings';
import type { StructureProblem } from '@ovi/domain/src/questionnaireStructure';
import { CHANGED_BY_EXTENSION_URL } from '@ovi/domain/src/questionnaireChange';
import { api } from './client';
import type { StoredQuestionnaire } from './questionnaireEdit.resource';

export interface QuestionnairePreview {
  currentVersion: number;
  valid: boolean;
  problems: StructureProblem[];
  findings: QuestionnaireFinding[];
}

export async function previewQuestionnaire(q: StoredQuestionnaire): Promise<QuestionnairePreview> {
  const { data } = await api.post<QuestionnairePreview>(`/api/admin/questionnaires/${encodeURIComponent(q.id)}/preview`, q);
  return data;
}

/** Who saved this version (the server signs each one). */
export function savedByOf(q: StoredQuestionnaire): string | undefined {
  return q.extension?.find((e) => e.url === CHANGED_BY_EXTENSION_URL)?.valueString;
}
