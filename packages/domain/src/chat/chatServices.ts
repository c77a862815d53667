/**
 * The live chat's services (health guidance, social counselling, family centre) and when each
 * is open. A chat service's hours are a queue's hours (openingHours.ts), so holidays, closed
 * days and daylight saving time work as for every other queue. Configuration, with defaults.
 */
import { GUIDANCE_QUEUE_ID, isOpenAt, nextOpening, validateServiceHours, type OpeningInterval, type QueueHours } from '../openingHours';
import { registerOf } from '../registers';
import type { LocalizedText, Register } from '../types';
import { checkArray, checkInteger, checkObject, checkString, checkUniqueIds, isRecord, pathOf } from '../validation';

export interface ChatService extends Omit<QueueHours, 'services'> {
  /** The guidance service the chat's contact belongs to (decides its register). */
  service: string;
  /** The profession that answers (the contact's performerType). */
  profession: string;
}

export interface ChatSettings {
  version: number;
  services: ChatService[];
  /** Longest message a resident or professional may send, in characters. */
  maxTextLength: number;
  /** Chats opened without logging in per client address per hour (each makes a client record: a flood is refused with 429). */
  maxAnonymousPerHour: number;
}

/** The NOTIFY payload carries the text: 8000 bytes, 3 per character at worst, leaves room for 2000. */
export const MAX_CHAT_TEXT_LIMIT = 2000;
export const MAX_CHAT_TOPIC = 200;

const weekdays = (from: string, to: string, friday: OpeningInterval[] = [{ from, to }]): QueueHours['weekly'] => ({
  mon: [{ from, to }],
  tue: [{ from, to }],
  wed: [{ from, to }],
  thu: [{ from, to }],
  fri: friday,
});

/** Demo hours of the demo region (plausible, not taken from the seeds). */
export const defaultChatSettings: ChatSettings = {
  version: 1,
  maxTextLength: 2000,
  maxAnonymousPerHour: 20,
  services: [
    {
      id: 'health-guidance',
      label: { fi: 'Terveysneuvonta', sv: 'Hälsorådgivning', en: 'Health advice' },
      service: 'primary-care',
      profession: 'nurse',
      weekly: { ...weekdays('08:00', '20:00'), sat: [{ from: '10:00', to: '16:00' }] },
      closedOnPublicHolidays: true,
    },
    {
      id: 'social-counselling',
      label: { fi: 'Sosiaalineuvonta', sv: 'Social rådgivning', en: 'Social counselling' },
      service: 'social-services',
      profession: 'social-instructor',
      weekly: weekdays('09:00', '15:00'),
      closedOnPublicHolidays: true,
    },
    {
      id: 'family-centre',
      label: { fi: 'Perhekeskuksen chatti', sv: 'Familjecentrets chatt', en: 'Family centre chat' },
      service: 'family-centre',
      profession: 'public-health-nurse',
      weekly: weekdays('08:00', '16:00', [{ from: '08:00', to: '14:00' }]),
      closedOnPublicHolidays: true,
    },
  ],
};

export interface ChatServiceState {
  id: string;
  label: LocalizedText;
  register: Register;
  open: boolean;
  /** When it next opens (closed now), if within the opening-hours horizon. */
  opensAt?: string;
}

export function chatServiceById(settings: ChatSettings, id: string): ChatService | undefined {
  return settings.services.find((s) => s.id === id);
}

/** Whether a chat service is open at `at`, and when it opens next when it is not. */
export function chatServiceState(service: ChatService, at: Date): ChatServiceState {
  const open = isOpenAt(service, at);
  const opens = open ? undefined : nextOpening(service, at);
  return { id: service.id, label: service.label, register: registerOf(service.service), open, ...(opens ? { opensAt: opens.toISOString() } : {}) };
}

const SERVICE_KEYS = ['id', 'label', 'service', 'profession', 'weekly', 'closedOnPublicHolidays', 'closedDates'];

/** Chat settings from JSON (an administrator's PUT): every problem with its path. */
export function validateChatSettings(value: unknown): { settings?: ChatSettings; errors: string[] } {
  const errors: string[] = [];
  if (!checkObject(value, '', ['version', 'services', 'maxTextLength', 'maxAnonymousPerHour'], errors)) return { errors };
  checkInteger(value.maxAnonymousPerHour, 'maxAnonymousPerHour', errors, { min: 1, max: 10_000 });
  checkInteger(value.version, 'version', errors, { min: 1 });
  checkInteger(value.maxTextLength, 'maxTextLength', errors, { min: 100, max: MAX_CHAT_TEXT_LIMIT });
  if (checkArray(value.services, 'services', errors)) {
    if (value.services.length === 0) errors.push('services: at least one chat service is needed');
    value.services.forEach((s, i) => checkChatService(s, pathOf('services', i), errors));
    checkUniqueIds(value.services.map((s) => (isRecord(s) ? s.id : undefined)), 'services', errors);
  }
  if (errors.length > 0) return { errors };
  return { settings: structuredClone(value) as unknown as ChatSettings, errors };
}

function checkChatService(value: unknown, path: string, errors: string[]): void {
  if (!checkObject(value, path, SERVICE_KEYS, errors)) return;
  checkString(value.service, pathOf(path, 'service'), errors);
  checkString(value.profession, pathOf(path, 'profession'), errors);
  if (typeof value.id === 'string' && !/^[a-z0-9-]{1,40}$/.test(value.id)) errors.push(`${pathOf(path, 'id')}: must be 1–40 lower-case letters, digits or hyphens`);
  // The hours are checked as one queue's hours, by the same rules as the service hours.
  const { service: _s, profession: _p, ...hours } = value;
  const asQueues = { version: 1, queues: [{ id: GUIDANCE_QUEUE_ID, label: { fi: '-', sv: '-', en: '-' }, weekly: {}, closedOnPublicHolidays: false }, { ...hours, id: hours.id === GUIDANCE_QUEUE_ID ? 'chat' : hours.id }] };
  for (const error of validateServiceHours(asQueues).errors) errors.push(error.replace(/^queues\[1\]/, path));
}
