/** Visit types (`GET /api/visit-types`) and weekly schedule templates (`GET /api/schedule-templates`), read only. */
import type { Bundle, Location, Practitioner } from '@medplum/fhirtypes';
import type { LocalizedText } from '@ovi/domain/src/types';
import { api } from './client';
import { currentLanguage } from '../i18n';
import { FHIR_BASE, placeName, resourcesOf } from './fhir';
import { nameOf } from './patient.resource';

export interface VisitTypeView {
  code: string;
  label: Partial<LocalizedText>;
  minutes?: number;
  modes: string[];
  selfBookable: boolean;
  nonUrgent: boolean;
}

export interface TemplateBlockView {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  start: string;
  end: string;
  visitType: string;
  modes: string[];
}

export interface TemplateView {
  id: string;
  practitioner: string;
  practitionerName?: string;
  location?: string;
  locationName?: string;
  validFrom?: string;
  validTo?: string;
  blocks: TemplateBlockView[];
}

export interface ScheduleTemplates {
  visitTypes: VisitTypeView[];
  templates: TemplateView[];
}

interface Raw {
  visitTypes?: Array<Partial<VisitTypeView>>;
  templates?: Array<Partial<Omit<TemplateView, 'blocks'>> & { blocks?: Array<Partial<TemplateBlockView>> }>;
}

/** Names of professionals and places for the headings; best effort. */
async function directoryNames(): Promise<Map<string, string>> {
  const [people, places] = await Promise.all([
    api.get<Bundle>(`${FHIR_BASE}/Practitioner?_count=100`).catch(() => undefined),
    api.get<Bundle>(`${FHIR_BASE}/Location?_count=100`).catch(() => undefined),
  ]);
  return new Map([
    ...resourcesOf<Practitioner>(people, 'Practitioner').map((p): [string, string] => [`Practitioner/${p.id ?? ''}`, nameOf(p.name)]),
    ...resourcesOf<Location>(places, 'Location').map((l): [string, string] => [`Location/${l.id ?? ''}`, placeName(l, currentLanguage()) ?? '']),
  ]);
}

function toVisitType(v: Partial<VisitTypeView>): VisitTypeView {
  return {
    code: v.code ?? '',
    label: v.label ?? {},
    minutes: v.minutes,
    modes: v.modes ?? [],
    selfBookable: v.selfBookable === true,
    nonUrgent: v.nonUrgent === true,
  };
}

/** `GET /api/visit-types`: the region's visit types (any signed-in user). */
export async function fetchVisitTypes(): Promise<VisitTypeView[]> {
  const raw = await api.get<{ visitTypes?: Array<Partial<VisitTypeView>> }>('/api/visit-types');
  return (raw.visitTypes ?? []).map(toVisitType).filter((v) => v.code);
}

export async function fetchScheduleTemplates(): Promise<ScheduleTemplates> {
  const [raw, names] = await Promise.all([api.get<Raw>('/api/schedule-templates'), directoryNames()]);
  return {
    visitTypes: (raw.visitTypes ?? []).map(toVisitType),
    templates: (raw.templates ?? [])
      .map((t, index) => ({
        id: t.id ?? String(index),
        practitioner: t.practitioner ?? '',
        practitionerName: names.get(t.practitioner ?? '') || undefined,
        location: t.location,
        locationName: names.get(t.location ?? '') || undefined,
        validFrom: t.validFrom,
        validTo: t.validTo,
        blocks: (t.blocks ?? [])
          .map((b) => ({ weekday: b.weekday ?? 1, start: b.start ?? '', end: b.end ?? '', visitType: b.visitType ?? '', modes: b.modes ?? [] }))
          .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
      }))
      .sort((a, b) => (a.practitionerName ?? a.practitioner).localeCompare(b.practitionerName ?? b.practitioner, 'fi')),
  };
}
