/** Segmentation over HTTP (docs/API.md, "Segmentation and high-need clients"). */
import type { Bundle, Observation, Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import type { HighNeedList, HighNeedSettings, Segment, SegmentationSettings } from '@ovi/domain';
import { CLIENT_RESOURCES_QUESTIONNAIRE_URL, PROFESSIONAL_DEMAND_QUESTIONNAIRE_URL } from '@ovi/domain/src/segmentation/segments';
import { api } from '../api/client';
import { reasonHeaders } from '../api/accessReason';
import { FHIR_BASE, resourcesOf } from '../api/fhir';
import { toQuestionnaireView, toResponseItems, type Answers, type QuestionnaireView } from '../api/questionnaire.resource';

export interface SegmentEntry {
  id: string;
  segment: Segment;
  label: string;
  at: string;
  by?: string;
  resourcesScore?: number;
  demandScore?: number;
}

export interface SideAnswer {
  id: string;
  authored: string;
  by?: string;
}

export interface ClientSegments {
  patient: string;
  segments: Array<{ segment: Segment; label: string }>;
  latest: (SegmentEntry & { carePath: string }) | null;
  history: SegmentEntry[];
  assessments?: {
    client: SideAnswer | null;
    professional: SideAnswer | null;
    problems: Array<{ kind: 'missing' | 'stale' | 'apart'; side?: 'client' | 'professional'; text: string }>;
  };
}

export const fetchClientSegments = (patientRef: string, lang: string, reason?: string) =>
  api.get<ClientSegments>(`/api/segmentation/patients/${encodeURIComponent(patientRef.replace('Patient/', ''))}?lang=${lang}`, reasonHeaders(reason));

export type Side = 'client' | 'professional';

export async function fetchSegmentationQuestionnaire(side: Side): Promise<QuestionnaireView> {
  const url = side === 'client' ? CLIENT_RESOURCES_QUESTIONNAIRE_URL : PROFESSIONAL_DEMAND_QUESTIONNAIRE_URL;
  const bundle = await api.get<Bundle>(`${FHIR_BASE}/Questionnaire?url=${encodeURIComponent(url)}&status=active`);
  const [found] = resourcesOf<Questionnaire>(bundle, 'Questionnaire');
  if (!found) throw new Error('segmentation-questionnaire-missing');
  return toQuestionnaireView(found);
}

export async function sendAssessment(questionnaire: QuestionnaireView, answers: Answers, subject: string, reason?: string): Promise<void> {
  const body: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire: questionnaire.version ? `${questionnaire.url}|${questionnaire.version}` : questionnaire.url,
    subject: { reference: subject },
    item: toResponseItems(questionnaire.items, answers),
  };
  await api.post(`${FHIR_BASE}/QuestionnaireResponse`, body, reasonHeaders(reason));
}

export const makeSegment = async (patientRef: string, reason?: string) =>
  (await api.post<Observation>(`${FHIR_BASE}/${patientRef}/$segment`, { resourceType: 'Parameters' }, reasonHeaders(reason))).data;

/** The list's shape is declared once, in the domain package (segmentation/highNeed.ts). */
export type { HighNeedClient, HighNeedList } from '@ovi/domain';

export const fetchHighNeed = (team: string) => api.get<HighNeedList>(`/api/high-need?team=${encodeURIComponent(team)}`);

export interface SegmentSummary {
  segments: Array<{ segment: Segment; label: string }>;
  municipalities: Array<{ code: string; name: string | null }>;
  cells: Array<{ segment: Segment; municipality: string; count: number | null }>;
  bySegment: Array<{ segment: Segment; count: number | null }>;
  byMunicipality: Array<{ municipality: string; count: number | null }>;
  total: number | null;
}

export const fetchSegmentSummary = (lang: string) => api.get<SegmentSummary>(`/api/high-need/summary?lang=${lang}`);

export type VersionedSegmentation = SegmentationSettings & { version: number };
export const fetchSegmentationSettings = () => api.get<VersionedSegmentation>('/api/admin/segmentation');
export const saveSegmentationSettings = async (value: SegmentationSettings, version: number) =>
  (await api.put<VersionedSegmentation>('/api/admin/segmentation', value, { 'if-match': `W/"${version}"` })).data;

export type VersionedHighNeed = HighNeedSettings & { version: number };
export const fetchHighNeedSettings = () => api.get<VersionedHighNeed>('/api/admin/high-need');
export const saveHighNeedSettings = async (value: HighNeedSettings, version: number) =>
  (await api.put<VersionedHighNeed>('/api/admin/high-need', value, { 'if-match': `W/"${version}"` })).data;
