/**
 * How long a care relationship lasts after the work ends (docs/API.md "Access to client
 * data"): `GET/PUT /api/admin/access-lifetimes`, whole days 0–365, changed by admins only.
 */
import { api } from './client';

export const MAX_LIFETIME_DAYS = 365;

export interface AccessLifetimes {
  /** Days a professional still sees the client after a Task of theirs closes. */
  taskFollowUpDays: number;
  /** Days after a visit with the client. */
  appointmentDays: number;
  version: number;
}

function toView(answer: Partial<AccessLifetimes>): AccessLifetimes {
  return { taskFollowUpDays: answer.taskFollowUpDays ?? 0, appointmentDays: answer.appointmentDays ?? 0, version: answer.version ?? 0 };
}

export async function fetchAccessLifetimes(): Promise<AccessLifetimes> {
  return toView(await api.get<Partial<AccessLifetimes>>('/api/admin/access-lifetimes'));
}

export async function saveAccessLifetimes(value: { taskFollowUpDays: number; appointmentDays: number }): Promise<AccessLifetimes> {
  const { data } = await api.put<Partial<AccessLifetimes>>('/api/admin/access-lifetimes', {
    taskFollowUpDays: value.taskFollowUpDays,
    appointmentDays: value.appointmentDays,
  });
  return toView(data);
}

/** A whole number of days 0–365 written in the field, or undefined. */
export function parseDays(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return undefined;
  const n = Number(trimmed);
  return n >= 0 && n <= MAX_LIFETIME_DAYS ? n : undefined;
}
