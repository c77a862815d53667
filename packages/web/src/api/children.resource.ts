/** The children under 18 in the signed-in resident's guardianship (`GET /api/me/children`). */
import { api } from './client';

export interface Child {
  /** `Patient/…` */
  reference: string;
  name?: string;
  birthDate?: string;
}

export async function fetchMyChildren(): Promise<Child[]> {
  const answer = await api.get<{ children?: Partial<Child>[] }>('/api/me/children');
  return (answer.children ?? []).flatMap((c) => (c.reference ? [{ reference: c.reference, name: c.name, birthDate: c.birthDate }] : []));
}
