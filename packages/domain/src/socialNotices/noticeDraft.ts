/**
 * What a social-welfare contact (SHL 1301/2014 35 §), a child-welfare notification (LSL
 * 417/2007 25 §) or a resident's application must contain, and who may send which:
 * - a professional (logged in) always by name: the duty to notify is theirs, and they give
 *   their contact details (LSL 25 §);
 * - anyone else may notify about a child without giving their name; a social-welfare contact
 *   from someone else names them and a way to reach them (the worker must be able to ask);
 * - an application is the logged-in resident's own (or for someone they act for).
 */
import { ageOn, isCalendarDate } from '../calendarDate';
import { isValidPersonalIdentityCode, parsePersonalIdentityCode } from '../personalIdentityCode';
import { finnishPhoneNumber, phoneProblemText } from '../helpRequests/finnishPhone';
import { NOTICE_KINDS, type NoticeKind } from './noticeDeadlines';

/** Services a resident may apply for here (SHL 1301/2014 18 §, 19 §, 14 §). */
export const APPLICATION_SERVICES = ['home-help', 'family-work', 'social-guidance'] as const;
export type ApplicationService = (typeof APPLICATION_SERVICES)[number];

export type NoticeSender = 'public' | 'resident' | 'professional';

export interface NoticeAbout {
  name?: string;
  birthDate?: string;
  identityCode?: string;
  address?: string;
  phone?: string;
  /** Guardians or others close to the person, as the reporter knows them. */
  guardians?: string;
  highestCareAllowance?: boolean;
  /** For an application: the client it is for (oneself, or someone one acts for). */
  patient?: string;
}

export interface NoticeReporter {
  anonymous: boolean;
  name?: string;
  phone?: string;
  email?: string;
  organisation?: string;
  /** How the reporter knows the person (neighbour, teacher …). */
  relation?: string;
}

export interface NoticeDraft {
  kind: NoticeKind;
  about: NoticeAbout;
  reporter: NoticeReporter;
  description: string;
  service?: ApplicationService;
}

export interface NoticeIssue {
  field: string;
  message: string;
}

export const MAX_NOTICE_TEXT = 4000;
const SHORT = 200;
const TOP = ['kind', 'about', 'reporter', 'description', 'service', 'formToken', 'website'];
const ABOUT = ['name', 'birthDate', 'identityCode', 'address', 'phone', 'guardians', 'highestCareAllowance', 'patient'];
const REPORTER = ['anonymous', 'name', 'phone', 'email', 'organisation', 'relation'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The draft when it is complete and the sender may send it so, else every problem by field. */
export function parseNoticeDraft(body: unknown, sender: NoticeSender, today: string): { draft?: NoticeDraft; issues: NoticeIssue[] } {
  if (!isObject(body)) return { issues: [{ field: '', message: 'The body must be a JSON object' }] };
  const issues: NoticeIssue[] = [];
  const unknown = (o: Record<string, unknown>, known: string[], prefix: string) => {
    for (const k of Object.keys(o)) if (!known.includes(k)) issues.push({ field: `${prefix}${k.slice(0, 40)}`, message: `Unknown field '${prefix}${k.slice(0, 40)}'` });
  };
  unknown(body, TOP, '');
  const text = (o: Record<string, unknown>, field: string, path: string, max: number): string | undefined => {
    const v = o[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      issues.push({ field: path, message: `${path} must be text` });
      return undefined;
    }
    if (v.trim().length > max) issues.push({ field: path, message: `${path} is longer than ${max} characters` });
    return v.trim() || undefined;
  };
  const kind = body.kind;
  if (!(NOTICE_KINDS as readonly unknown[]).includes(kind)) {
    issues.push({ field: 'kind', message: `kind must be one of ${NOTICE_KINDS.join(', ')}` });
    return { issues };
  }
  const k = kind as NoticeKind;
  if (k === 'application' && sender !== 'resident') issues.push({ field: 'kind', message: 'An application is sent by the resident, logged in' });
  const description = text(body, 'description', 'description', MAX_NOTICE_TEXT);
  if (!description) issues.push({ field: 'description', message: 'description is required: what the concern or the need is' });

  const aboutRaw = body.about ?? (k === 'application' ? {} : undefined);
  const about: NoticeAbout = {};
  if (!isObject(aboutRaw)) issues.push({ field: 'about', message: 'about must name the person the matter concerns' });
  else {
    unknown(aboutRaw, ABOUT, 'about.');
    const name = text(aboutRaw, 'name', 'about.name', SHORT);
    const address = text(aboutRaw, 'address', 'about.address', SHORT);
    const guardians = text(aboutRaw, 'guardians', 'about.guardians', SHORT);
    const birthDate = text(aboutRaw, 'birthDate', 'about.birthDate', 10);
    const identityCode = text(aboutRaw, 'identityCode', 'about.identityCode', 11);
    const patient = text(aboutRaw, 'patient', 'about.patient', 80);
    const phoneRaw = aboutRaw.phone;
    if (name) about.name = name;
    if (address) about.address = address;
    if (guardians) about.guardians = guardians;
    if (birthDate !== undefined) {
      if (!isCalendarDate(birthDate) || birthDate > today) issues.push({ field: 'about.birthDate', message: 'about.birthDate must be a date YYYY-MM-DD, not in the future' });
      else about.birthDate = birthDate;
    }
    if (identityCode !== undefined) {
      const parsed = isValidPersonalIdentityCode(identityCode) ? parsePersonalIdentityCode(identityCode) : undefined;
      if (!parsed) issues.push({ field: 'about.identityCode', message: 'about.identityCode is not a valid Finnish personal identity code' });
      else {
        about.identityCode = identityCode;
        if (about.birthDate && about.birthDate !== parsed.birthDate) issues.push({ field: 'about.birthDate', message: 'about.birthDate does not match the identity code' });
        about.birthDate = parsed.birthDate;
      }
    }
    if (phoneRaw !== undefined && phoneRaw !== '') {
      const phone = finnishPhoneNumber(phoneRaw);
      if (phone.ok) about.phone = phone.e164;
      else issues.push({ field: 'about.phone', message: `about.${phoneProblemText(phone.problem)}` });
    }
    if (aboutRaw.highestCareAllowance !== undefined) {
      if (typeof aboutRaw.highestCareAllowance !== 'boolean') issues.push({ field: 'about.highestCareAllowance', message: 'about.highestCareAllowance must be true or false' });
      else about.highestCareAllowance = aboutRaw.highestCareAllowance;
    }
    if (patient !== undefined) {
      if (k !== 'application') issues.push({ field: 'about.patient', message: 'about.patient is only for an application (a notice names the person by name and details)' });
      else if (!/^Patient\/[A-Za-z0-9\-.]{1,64}$/.test(patient)) issues.push({ field: 'about.patient', message: 'about.patient must be Patient/<id>' });
      else about.patient = patient;
    }
    if (k !== 'application' && !about.name) issues.push({ field: 'about.name', message: 'about.name is required: whom the concern is about' });
  }
  if (k === 'child-welfare-notification' && about.birthDate && about.birthDate <= today && ageOn(about.birthDate, today) >= 18) {
    issues.push({ field: 'about.birthDate', message: 'A child-welfare notification is about a child under 18; for an adult, send a social-welfare contact' });
  }

  const reporter = parseReporter(body.reporter, k, sender, issues, text, unknown);
  let service: ApplicationService | undefined;
  if (body.service !== undefined) {
    if (k !== 'application') issues.push({ field: 'service', message: 'service is only for an application' });
    else if (!(APPLICATION_SERVICES as readonly unknown[]).includes(body.service)) issues.push({ field: 'service', message: `service must be one of ${APPLICATION_SERVICES.join(', ')}` });
    else service = body.service as ApplicationService;
  } else if (k === 'application') issues.push({ field: 'service', message: `service is required for an application: one of ${APPLICATION_SERVICES.join(', ')}` });

  if (issues.length > 0 || !description) return { issues };
  return { draft: { kind: k, about, reporter, description, ...(service ? { service } : {}) }, issues };
}

function parseReporter(
  raw: unknown,
  kind: NoticeKind,
  sender: NoticeSender,
  issues: NoticeIssue[],
  text: (o: Record<string, unknown>, field: string, path: string, max: number) => string | undefined,
  unknown: (o: Record<string, unknown>, known: string[], prefix: string) => void,
): NoticeReporter {
  if (raw !== undefined && !isObject(raw)) {
    issues.push({ field: 'reporter', message: 'reporter must be an object' });
    return { anonymous: false };
  }
  const r = raw ?? {};
  unknown(r, REPORTER, 'reporter.');
  if (r.anonymous !== undefined && typeof r.anonymous !== 'boolean') issues.push({ field: 'reporter.anonymous', message: 'reporter.anonymous must be true or false' });
  const anonymous = r.anonymous === true;
  const reporter: NoticeReporter = { anonymous };
  for (const field of ['name', 'email', 'organisation', 'relation'] as const) {
    const v = text(r, field, `reporter.${field}`, SHORT);
    if (v) reporter[field] = v;
  }
  if (r.phone !== undefined && r.phone !== '') {
    const phone = finnishPhoneNumber(r.phone);
    if (phone.ok) reporter.phone = phone.e164;
    else issues.push({ field: 'reporter.phone', message: `reporter.${phoneProblemText(phone.problem)}` });
  }
  if (reporter.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(reporter.email)) issues.push({ field: 'reporter.email', message: 'reporter.email is not an e-mail address' });
  if (anonymous) {
    if (sender === 'professional') issues.push({ field: 'reporter.anonymous', message: 'A professional notifies by name and gives their contact details (LSL 417/2007 25 §, SHL 1301/2014 35 §)' });
    else if (kind !== 'child-welfare-notification') issues.push({ field: 'reporter.anonymous', message: 'Only a child-welfare notification may be made without a name' });
    if (reporter.name || reporter.phone || reporter.email) issues.push({ field: 'reporter', message: 'An anonymous notification carries no name or contact details' });
    return reporter;
  }
  if (sender === 'public' && !reporter.name) issues.push({ field: 'reporter.name', message: kind === 'child-welfare-notification' ? 'reporter.name is required, or reporter.anonymous true' : 'reporter.name is required' });
  if (sender === 'public' && kind === 'social-welfare-contact' && !reporter.phone && !reporter.email) {
    issues.push({ field: 'reporter.phone', message: 'A way to reach you (reporter.phone or reporter.email) is required, so the worker can ask more' });
  }
  return reporter;
}
