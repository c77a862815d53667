/** Sending a contact (QuestionnaireResponse) and reading the resident's own contacts and replies. */
import type { Bundle, Communication, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import { EXTENSIONS, TASK_CODES } from '@ovi/domain/src/codes';
import { fetchMyAppointments, type AppointmentView } from './appointment.resource';
import { api } from './client';
import { reasonHeaders } from './accessReason';
import { FHIR_BASE, idOf, resourcesOf, type Texts } from './fhir';
import { fetchTask, toContactTask, type ContactTask } from './task.resource';
import { toResponseItems, type Answers, type QuestionnaireView } from './questionnaire.resource';

export type StaffChannel = 'phone' | 'walk-in';

export interface SentContact {
  responseId?: string;
  task?: ContactTask;
}

/** POSTs the answers; the server creates the guidance Task and names it in `X-Ovi-Task`. */
export async function sendContact(args: {
  questionnaire: QuestionnaireView;
  answers: Answers;
  subject: string;
  channel?: StaffChannel;
  /**
   * Staff recording a contact for a client not yet in their work need a recorded reason; the
   * client's own call or visit is that reason, and the audit shows it.
   */
  reason?: string;
}): Promise<SentContact> {
  const body: QuestionnaireResponse = {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire: args.questionnaire.url,
    subject: { reference: args.subject },
    authored: new Date().toISOString(),
    item: toResponseItems(args.questionnaire.items, args.answers),
    ...(args.channel ? { extension: [{ url: EXTENSIONS.contactChannel, valueCode: args.channel }] } : {}),
  };
  const { data, headers } = await api.post<QuestionnaireResponse>(`${FHIR_BASE}/QuestionnaireResponse`, body, reasonHeaders(args.reason));
  const taskId = idOf(headers.get('X-Ovi-Task') ?? undefined);
  let task: ContactTask | undefined;
  if (taskId) {
    try {
      task = await fetchTask(taskId);
    } catch {
      task = undefined; // the contact is stored; only the follow-up read failed
    }
  }
  return { responseId: data?.id, task };
}

export interface Reply {
  id: string;
  text: string;
  sent?: string;
}

export interface MyContact extends ContactTask {
  /** The reason the resident chose, in every language the questionnaire offers. */
  reason?: Texts;
  /** Messages from the professionals, oldest first: the decision and any later work. */
  replies: Reply[];
  /** The visit booked for this contact (by the decision or by the team it was routed to). */
  appointment?: AppointmentView;
  /** The child's name when a guardian sent the contact about their child. */
  about?: string;
}

async function reasonOf(task: ContactTask, questionnaire: QuestionnaireView | undefined): Promise<Texts | undefined> {
  const responseId = idOf(task.responseRef);
  if (!responseId) return undefined;
  try {
    const response = await api.get<QuestionnaireResponse>(`${FHIR_BASE}/QuestionnaireResponse/${encodeURIComponent(responseId)}`);
    const coding = response.item?.find((i) => i.linkId === 'reason')?.answer?.[0]?.valueCoding;
    if (!coding) return undefined;
    const option = questionnaire?.items.find((q) => q.linkId === 'reason')?.options.find((o) => o.code === coding.code);
    return option?.display ?? { fi: coding.display ?? coding.code ?? '' };
  } catch {
    return undefined;
  }
}

export async function fetchMyContacts(patientRef: string, questionnaire: QuestionnaireView | undefined): Promise<MyContact[]> {
  const subject = encodeURIComponent(patientRef);
  const [taskBundle, commBundle] = await Promise.all([
    api.get<Bundle>(`${FHIR_BASE}/Task?patient=${subject}&_sort=-_lastUpdated&_count=50`),
    api.get<Bundle>(`${FHIR_BASE}/Communication?subject=${subject}&_count=100`),
  ]);
  const replies = resourcesOf<Communication>(commBundle, 'Communication').flatMap((c): Array<Reply & { basedOn: string[] }> => {
    const text = c.payload?.[0]?.contentString;
    return text ? [{ id: c.id ?? '', text, sent: c.sent ?? c.meta?.lastUpdated, basedOn: (c.basedOn ?? []).map((b) => b.reference ?? '') }] : [];
  });
  const tasks = resourcesOf<Task>(taskBundle, 'Task').map(toContactTask);
  // Routed work is part of the contact it came from: the resident sees one item per contact.
  const contacts = tasks.filter((task) => task.code !== TASK_CODES.routedWork);
  const appointments = tasks.some((task) => task.appointmentRef)
    ? await fetchMyAppointments(patientRef).catch((): AppointmentView[] => [])
    : [];
  return Promise.all(
    contacts.map(async (task): Promise<MyContact> => {
      const work = tasks.filter((w) => w.basedOn.includes(`Task/${task.id}`));
      const related = new Set([`Task/${task.id}`, ...work.map((w) => `Task/${w.id}`)]);
      const appointmentRef = [task, ...work].find((w) => w.appointmentRef)?.appointmentRef;
      return {
        ...task,
        appointment: appointments.find((a) => `Appointment/${a.id}` === appointmentRef),
        reason: await reasonOf(task, questionnaire),
        replies: replies
          .filter((r) => r.basedOn.some((ref) => related.has(ref)))
          .map(({ id, text, sent }) => ({ id, text, sent }))
          .sort((x, y) => Date.parse(x.sent ?? '') - Date.parse(y.sent ?? '')),
      };
    }),
  );
}
