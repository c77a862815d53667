/** Sending a contact (QuestionnaireResponse) and reading the resident's own contacts and replies. */
import type { Bundle, Communication, QuestionnaireResponse, Task } from '@medplum/fhirtypes';
import { EXTENSIONS, OVI_FHIR_BASE, SYSTEMS, TASK_CODES } from '@ovi/domain/src/codes';
import { isChatLine } from '@ovi/domain/src/chat/chatLines';
import { fetchMyAppointments, type AppointmentView } from './appointment.resource';
import { api } from './client';
import { reasonHeaders } from './accessReason';
import { FHIR_BASE, idOf, resourcesOf, type Texts } from './fhir';
import { fetchTask, toContactTask, type ContactTask } from './task.resource';
import { toResponseItems, type Answers, type QuestionnaireView } from './questionnaire.resource';
import { fetchHomeUnit, fetchUnit, type UnitContact } from './unit.resource';

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
    // The version the resident saw: answers are checked against it if an administrator saved a newer one meanwhile.
    questionnaire: args.questionnaire.version ? `${args.questionnaire.url}|${args.questionnaire.version}` : args.questionnaire.url,
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

/** Who wrote a reply: their profession and unit (the `reply-signature` extension), or the sender's display. */
export interface ReplySignature {
  /** A profession code (`nurse` …), shown in the reader's language. */
  profession?: string;
  /** The profession as the server wrote it, when there is no code to translate. */
  professionText?: string;
  unit?: string;
  /** The sender's display, for replies without a signature. */
  text?: string;
}

export interface Reply {
  id: string;
  text: string;
  sent?: string;
  signature?: ReplySignature;
}

/**
 * Where a contact is, honestly: waiting for client guidance, with the team or service it was
 * routed to (still open there), handled, or cancelled.
 */
export type ContactProgress = 'waiting' | 'with-team' | 'handled' | 'cancelled';

const SIGNATURE_URL = `${OVI_FHIR_BASE}/StructureDefinition/reply-signature`;

function signatureOf(c: Communication): ReplySignature | undefined {
  const parts = c.extension?.find((e) => e.url === SIGNATURE_URL)?.extension ?? [];
  const profession = parts.find((e) => e.url === 'profession')?.valueCoding;
  const unit = parts.find((e) => e.url === 'unit')?.valueReference?.display;
  const signature: ReplySignature = {
    ...(profession?.code && profession.system === SYSTEMS.profession ? { profession: profession.code } : {}),
    ...(profession?.display ? { professionText: profession.display } : {}),
    ...(unit ? { unit } : {}),
  };
  if (signature.profession || signature.professionText || signature.unit) return signature;
  return c.sender?.display ? { text: c.sender.display } : undefined;
}

/** Every Task that came of `contactId` by routing, however many times it was passed on. */
function routedFrom(contactId: string, tasks: ContactTask[]): ContactTask[] {
  const found: ContactTask[] = [];
  let frontier = new Set([`Task/${contactId}`]);
  while (frontier.size > 0) {
    const next = tasks.filter((t) => !found.includes(t) && t.basedOn.some((b) => frontier.has(b)));
    found.push(...next);
    frontier = new Set(next.map((t) => `Task/${t.id}`));
  }
  return found;
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
  /** Where the contact is now (a routed contact is with the team, not "handled"). */
  progress: ContactProgress;
  /** The team or service the contact was routed to, with its phone. */
  handledBy?: UnitContact;
  /** Whom to call about this contact: the team it is with, else the client's own unit. */
  callUnit?: UnitContact;
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
  // A chat's lines are its transcript (under the chat); its closing note is the reply.
  const replies = resourcesOf<Communication>(commBundle, 'Communication').filter((c) => !isChatLine(c)).flatMap((c): Array<Reply & { basedOn: string[] }> => {
    const text = c.payload?.[0]?.contentString;
    const signature = signatureOf(c);
    return text ? [{ id: c.id ?? '', text, sent: c.sent ?? c.meta?.lastUpdated, ...(signature ? { signature } : {}), basedOn: (c.basedOn ?? []).map((b) => b.reference ?? '') }] : [];
  });
  const raw = resourcesOf<Task>(taskBundle, 'Task');
  const owners = new Map(raw.map((t) => [t.id ?? '', t.owner?.reference]));
  const tasks = raw.map(toContactTask);
  const home = fetchHomeUnit(patientRef);
  // Routed work is part of the contact it came from: the resident sees one item per contact.
  const contacts = tasks.filter((task) => task.code !== TASK_CODES.routedWork);
  const appointments = tasks.some((task) => task.appointmentRef)
    ? await fetchMyAppointments(patientRef).catch((): AppointmentView[] => [])
    : [];
  return Promise.all(
    contacts.map(async (task): Promise<MyContact> => {
      const work = routedFrom(task.id, tasks);
      const related = new Set([`Task/${task.id}`, ...work.map((w) => `Task/${w.id}`)]);
      const appointmentRef = [task, ...work].find((w) => w.appointmentRef)?.appointmentRef;
      // The latest routed work tells where the matter is now; an open one means the team has it.
      const latest = [...work].sort((a, b) => (b.lastModified ?? b.authoredOn ?? '').localeCompare(a.lastModified ?? a.authoredOn ?? ''));
      const current = latest.find((w) => w.status === 'waiting') ?? latest[0];
      const progress: ContactProgress =
        task.status === 'cancelled' ? 'cancelled' : task.status === 'waiting' ? 'waiting' : current?.status === 'waiting' ? 'with-team' : 'handled';
      const handledBy = current ? await fetchUnit(owners.get(current.id)) : undefined;
      const callUnit = (progress === 'with-team' && handledBy?.phone ? handledBy : undefined) ?? (await home);
      return {
        ...task,
        progress,
        ...(handledBy ? { handledBy } : {}),
        ...(callUnit ? { callUnit } : {}),
        appointment: appointments.find((a) => `Appointment/${a.id}` === appointmentRef),
        reason: await reasonOf(task, questionnaire),
        replies: replies
          .filter((r) => r.basedOn.some((ref) => related.has(ref)))
          .map(({ id, text, sent, signature }) => ({ id, text, sent, ...(signature ? { signature } : {}) }))
          .sort((x, y) => Date.parse(x.sent ?? '') - Date.parse(y.sent ?? '')),
      };
    }),
  );
}
