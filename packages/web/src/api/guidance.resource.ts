/** One contact as the professional sees it, the routing targets, and recording the decision ($resolve). */
import type { Bundle, CareTeam, HealthcareService, Parameters, Questionnaire, QuestionnaireResponse, QuestionnaireResponseItem, Task } from '@medplum/fhirtypes';
import type { GuidanceOutcome } from '@ovi/domain/src/types';
import { reasonHeaders } from './accessReason';
import { api } from './client';
import { FHIR_BASE, idOf, resourcesOf, type Texts } from './fhir';
import { fetchTask, toContactTask, type ContactTask } from './task.resource';
import { fetchPatient, type PatientSummary } from './patient.resource';
import { fetchQuestionnaires, questionsByLinkId, toQuestionnaireView, type Question, type QuestionnaireView } from './questionnaire.resource';

/** One answered question, with texts in every language the questionnaire has. */
export interface AnsweredQuestion {
  linkId: string;
  question: Texts;
  answer:
    | { kind: 'texts'; value: Texts }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'plain'; value: string };
  depth: number;
}

export interface ContactDetail {
  task: ContactTask;
  patient?: PatientSummary;
  answers: AnsweredQuestion[];
}

function flatten(items: QuestionnaireResponseItem[] | undefined, questionnaire: QuestionnaireView | undefined, depth = 0): AnsweredQuestion[] {
  const questions = questionnaire ? questionsByLinkId(questionnaire.items) : new Map<string, Question>();
  return (items ?? []).flatMap((item) => {
    const q = questions.get(item.linkId);
    const question: Texts = q?.text ?? { fi: item.text ?? item.linkId };
    const rows: AnsweredQuestion[] = [];
    for (const a of item.answer ?? []) {
      if (a.valueCoding) {
        const option = q?.options.find((o) => o.code === a.valueCoding?.code);
        rows.push({ linkId: item.linkId, question, depth, answer: { kind: 'texts', value: option?.display ?? { fi: a.valueCoding.display ?? a.valueCoding.code ?? '' } } });
      } else if (a.valueBoolean !== undefined) {
        rows.push({ linkId: item.linkId, question, depth, answer: { kind: 'boolean', value: a.valueBoolean } });
      } else {
        const plain = a.valueInteger ?? a.valueDecimal ?? a.valueString ?? a.valueDate ?? a.valueDateTime ?? '';
        rows.push({ linkId: item.linkId, question, depth, answer: { kind: 'plain', value: String(plain) } });
      }
      rows.push(...flatten(a.item, questionnaire, depth + 1));
    }
    if (!item.answer && item.item) {
      rows.push(...flatten(item.item, questionnaire, depth + 1));
    }
    return rows;
  });
}

let questionnaireCache: Promise<QuestionnaireView[]> | undefined;

async function questionnaireFor(canonical: string | undefined): Promise<QuestionnaireView | undefined> {
  if (!canonical) return undefined;
  questionnaireCache ??= fetchQuestionnaires(false).catch((e: unknown) => {
    questionnaireCache = undefined;
    throw e;
  });
  const [url, version] = canonical.split('|');
  const all = await questionnaireCache;
  const same = all.find((q) => q.url === url && (!version || q.version === version));
  if (same) return same;
  const current = all.find((q) => q.url === url);
  // An older contact reads with the version it was answered with (the server numbers versions as meta.versionId).
  if (current && version && /^\d+$/.test(version)) {
    const old = await api.get<Questionnaire>(`${FHIR_BASE}/Questionnaire/${encodeURIComponent(current.id)}/_history/${version}`).catch(() => undefined);
    if (old) return toQuestionnaireView(old);
  }
  return current;
}

/** `reason`: recorded when the professional has no care relationship with the client (sent as X-Access-Reason). */
export async function fetchContactDetail(taskId: string, reason?: string): Promise<ContactDetail> {
  const task = await fetchTask(taskId, reason);
  // A message contact's focus is the message (Communication), shown by its thread instead.
  const responseId = task.responseRef?.startsWith('QuestionnaireResponse/') ? idOf(task.responseRef) : undefined;
  const [response, patient] = await Promise.all([
    responseId
      ? api.get<QuestionnaireResponse>(`${FHIR_BASE}/QuestionnaireResponse/${encodeURIComponent(responseId)}`, reasonHeaders(reason))
      : undefined,
    task.patientRef ? fetchPatient(task.patientRef, reason).catch(() => undefined) : undefined,
  ]);
  const questionnaire = await questionnaireFor(response?.questionnaire).catch(() => undefined);
  return { task, patient, answers: flatten(response?.item, questionnaire) };
}

export interface RouteTarget {
  reference: string;
  name: string;
  kind: 'team' | 'service';
}

export async function fetchRouteTargets(): Promise<RouteTarget[]> {
  const [teams, services] = await Promise.all([
    api.get<Bundle>(`${FHIR_BASE}/CareTeam?status=active&_count=100`),
    api.get<Bundle>(`${FHIR_BASE}/HealthcareService?active=true&_count=100`),
  ]);
  return [
    ...resourcesOf<CareTeam>(teams, 'CareTeam').map((t): RouteTarget => ({ reference: `CareTeam/${t.id ?? ''}`, name: t.name ?? t.id ?? '', kind: 'team' })),
    ...resourcesOf<HealthcareService>(services, 'HealthcareService').map(
      (s): RouteTarget => ({ reference: `HealthcareService/${s.id ?? ''}`, name: s.name ?? s.id ?? '', kind: 'service' }),
    ),
  ];
}

export interface Decision {
  outcome: GuidanceOutcome;
  note: string;
  routeTo?: string;
  /** Internal note to the receiving team (routed only; never sent to the resident). */
  handover?: string;
  /** `Appointment/<id>` booked for the client; sent when the outcome is `booked`. */
  appointment?: string;
}

export async function resolveContact(taskId: string, decision: Decision, reason?: string): Promise<ContactTask> {
  const body: Parameters = {
    resourceType: 'Parameters',
    parameter: [
      { name: 'outcome', valueCode: decision.outcome },
      { name: 'note', valueString: decision.note },
      ...(decision.outcome === 'routed' && decision.routeTo ? [{ name: 'routeTo', valueReference: { reference: decision.routeTo } }] : []),
      ...(decision.outcome === 'routed' && decision.handover?.trim() ? [{ name: 'handover', valueString: decision.handover.trim() }] : []),
      ...(decision.outcome === 'booked' && decision.appointment ? [{ name: 'appointment', valueReference: { reference: decision.appointment } }] : []),
    ],
  };
  const { data } = await api.post<Task>(`${FHIR_BASE}/Task/${encodeURIComponent(taskId)}/$resolve`, body, reasonHeaders(reason));
  return toContactTask(data);
}
