import type { PractitionerRole, Resource } from '@medplum/fhirtypes';
import { defaultVisitTypeByProfession, defaultVisitTypes, type TemplateBlock, type WeeklyTemplate } from '@ovi/domain';

const WEEKDAYS = [1, 2, 3, 4, 5] as const;

/**
 * Weekly working times of the demo professionals: weekday mornings and afternoons, and
 * evening hours on Tuesdays for physicians (the seeds ask for evening and weekend hours).
 */
export function demoTemplates(resources: Resource[]): WeeklyTemplate[] {
  return resources
    .filter((r): r is PractitionerRole => r.resourceType === 'PractitionerRole')
    .flatMap((role) => {
      const profession = role.code?.[0]?.coding?.[0]?.code ?? '';
      const visitType = profession === 'guidance-nurse' ? undefined : defaultVisitTypeByProfession[profession];
      const practitioner = role.practitioner?.reference;
      const modes = defaultVisitTypes.find((v) => v.code === visitType)?.modes;
      if (!visitType || !practitioner || !modes) return [];
      const block = (weekday: TemplateBlock['weekday'], start: string, end: string): TemplateBlock => ({ weekday, start, end, visitType, modes });
      const blocks = WEEKDAYS.flatMap((day) => [block(day, '08:00', '11:30'), block(day, '12:30', '16:00')]);
      if (profession === 'physician') blocks.push(block(2, '16:00', '19:00'));
      return [
        {
          id: `tpl-${practitioner.replace('Practitioner/', '')}`,
          practitioner,
          location: role.location?.[0]?.reference,
          validFrom: '2026-01-01',
          blocks,
        },
      ];
    });
}
