import type { Observation, ObservationComponent, Patient, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import {
  SYSTEMS,
  computeDeadlines,
  registerOf,
  taskPriorityFor,
  type CareGuaranteeConfig,
  type Deadlines,
  type Profession,
  type Urgency,
} from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import type { UserContext } from '../auth/userContext';
import { DEADLINE_INPUTS, deadlineInputs, inputValue, taskInput, withoutInputs } from './guidanceTask';
import { recordConfigurationGap } from '../storage/configurationGapLog';
import { inRegister, registerOfResource } from '../access/registerLabels';

/** What a professional decided about a contact's need. */
export interface AssessedNeed {
  urgency: Urgency;
  service: string;
  profession: Profession;
  note?: string;
}

/** What the rules suggested, kept beside the professional's assessment so the difference stays visible. */
export interface Suggestion {
  urgency?: string;
  service?: string;
  profession?: string;
}

export function currentNeed(task: Task): Partial<AssessedNeed> {
  return {
    urgency: inputValue(task, 'urgency')?.valueCode as Urgency | undefined,
    service: inputValue(task, 'service')?.valueCode,
    profession: task.performerType?.[0]?.coding?.[0]?.code as Profession | undefined,
  };
}

/** The rules' suggestion as recorded at intake (older Tasks: the values before any assessment). */
export function suggestionOf(task: Task): Suggestion {
  const recorded = inputValue(task, 'suggested')?.valueString;
  if (recorded) return JSON.parse(recorded) as Suggestion;
  return currentNeed(task);
}

export const isAssessed = (task: Task): boolean => inputValue(task, 'assessment') !== undefined;

const concept = (system: string, code: string) => ({ coding: [{ system, code }] });
const part = (code: string) => concept(SYSTEMS.needAssessment, code);

function components(need: AssessedNeed, suggested: Suggestion, deadlines: Deadlines): ObservationComponent[] {
  const list: ObservationComponent[] = [
    { code: part('service'), valueCodeableConcept: concept(SYSTEMS.service, need.service) },
    { code: part('profession'), valueCodeableConcept: concept(SYSTEMS.profession, need.profession) },
    { code: part('care-deadline'), valueDateTime: deadlines.workTo.toISOString() },
  ];
  if (deadlines.legal) list.push({ code: part('legal-deadline'), valueDateTime: deadlines.legal.toISOString() });
  if (deadlines.regional) list.push({ code: part('regional-deadline'), valueDateTime: deadlines.regional.toISOString() });
  if (deadlines.basis?.legal) list.push({ code: part('legal-basis'), valueString: basisText(deadlines.basis.legal) });
  if (deadlines.basis?.regional) list.push({ code: part('regional-basis'), valueString: basisText(deadlines.basis.regional) });
  if (suggested.urgency) list.push({ code: part('suggested-urgency'), valueCodeableConcept: concept(SYSTEMS.urgency, suggested.urgency) });
  if (suggested.service) list.push({ code: part('suggested-service'), valueCodeableConcept: concept(SYSTEMS.service, suggested.service) });
  if (suggested.profession) list.push({ code: part('suggested-profession'), valueCodeableConcept: concept(SYSTEMS.profession, suggested.profession) });
  list.push({ code: part('differs-from-suggestion'), valueBoolean: differs(need, suggested) });
  return list;
}

function basisText(basis: { ruleId: string; label: { en: string }; source?: string }): string {
  return `${basis.ruleId}: ${basis.label.en}${basis.source ? ` (${basis.source})` : ''}`;
}

export function differs(need: AssessedNeed, suggested: Suggestion): boolean {
  return need.urgency !== suggested.urgency || need.service !== suggested.service || need.profession !== suggested.profession;
}

/** The deadlines that follow from an assessment made at `assessedAt`. */
export function assessedDeadlines(task: Task, need: AssessedNeed, assessedAt: Date, patient: Patient | undefined, config: CareGuaranteeConfig): Deadlines {
  const contactAt = new Date(task.authoredOn ?? assessedAt.toISOString());
  // Urgent and emergent care is due from the moment a professional finds the need, even if the
  // contact came days ago; non-urgent limits run from the contact or the assessment as each rule says.
  const start = need.urgency === 'urgent' || need.urgency === 'emergent' ? assessedAt : contactAt;
  return computeDeadlines({ contactAt: start, assessedAt, service: need.service, urgency: need.urgency, birthDate: patient?.birthDate, config });
}

/**
 * Records a professional's need assessment: an Observation (who, when, what was decided,
 * what was suggested, the deadlines and their legal and regional basis) linked from the Task,
 * and the Task follows it: priority, service, profession and deadlines. In `tx`.
 */
export async function recordAssessment(
  store: ResourceStore,
  tx: SqlExecutor,
  args: { task: Stored<Task>; need: AssessedNeed; user: UserContext; at: Date; patient?: Patient; config: CareGuaranteeConfig },
): Promise<{ task: Stored<Task>; assessment: Stored<Observation> }> {
  const { task, need, user, at } = args;
  const suggested = suggestionOf(task);
  const deadlines = assessedDeadlines(task, need, at, args.patient, args.config);
  const when = at.toISOString();
  const register = registerOf(need.service);
  const assessment = await store.create<Observation>(
    inRegister<Observation>({
      resourceType: 'Observation',
      status: 'final',
      code: part(registerOf(need.service) === 'social' ? 'service-need-assessment' : 'care-need-assessment'),
      subject: task.for as Observation['subject'],
      focus: [{ reference: `Task/${task.id}` }],
      ...(task.focus?.reference?.startsWith('QuestionnaireResponse/') ? { derivedFrom: [{ reference: task.focus.reference }] } : {}),
      effectiveDateTime: when,
      issued: when,
      performer: [{ reference: user.fhirUser, display: user.name }],
      valueCodeableConcept: concept(SYSTEMS.urgency, need.urgency),
      component: components(need, suggested, deadlines),
      ...(need.note ? { note: [{ text: need.note, time: when, authorReference: { reference: user.fhirUser, display: user.name } }] } : {}),
    }, register),
    { tx },
  );
  const replaced = ['urgency', 'service', 'assessment', 'assessed-at', 'assessed-by', ...DEADLINE_INPUTS];
  const updated = await store.update<Task>(
    'Task',
    task.id,
    async (current) => ({
      ...inRegister(current, register),
      status: current.status === 'ready' ? 'in-progress' : current.status,
      priority: taskPriorityFor(need.urgency),
      performerType: [{ coding: [{ system: SYSTEMS.profession, code: need.profession }] }],
      restriction: { ...current.restriction, period: { ...current.restriction?.period, end: deadlines.workTo.toISOString() } },
      lastModified: when,
      input: [
        ...withoutInputs(current, replaced),
        taskInput('urgency', { valueCode: need.urgency }),
        taskInput('service', { valueCode: need.service }),
        taskInput('assessment', { valueReference: { reference: `Observation/${assessment.id}` } }),
        taskInput('assessed-at', { valueDateTime: when }),
        taskInput('assessed-by', { valueReference: { reference: user.fhirUser, display: user.name } }),
        ...deadlineInputs(deadlines),
      ],
    }),
    { tx },
  );
  // The contact itself moves with the matter: it belongs to the register of the service it goes to.
  const contact = task.focus?.reference?.startsWith('QuestionnaireResponse/') ? task.focus.reference.slice('QuestionnaireResponse/'.length) : undefined;
  const response = contact ? await store.readOptional<QuestionnaireResponse>('QuestionnaireResponse', contact, tx) : undefined;
  if (response && registerOfResource(response) !== register) await store.update<QuestionnaireResponse>('QuestionnaireResponse', response.id, inRegister(response, register), { tx });
  if (deadlines.gap) await recordConfigurationGap(tx, { service: deadlines.gap.service, urgency: deadlines.gap.urgency, ...(deadlines.gap.age !== undefined ? { age: deadlines.gap.age } : {}) });
  return { task: updated, assessment };
}
