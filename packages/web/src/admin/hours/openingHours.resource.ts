/**
 * The opening hours an administrator edits: the guidance queues' hours (`GET/PUT
 * /api/admin/service-hours`, versioned, If-Match) and the live chat services' hours with the
 * chat limits (`GET/PUT /api/admin/chat-settings`). Everything the form does not edit (labels,
 * the services a queue reads, a chat's profession) is sent back as it came.
 */
import type { OpeningInterval } from '@ovi/domain';
import type { LocalizedText } from '@ovi/domain/src/types';
import { api } from '../../api/client';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One queue's or chat service's hours: what the form edits, and the rest kept as it came. */
export interface HoursItem {
  id: string;
  label: Partial<LocalizedText>;
  weekly: Partial<Record<Weekday, OpeningInterval[]>>;
  closedOnPublicHolidays: boolean;
  closedDates?: string[];
  [kept: string]: unknown;
}

export interface ServiceHoursSetting {
  version: number;
  queues: HoursItem[];
}

export interface ChatSettingsView {
  version: number;
  services: HoursItem[];
  maxTextLength: number;
  maxAnonymousPerHour: number;
}

export const fetchServiceHoursSetting = () => api.get<ServiceHoursSetting>('/api/admin/service-hours');

/** Saved only over the version read (412 when someone saved meanwhile). */
export const saveServiceHours = async (setting: ServiceHoursSetting): Promise<ServiceHoursSetting> =>
  (await api.put<ServiceHoursSetting>('/api/admin/service-hours', { version: setting.version, queues: setting.queues }, { 'If-Match': `W/"${setting.version}"` })).data;

export const fetchChatSettings = () => api.get<ChatSettingsView>('/api/admin/chat-settings');

export const saveChatSettings = async (settings: ChatSettingsView): Promise<ChatSettingsView> => (await api.put<ChatSettingsView>('/api/admin/chat-settings', settings)).data;
