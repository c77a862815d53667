/**
 * A team's or a unit's times (`GET /api/schedule-view`): free and taken per professional,
 * without any client data. Teams are active work CareTeams, units are Locations.
 */
import type { Bundle, CareTeam, Location } from '@medplum/fhirtypes';
import { api } from './client';
import { currentLanguage } from '../i18n';
import { FHIR_BASE, placeName, resourcesOf } from './fhir';

export type ScopeKind = 'team' | 'location';

export interface ScheduleScope {
  kind: ScopeKind;
  /** `CareTeam/<id>` or `Location/<id>` */
  reference: string;
  name: string;
  /** Team members (`Practitioner/<id>`), to start from the user's own team. */
  members: string[];
}

export interface ScheduleScopes {
  teams: ScheduleScope[];
  units: ScheduleScope[];
}

export interface TeamSlotView {
  id: string;
  start: string;
  end: string;
  status: 'free' | 'busy';
  visitType: string;
  modes: string[];
}

export interface TeamProfessionalView {
  practitioner: string;
  name: string;
  /** A profession code. */
  profession?: string;
  location?: string;
  locationName?: string;
  slots: TeamSlotView[];
}

export interface TeamScheduleView {
  from: string;
  to: string;
  professionals: TeamProfessionalView[];
}

/** Active work teams (a client's own care team has a subject and is left out) and all units. */
export async function fetchScheduleScopes(): Promise<ScheduleScopes> {
  const [teams, places] = await Promise.all([
    api.get<Bundle>(`${FHIR_BASE}/CareTeam?status=active&_count=100`),
    api.get<Bundle>(`${FHIR_BASE}/Location?_count=100&_sort=name`),
  ]);
  return {
    teams: resourcesOf<CareTeam>(teams, 'CareTeam')
      .filter((t) => !t.subject)
      .map((t) => ({
        kind: 'team' as const,
        reference: `CareTeam/${t.id ?? ''}`,
        name: t.name ?? t.id ?? '',
        members: (t.participant ?? []).flatMap((p) => (p.member?.reference ? [p.member.reference] : [])),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fi')),
    units: resourcesOf<Location>(places, 'Location')
      .filter((l) => l.status !== 'inactive')
      .map((l) => ({ kind: 'location' as const, reference: `Location/${l.id ?? ''}`, name: placeName(l, currentLanguage()) ?? l.id ?? '', members: [] })),
  };
}

interface RawView {
  from?: string;
  to?: string;
  professionals?: Array<Partial<Omit<TeamProfessionalView, 'slots'>> & { slots?: Array<Partial<TeamSlotView>> }>;
}

/** `from`/`to` are Helsinki calendar days (YYYY-MM-DD), at most 31 days apart. */
export async function fetchTeamSchedule(scope: Pick<ScheduleScope, 'kind' | 'reference'>, from: string, to: string, placeNames: Map<string, string>): Promise<TeamScheduleView> {
  const query = new URLSearchParams({ from, to, [scope.kind === 'team' ? 'team' : 'location']: scope.reference });
  const view = await api.get<RawView>(`/api/schedule-view?${query.toString()}`);
  return {
    from: view.from ?? from,
    to: view.to ?? to,
    professionals: (view.professionals ?? [])
      .map((p) => ({
        practitioner: p.practitioner ?? '',
        name: p.name || p.practitioner || '',
        profession: p.profession,
        location: p.location,
        locationName: p.locationName ?? (p.location ? placeNames.get(p.location) : undefined),
        slots: (p.slots ?? [])
          .filter((s): s is Partial<TeamSlotView> & { start: string } => typeof s.start === 'string')
          .map((s) => ({ id: s.id ?? s.start, start: s.start, end: s.end ?? '', status: s.status === 'busy' ? ('busy' as const) : ('free' as const), visitType: s.visitType ?? '', modes: s.modes ?? [] }))
          .sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fi')),
  };
}
