/**
 * The service finder (`GET /api/services/search`, `GET /api/services/municipalities`), open
 * without logging in: the catalogue of the region's, NGOs' and parishes' services.
 */
import { api } from '../api/client';

export type Lang = 'fi' | 'sv' | 'en';

export interface ServiceReason {
  kind: 'words' | 'similar-name' | 'similar-words' | 'filters-only';
  language?: Lang;
}

export interface ServiceCardView {
  id: string;
  name: string;
  description: string;
  details?: string;
  provider?: { name: string; kind: 'region' | 'ngo' | 'parish' };
  municipalities: string[];
  ages: { low?: number; high?: number };
  languages: string[];
  accessibility: string[];
  phones: Array<{ value: string; href: string }>;
  email?: string;
  website?: string;
  address?: string;
  hours: Array<{ days: string[]; allDay: boolean; from?: string; to?: string }>;
  opening: { known: boolean; openNow: boolean; alwaysOpen: boolean; nextOpening?: string };
  reasons?: ServiceReason[];
}

export interface ServiceSearch {
  q: string;
  lang: Lang;
  municipality?: string;
  age?: number;
}

export interface Municipality {
  code: string;
  fi: string;
  sv: string;
}

export async function searchServices(search: ServiceSearch): Promise<{ total: number; services: ServiceCardView[] }> {
  const query = new URLSearchParams({ lang: search.lang, limit: '30' });
  if (search.q.trim()) query.set('q', search.q.trim());
  if (search.municipality) query.set('municipality', search.municipality);
  if (search.age !== undefined) query.set('age', String(search.age));
  return api.get(`/api/services/search?${query.toString()}`);
}

export async function fetchMunicipalities(): Promise<Municipality[]> {
  return (await api.get<{ municipalities: Municipality[] }>('/api/services/municipalities')).municipalities;
}
