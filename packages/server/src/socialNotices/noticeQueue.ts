import { minutesLeft, type NoticeDeadline, type Urgency } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import { forbidden } from '../fhir/outcomes';
import { isStaff } from '../auth/userContext';
import { ownerReferences } from '../access/relationships';
import { cachedQualificationsOf } from '../access/qualifications';
import { inputValue, inputValues } from '../guidance/guidanceTask';
import { openNotices } from '../storage/noticeReads';
import { now as clockNow } from '../time/clock';

const MAX_NOTICES = 200;

export interface NoticeItem {
  taskId: string;
  kind: string;
  patient: { id: string; name: string; birthDate?: string };
  urgency: Urgency;
  receivedAt?: string;
  description?: string;
  appliedService?: string;
  reporter: { anonymous: boolean; name?: string; professional?: boolean; organisation?: string; phone?: string; email?: string; relation?: string };
  about: Record<string, unknown>;
  /** Each legal limit with minutes left (negative: overdue); the urgency assessment drops out once assessed. */
  deadlines: Array<NoticeDeadline & { minutesLeft?: number; done?: boolean }>;
  deadline?: string;
  minutesLeft?: number;
  dangerWords: string[];
  owner?: string;
}

/**
 * The social-services queue of notices: open social-welfare contacts, child-welfare notifications
 * and applications owned by the reader's services and teams, each with its legal deadlines and
 * how much time is left. Only social-welfare professionals (Suosikki); the read is audited, one
 * record naming the clients listed.
 */
export async function noticeQueue(db: Database, fhir: FhirService, ctx: RequestContext): Promise<{ items: NoticeItem[] }> {
  if (!isStaff(ctx.user) || !(await cachedQualificationsOf(fhir.store, ctx.user)).social) throw forbidden('The notices are for social-welfare professionals');
  const rows = await openNotices(db, await ownerReferences(db, ctx.user), MAX_NOTICES);
  const now = clockNow();
  const items = rows.map(({ task, message, patient }): NoticeItem => {
    const assessed = inputValue(task, 'assessed-at') !== undefined;
    const deadlines = (JSON.parse(inputValue(task, 'notice-deadlines')?.valueString ?? '[]') as NoticeDeadline[]).map((d) => ({
      ...d,
      ...(d.due ? { minutesLeft: minutesLeft(new Date(d.due), now) } : {}),
      ...(d.code === 'urgency-assessment' && assessed ? { done: true } : {}),
    }));
    const end = task.restriction?.period?.end;
    const name = patient?.name?.[0];
    return {
      taskId: task.id ?? '',
      kind: inputValue(task, 'notice-kind')?.valueCode ?? '',
      patient: { id: task.for?.reference?.replace('Patient/', '') ?? '', name: name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' '), ...(patient?.birthDate ? { birthDate: patient.birthDate } : {}) },
      urgency: (inputValue(task, 'urgency')?.valueCode ?? 'non-urgent') as Urgency,
      ...(task.authoredOn ? { receivedAt: task.authoredOn } : {}),
      ...(message?.payload?.[0]?.contentString ? { description: message.payload[0].contentString } : {}),
      ...(inputValue(task, 'applied-service')?.valueCode ? { appliedService: inputValue(task, 'applied-service')?.valueCode } : {}),
      reporter: JSON.parse(inputValue(task, 'reporter')?.valueString ?? '{"anonymous":true}') as NoticeItem['reporter'],
      about: JSON.parse(inputValue(task, 'about')?.valueString ?? '{}') as Record<string, unknown>,
      deadlines,
      ...(end ? { deadline: end, minutesLeft: minutesLeft(new Date(end), now) } : {}),
      dangerWords: inputValues(task, 'danger-words').flatMap((i) => (i.valueString ? [(JSON.parse(i.valueString) as { matched: string }).matched] : [])),
      ...(task.owner?.display ? { owner: task.owner.display } : {}),
    };
  });
  if (items.length > 0) {
    await fhir.audit.record({
      user: ctx.user,
      interaction: 'search',
      what: ['Task?social-notices'],
      patients: [...new Set(rows.map((r) => r.task.for?.reference ?? ''))].filter(Boolean),
      success: true,
      address: ctx.address,
      description: 'social-services notices',
    });
  }
  return { items };
}
