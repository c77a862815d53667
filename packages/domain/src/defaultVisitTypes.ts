import type { VisitType } from './scheduleTemplate';

/** The demo region's visit types: data an administrator can change. */
export const defaultVisitTypes: VisitType[] = [
  {
    code: 'nurse-visit',
    label: { fi: 'Hoitajan vastaanotto', sv: 'Mottagning hos skötare', en: 'Nurse appointment' },
    minutes: 30,
    modes: ['on-site', 'phone', 'video'],
    selfBookable: true,
    nonUrgent: true,
  },
  {
    code: 'physician-visit',
    label: { fi: 'Lääkärin vastaanotto', sv: 'Läkarmottagning', en: 'Doctor appointment' },
    minutes: 30,
    modes: ['on-site', 'phone', 'video'],
    selfBookable: false,
    nonUrgent: true,
  },
  {
    code: 'physio-visit',
    label: { fi: 'Fysioterapeutin vastaanotto', sv: 'Fysioterapeutmottagning', en: 'Physiotherapist appointment' },
    minutes: 45,
    modes: ['on-site', 'video'],
    selfBookable: true,
    nonUrgent: true,
  },
  {
    code: 'counselling',
    label: { fi: 'Keskusteluaika', sv: 'Samtalstid', en: 'Counselling session' },
    minutes: 45,
    modes: ['on-site', 'phone', 'video'],
    selfBookable: false,
    nonUrgent: true,
  },
  {
    code: 'social-guidance',
    label: { fi: 'Sosiaaliohjauksen tapaaminen', sv: 'Möte med socialhandledare', en: 'Social guidance meeting' },
    minutes: 60,
    modes: ['on-site', 'phone', 'home-visit'],
    selfBookable: false,
    nonUrgent: true,
  },
  {
    code: 'vaccination',
    label: { fi: 'Rokotus', sv: 'Vaccination', en: 'Vaccination' },
    minutes: 15,
    modes: ['on-site'],
    selfBookable: true,
    nonUrgent: false,
  },
];

/** Which visit type each profession's demo template offers. */
export const defaultVisitTypeByProfession: Record<string, string> = {
  physician: 'physician-visit',
  nurse: 'nurse-visit',
  'public-health-nurse': 'nurse-visit',
  'guidance-nurse': 'nurse-visit',
  physiotherapist: 'physio-visit',
  'psychiatric-nurse': 'counselling',
  psychologist: 'counselling',
  'social-instructor': 'social-guidance',
  'social-worker': 'social-guidance',
};
