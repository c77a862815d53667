/** The live chat's HTTP side (the socket: useChatSocket.ts). */
import { api, tokenStore } from '../api/client';
import type { ResidentNote } from '../api/residentNotes';
import type { TakenChat } from '@ovi/domain';

export type LocalizedText = Record<'fi' | 'sv' | 'en', string>;

export interface ChatServiceInfo {
  id: string;
  label: LocalizedText;
  register: 'health' | 'social';
  open: boolean;
  opensAt?: string;
  queue: number;
}

export interface OpenedChat {
  id: string;
  position: number;
  token: string;
  service: string;
  anonymous: boolean;
  advice: string[];
  notes: ResidentNote[];
}

export type { TakenChat } from '@ovi/domain';

export interface TranscriptLine {
  id: string;
  from: 'resident' | 'professional';
  name: string;
  text: string;
  at: string;
}

export interface Transcript {
  id: string;
  service: string;
  state: string;
  createdAt: string;
  outcome?: string;
  messages: TranscriptLine[];
}

export interface MyChat {
  id: string;
  service: string;
  state: string;
  createdAt: string;
  closedAt?: string;
}

export const CHAT_OUTCOMES = ['solved', 'self-care', 'emergency'] as const;

export const chatServices = async () => (await api.get<{ services: ChatServiceInfo[] }>('/api/chat/services')).services;
export const openChat = async (service: string, topic: string) => (await api.post<OpenedChat>('/api/chat', { service, topic })).data;
export const takeNextChat = async (service: string) => (await api.post<{ chat: TakenChat | null }>('/api/chat/next', { service })).data.chat;
export const closeChat = async (id: string, outcome: string, note: string) => (await api.post<unknown>(`/api/chat/${encodeURIComponent(id)}/close`, { outcome, note })).data;
export const leaveChat = async (id: string, token: string) => (await api.post<unknown>(`/api/chat/${encodeURIComponent(id)}/leave`, { token })).data;
export const activeChats = async () => (await api.get<{ chats: TakenChat[] }>('/api/chat/active')).chats;
export const myChats = async () => (await api.get<{ chats: MyChat[] }>('/api/chat/mine')).chats;
export const chatTranscript = async (id: string) => api.get<Transcript>(`/api/chat/${encodeURIComponent(id)}/transcript`);

/** The socket's address: the resident's chat token, or the professional's own session. */
export function chatSocketUrl(id: string, key: { token: string } | 'session'): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query: Record<string, string> = key === 'session' ? { access_token: tokenStore.get() ?? '' } : { token: key.token };
  return `${scheme}//${window.location.host}/api/chat/${encodeURIComponent(id)}/socket?${new URLSearchParams(query).toString()}`;
}
