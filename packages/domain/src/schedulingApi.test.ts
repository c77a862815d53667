import { describe, it, expect } from 'vitest';
import * as domain from './index';

describe('@ovi/domain scheduling API', () => {
  it.each([
    'validateWeeklyTemplate',
    'parseClockTime',
    'generateSlots',
    'reconcileSlots',
    'slotKey',
    'findEarliestSlots',
    'thirdNextAvailable',
    't3ForUnit',
    'median',
    'percentile',
    'calendarDaysBetween',
    'workingDaysBetween',
  ])('exports the function %s', (name) => {
    expect(typeof (domain as Record<string, unknown>)[name]).toBe('function');
  });
  it('exports the visit modes', () => expect(domain.VISIT_MODES).toEqual(['on-site', 'phone', 'video', 'home-visit']));
});

describe('from template to proposal and T3', () => {
  it('books a Friday contact before its deadline and measures T3', () => {
    const label = { fi: 'Hoitajan vastaanotto', sv: 'Skötarmottagning', en: 'Nurse appointment' };
    const visitTypes: domain.VisitType[] = [
      { code: 'nurse-30', label, minutes: 30, modes: ['on-site', 'phone'], selfBookable: true, nonUrgent: true },
    ];
    const raw = {
      id: 'tpl-anna',
      practitioner: 'Practitioner/anna',
      validFrom: '2026-01-01',
      blocks: [{ weekday: 3, start: '12:00', end: '13:00', visitType: 'nurse-30', modes: ['phone'] }],
    };
    const { template, errors } = domain.validateWeeklyTemplate(raw, visitTypes);
    expect(errors).toEqual([]);
    if (!template) throw new Error('no template');
    const slots = domain.generateSlots({ template, visitTypes, exceptions: [], from: '2026-06-15', to: '2026-07-31' });

    const contactAt = new Date('2026-06-12T12:00:00Z'); // Friday 15:00
    const deadlines = domain.computeDeadlines({
      contactAt,
      service: 'primary-care',
      urgency: 'non-urgent',
      birthDate: '2010-01-01',
      config: domain.defaultCareGuaranteeConfig,
    });
    const candidates = slots.map((s) => ({ ...s, slotId: s.key, profession: 'nurse', languages: ['fi'] }));
    const result = domain.findEarliestSlots(candidates, { start: contactAt, end: deadlines.workTo, visitMode: 'phone' });
    expect(result.keepsDeadline).toBe(true);
    expect(result.proposals[0]?.start.toISOString()).toBe('2026-06-17T09:00:00.000Z'); // Wednesday 12:00

    const t3 = domain.thirdNextAvailable(slots.map((s) => s.start), contactAt);
    expect(t3).toBe(12); // 12.6. → Wed 24.6. (two slots on 17.6., the third a week later)
  });
});
