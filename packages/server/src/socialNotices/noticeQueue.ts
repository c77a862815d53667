import { minutesLeft, type DeadlineOutcome, type Urgency } from '@ovi/domain';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import { forbidden } from '../fhir/outcomes';
import { isStaff } from '../auth/userContext';
import { ownerReferences } from '../access/relationships';
import { cachedQualificationsOf } from '../access/qualifications';
import { inputValue, inputValues } from '../guidance/guidanceTask';
import { openNotices } from '../storage/noticeReads';
import { noticeState } from './noticeActions';
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
  /** Each legal limit: minutes left (negative: overdue) while open, met or missed once done. */
  deadlines: Array<DeadlineOutcome & { minutesLeft?: number }>;
  assessedAt?: string;
  assessedBy?: string;
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
    const state = noticeState(task);
    const deadlines = state.deadlines.map((d) => ({ ...d, ...(d.due && !d.done ? { minutesLeft: minutesLeft(new Date(d.due), now) } : {}) }));
    const end = task.restriction?.period?.end;
    const name = patient?.name?.[0];
    return {
      taskId: task.id ?? '',
      kind: inputValue(task, 'notice-kind')?.valueCode ?? '',
      patient: { id: task.for?.reference?.replace('Patient/', '') ?? '', name: name?.text ?? [...(name?.given ?? []), name?.family].filter(Boolean).join(' '), ...(patient?.birthDate ? { birthDate: patient.birthDate } : {}) },
      urgency: state.urgency,
      ...(state.assessedAt ? { assessedAt: state.assessedAt, ...(state.assessedBy ? { assessedBy: state.assessedBy } : {}) } : {}),
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
