/** The app's paths and which roles reach them. */
import type { Role } from '../api/auth.resource';

export const PATHS = {
  login: '/login',
  sendContact: '/contact',
  myContacts: '/my-contacts',
  accessLog: '/access-log',
  appointments: '/appointments',
  queue: '/queue',
  phoneContact: '/phone-contact',
  schedule: '/schedule',
  questionnaires: '/admin/questionnaires',
  routingRules: '/admin/routing-rules',
  careGuarantee: '/admin/care-guarantee',
  schedules: '/admin/schedules',
  figures: '/figures',
  access: '/access',
} as const;

export const taskPath = (taskId: string) => `${PATHS.queue}/${encodeURIComponent(taskId)}`;

export interface NavEntry {
  path: string;
  labelKey: string;
  testId: string;
  roles: Role[];
}

export const NAV: NavEntry[] = [
  { path: PATHS.sendContact, labelKey: 'nav.sendContact', testId: 'nav-send-contact', roles: ['resident'] },
  { path: PATHS.myContacts, labelKey: 'nav.myContacts', testId: 'nav-my-contacts', roles: ['resident'] },
  { path: PATHS.appointments, labelKey: 'nav.appointments', testId: 'nav-appointments', roles: ['resident'] },
  { path: PATHS.accessLog, labelKey: 'nav.accessLog', testId: 'nav-access-log', roles: ['resident'] },
  { path: PATHS.queue, labelKey: 'nav.queue', testId: 'nav-queue', roles: ['guidance', 'professional'] },
  { path: PATHS.schedule, labelKey: 'nav.schedule', testId: 'nav-schedule', roles: ['guidance', 'professional'] },
  { path: PATHS.phoneContact, labelKey: 'nav.phoneContact', testId: 'phone-contact', roles: ['guidance', 'professional'] },
  { path: PATHS.questionnaires, labelKey: 'nav.questionnaires', testId: 'nav-questionnaires', roles: ['admin'] },
  { path: PATHS.routingRules, labelKey: 'nav.routingRules', testId: 'nav-routing-rules', roles: ['admin'] },
  { path: PATHS.careGuarantee, labelKey: 'nav.careGuarantee', testId: 'nav-care-guarantee', roles: ['admin'] },
  { path: PATHS.schedules, labelKey: 'nav.schedules', testId: 'nav-schedules', roles: ['admin'] },
  { path: PATHS.figures, labelKey: 'nav.figures', testId: 'nav-figures', roles: ['manager'] },
  { path: PATHS.access, labelKey: 'nav.access', testId: 'nav-access', roles: ['manager'] },
];

export function navFor(roles: Role[]): NavEntry[] {
  return NAV.filter((entry) => entry.roles.some((r) => roles.includes(r)));
}

/** Where a user lands after signing in: the first screen their roles reach. */
export function homeFor(roles: Role[]): string {
  return navFor(roles)[0]?.path ?? PATHS.login;
}

/** Whether a path belongs to a screen these roles may open (task pages count as the queue). */
export function isAllowed(path: string, roles: Role[]): boolean {
  return navFor(roles).some((entry) => path === entry.path || path.startsWith(`${entry.path}/`));
}
