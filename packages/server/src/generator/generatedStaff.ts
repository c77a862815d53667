/**
 * The generated region's professionals: Practitioners and PractitionerRoles at the demo sites,
 * as many as a region of this size would have (per-resident ratios below, an assumption of
 * decision 029), and each one's weekly working time for the slot materializer.
 */
import type { CareTeam, CareTeamParticipant, Practitioner, PractitionerRole } from '@medplum/fhirtypes';
import { defaultVisitTypeByProfession, defaultVisitTypes, SYSTEMS, type TemplateBlock, type WeeklyTemplate } from '@ovi/domain';
import type { Random } from '@ovi/domain/src/generator';
import { DEMO_META, concept, ref } from '../demo/fhir';
import { siteLocationRef, siteOrgRef } from '../demo/organizations';
import { PROFESSION_NAMES, SITES, type SiteKey } from '../demo/regionData';
import type { Profession } from '@ovi/domain';

/** Residents per professional of each profession (one at least per site that has it). */
const RESIDENTS_PER: Partial<Record<Profession, number>> = {
  physician: 4000,
  nurse: 2500,
  'public-health-nurse': 8000,
  physiotherapist: 10_000,
  'psychiatric-nurse': 10_000,
  'social-instructor': 12_000,
  'guidance-nurse': 8000,
};

/** The family centre has the public-health nurses; the stations everyone else, by their residents' share. */
const SITE_SHARE: Record<'kokkola' | 'kannus', number> = { kokkola: 0.897, kannus: 0.103 };

export interface GeneratedProfessional {
  id: string;
  reference: string;
  profession: Profession;
  site: SiteKey;
  name: string;
}

const GIVEN = ['Anna', 'Maria', 'Laura', 'Johanna', 'Elina', 'Minna', 'Kaisa', 'Sari', 'Jukka', 'Mikko', 'Timo', 'Juha', 'Antti', 'Ville', 'Karin', 'Erik'];
const FAMILY = ['Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Hämäläinen', 'Koskinen', 'Heikkinen', 'Järvinen', 'Lehtonen', 'Saarinen', 'Niemi', 'Kangas', 'Björklund', 'Forsman'];

export function generatedProfessionals(residents: number, random: Random): GeneratedProfessional[] {
  const people: GeneratedProfessional[] = [];
  for (const [profession, per] of Object.entries(RESIDENTS_PER) as Array<[Profession, number]>) {
    const total = Math.max(1, Math.round(residents / per));
    const sites: Array<[SiteKey, number]> =
      profession === 'public-health-nurse'
        ? [['family-centre', total]]
        : [
            ['kokkola', Math.max(1, Math.round(total * SITE_SHARE.kokkola))],
            ['kannus', Math.max(1, Math.round(total * SITE_SHARE.kannus))],
          ];
    for (const [site, count] of sites) {
      for (let i = 0; i < count; i++) {
        const id = `gen-pr-${profession}-${site}-${i + 1}`;
        people.push({ id, reference: `Practitioner/${id}`, profession, site, name: `${random.pick(GIVEN)} ${random.pick(FAMILY)}` });
      }
    }
  }
  return people;
}

/**
 * Of the professionals who see clients at a health station, the share who belong to the
 * station's multi-professional team (the clients' own team, decision 021), the rest working
 * beside it: an assumption of decision 029, so that the own-team share of visits is neither
 * nothing nor everything in a generated region.
 */
export const TEAM_SHARE = 0.4;

/** The stations with a team of their own in the demo region (`CareTeam/team-<site>`). */
export const TEAM_SITES = ['kokkola', 'kannus'] as const;

/** A seeded TEAM_SHARE of each team station's professionals who see clients (not the guidance nurses). */
export function teamMembers(staff: readonly GeneratedProfessional[], random: Random): GeneratedProfessional[] {
  return staff.filter((p) => (TEAM_SITES as readonly string[]).includes(p.site) && p.profession !== 'guidance-nurse' && random.next() < TEAM_SHARE);
}

/** The station's team with the generated members added (its demo members kept). */
export function withMembers(team: CareTeam, members: readonly GeneratedProfessional[]): CareTeam {
  const added: CareTeamParticipant[] = members.map((p) => ({
    role: [concept(SYSTEMS.profession, p.profession, PROFESSION_NAMES[p.profession])],
    member: ref(p.reference, p.name),
    onBehalfOf: ref(siteOrgRef(p.site), SITES[p.site].name),
  }));
  return { ...team, participant: [...(team.participant ?? []), ...added] };
}

export function professionalResources(p: GeneratedProfessional): Array<Practitioner | PractitionerRole> {
  const [given = '', family = ''] = p.name.split(' ');
  const code = concept(SYSTEMS.profession, p.profession, PROFESSION_NAMES[p.profession]);
  return [
    {
      resourceType: 'Practitioner', id: p.id, meta: DEMO_META, active: true,
      name: [{ use: 'official', family, given: [given], text: p.name }],
      qualification: [{ code }],
    },
    {
      resourceType: 'PractitionerRole', id: `gen-role-${p.id.slice('gen-pr-'.length)}`, meta: DEMO_META, active: true,
      practitioner: ref(p.reference, p.name),
      organization: ref(siteOrgRef(p.site), SITES[p.site].name),
      code: [code],
      location: [ref(siteLocationRef(p.site), SITES[p.site].name)],
    },
  ];
}

/** Every working day's bookable blocks (the lunch hour between them). */
const WORKING_BLOCKS = [['08:00', '11:30'], ['12:30', '15:30']] as const;

/**
 * The starts of a profession's times in a working day, in hours (8.5 = 08:30): its visit
 * type's length stepped through the blocks, as the slot generation makes them. Generated
 * visits start on these, so that each takes one of its professional's times.
 */
export function slotStartHours(profession: string): number[] {
  const minutes = defaultVisitTypes.find((v) => v.code === defaultVisitTypeByProfession[profession])?.minutes ?? 30;
  const hours = (clock: string) => Number(clock.slice(0, 2)) + Number(clock.slice(3)) / 60;
  return WORKING_BLOCKS.flatMap(([start, end]) => {
    const starts: number[] = [];
    for (let h = hours(start); h + minutes / 60 <= hours(end) + 1e-9; h += minutes / 60) starts.push(Math.round(h * 60) / 60);
    return starts;
  });
}

/** Weekday working time in visit blocks, for those who see clients by appointment (not the guidance nurses). */
export function professionalTemplate(p: GeneratedProfessional, validFrom: string): WeeklyTemplate | undefined {
  const visitType = p.profession === 'guidance-nurse' ? undefined : defaultVisitTypeByProfession[p.profession];
  const modes = defaultVisitTypes.find((v) => v.code === visitType)?.modes;
  if (!visitType || !modes) return undefined;
  const block = (weekday: TemplateBlock['weekday'], [start, end]: readonly [string, string]): TemplateBlock => ({ weekday, start, end, visitType, modes });
  const blocks = ([1, 2, 3, 4, 5] as const).flatMap((day) => WORKING_BLOCKS.map((hours) => block(day, hours)));
  return { id: `tpl-${p.id}`, practitioner: p.reference, location: siteLocationRef(p.site), validFrom, blocks };
}
