/** The app's paths and which roles reach them. */
import type { Role } from '../api/auth.resource';

export const PATHS = {
  login: '/login',
  sendContact: '/contact',
  myContacts: '/my-contacts',
  messages: '/messages',
  accessLog: '/access-log',
  sharing: '/sharing',
  appointments: '/appointments',
  book: '/book',
  queue: '/queue',
  phoneContact: '/phone-contact',
  schedule: '/schedule',
  consultations: '/consultations',
  teamSchedule: '/team-schedule',
  questionnaires: '/admin/questionnaires',
  routingRules: '/admin/routing-rules',
  careGuarantee: '/admin/care-guarantee',
  schedules: '/admin/schedules',
  directory: '/admin/directory',
  safetyScreen: '/admin/safety-screen',
  configurationGaps: '/admin/configuration-gaps',
  accessLifetimes: '/admin/access-lifetimes',
  figures: '/figures',
  access: '/access',
  portfolio: '/portfolio',
  dashboard: '/dashboard',
  myFeedback: '/my-feedback',
  feedbackResults: '/feedback-results',
  /** `/feedback/<token>`: the survey from an e-mailed link, without logging in. */
  feedbackLink: '/feedback/',
  notices: '/notices',
  sendNotice: '/notice',
  services: '/services',
  clientPathsAdmin: '/admin/client-paths',
  /** The resident's live chat, with or without logging in. */
  chat: '/chat',
  chatConsole: '/chat-console',
} as const;

/** A client path (`/services/paths/<id>`), open without logging in like the service finder. */
export const clientPathPath = (id: string) => `${PATHS.services}/paths/${encodeURIComponent(id)}`;

/** Screens anyone may open without logging in: the service finder and the client paths. */
export const isPublicPath = (path: string): boolean => path === PATHS.services || path.startsWith(`${PATHS.services}/paths/`) || path === PATHS.chat;

export const taskPath = (taskId: string) => `${PATHS.queue}/${encodeURIComponent(taskId)}`;

/** One visit of the professional's own day, opened from the schedule. */
export const visitPath = (appointmentId: string) => `${PATHS.schedule}/visit/${encodeURIComponent(appointmentId)}`;

/** `/admin/directory/<kind>`, its `/new` form, or one entry's form. */
export const directoryPath = (kind: string, id?: string) => `${PATHS.directory}/${kind}${id ? `/${encodeURIComponent(id)}` : ''}`;

export interface NavEntry {
  path: string;
  labelKey: string;
  testId: string;
  roles: Role[];
  /** A number shown beside the label (questions waiting for an answer). */
  count?: 'consultations';
  /** Only for professionals licensed in this register (the notices: social-welfare staff). */
  register?: 'health' | 'social';
  /** Reachable but not in the menu (a manager's older figure page, now a dashboard theme). */
  menu?: false;
}

/**
 * The manager's older figure pages and the dashboard theme that now holds their figures: the
 * old addresses (bookmarks, shared links) lead there with their period.
 */
export const FOLDED_INTO_DASHBOARD: Record<string, string> = {
  '/figures': '/dashboard/demand',
  '/access': '/dashboard/access',
  '/segment-counts': '/dashboard/demand',
  '/plan-outcomes': '/dashboard/continuity',
};

export const NAV: NavEntry[] = [
  { path: PATHS.sendContact, labelKey: 'nav.sendContact', testId: 'nav-send-contact', roles: ['resident'] },
  { path: PATHS.myContacts, labelKey: 'nav.myContacts', testId: 'nav-my-contacts', roles: ['resident'] },
  { path: PATHS.messages, labelKey: 'messages.nav', testId: 'nav-messages', roles: ['resident'] },
  { path: PATHS.chat, labelKey: 'chat.nav', testId: 'nav-chat', roles: ['resident'] },
  { path: PATHS.book, labelKey: 'nav.book', testId: 'nav-book', roles: ['resident'] },
  { path: PATHS.appointments, labelKey: 'nav.appointments', testId: 'nav-appointments', roles: ['resident'] },
  { path: PATHS.accessLog, labelKey: 'nav.accessLog', testId: 'nav-access-log', roles: ['resident'] },
  { path: PATHS.sharing, labelKey: 'nav.sharing', testId: 'nav-sharing', roles: ['resident'] },
  { path: '/acting-for', labelKey: 'portal.acting.nav', testId: 'nav-acting-for', roles: ['resident'] },
  { path: '/my-measurements', labelKey: 'selfMonitoring.nav', testId: 'nav-my-measurements', roles: ['resident'] },
  { path: '/my-everyday', labelKey: 'segmentation.nav.mine', testId: 'nav-my-everyday', roles: ['resident'] },
  { path: '/my-plan', labelKey: 'carePlan.nav', testId: 'nav-my-plan', roles: ['resident'] },
  { path: PATHS.myFeedback, labelKey: 'feedback.portal.nav', testId: 'nav-my-feedback', roles: ['resident'] },
  { path: PATHS.services, labelKey: 'serviceFinder.nav', testId: 'nav-services', roles: ['resident'] },
  { path: PATHS.queue, labelKey: 'nav.queue', testId: 'nav-queue', roles: ['guidance', 'professional'] },
  { path: PATHS.schedule, labelKey: 'nav.schedule', testId: 'nav-schedule', roles: ['guidance', 'professional'] },
  { path: PATHS.consultations, labelKey: 'consultations.nav', testId: 'nav-consultations', roles: ['guidance', 'professional'], count: 'consultations' },
  { path: PATHS.notices, labelKey: 'socialNotices.navQueue', testId: 'nav-notices', roles: ['professional'], register: 'social' },
  { path: PATHS.sendNotice, labelKey: 'socialNotices.navSend', testId: 'nav-send-notice', roles: ['resident', 'professional'] },
  { path: PATHS.chatConsole, labelKey: 'chat.consoleNav', testId: 'nav-chat-console', roles: ['guidance', 'professional'] },
  { path: PATHS.phoneContact, labelKey: 'nav.phoneContact', testId: 'phone-contact', roles: ['guidance', 'professional'] },
  { path: '/monitoring', labelKey: 'selfMonitoring.team.nav', testId: 'nav-monitoring', roles: ['guidance', 'professional'] },
  { path: '/high-need', labelKey: 'segmentation.nav.highNeed', testId: 'nav-high-need', roles: ['guidance', 'professional'] },
  { path: '/care-plans', labelKey: 'carePlan.teamNav', testId: 'nav-care-plans', roles: ['professional'] },
  { path: PATHS.questionnaires, labelKey: 'nav.questionnaires', testId: 'nav-questionnaires', roles: ['admin'] },
  { path: PATHS.routingRules, labelKey: 'nav.routingRules', testId: 'nav-routing-rules', roles: ['admin'] },
  { path: PATHS.careGuarantee, labelKey: 'nav.careGuarantee', testId: 'nav-care-guarantee', roles: ['admin'] },
  { path: PATHS.schedules, labelKey: 'nav.schedules', testId: 'nav-schedules', roles: ['admin'] },
  { path: PATHS.directory, labelKey: 'nav.directory', testId: 'nav-directory', roles: ['admin'] },
  { path: PATHS.safetyScreen, labelKey: 'nav.safetyScreen', testId: 'nav-safety-screen', roles: ['admin'] },
  { path: PATHS.configurationGaps, labelKey: 'nav.configurationGaps', testId: 'nav-configuration-gaps', roles: ['admin'] },
  { path: PATHS.accessLifetimes, labelKey: 'nav.accessLifetimes', testId: 'nav-access-lifetimes', roles: ['admin'] },
  { path: '/admin/reply-templates', labelKey: 'workday.admin.nav', testId: 'nav-reply-templates', roles: ['admin'] },
  { path: PATHS.clientPathsAdmin, labelKey: 'clientPaths.admin.nav', testId: 'nav-client-paths', roles: ['admin'] },
  { path: '/admin/settings', labelKey: 'adminSettings.nav', testId: 'nav-admin-settings', roles: ['admin'] },
  { path: '/admin/smart-apps', labelKey: 'smartApps.nav', testId: 'nav-smart-apps', roles: ['admin'] },
  { path: '/admin/opening-hours', labelKey: 'openingHours.nav', testId: 'nav-opening-hours', roles: ['admin'] },
  { path: '/admin/segmentation', labelKey: 'segmentation.nav.admin', testId: 'nav-segmentation-admin', roles: ['admin'] },
  // The manager's figures are one entry, the dashboard with its theme tabs (first: where a manager starts).
  { path: PATHS.dashboard, labelKey: 'dashboard.nav', testId: 'nav-dashboard', roles: ['manager'] },
  { path: PATHS.portfolio, labelKey: 'portfolio.nav', testId: 'nav-portfolio', roles: ['manager', 'admin'] },
  { path: PATHS.figures, labelKey: 'nav.figures', testId: 'nav-figures', roles: ['manager'], menu: false },
  { path: PATHS.access, labelKey: 'nav.access', testId: 'nav-access', roles: ['manager'], menu: false },
  { path: '/segment-counts', labelKey: 'segmentation.nav.counts', testId: 'nav-segment-counts', roles: ['manager'], menu: false },
  { path: '/plan-outcomes', labelKey: 'carePlan.figures.nav', testId: 'nav-plan-outcomes', roles: ['manager'], menu: false },
  { path: PATHS.feedbackResults, labelKey: 'feedback.results.nav', testId: 'nav-feedback-results', roles: ['guidance', 'professional'] },
  // A manager opens the feedback results from the dashboard's experience page.
  { path: PATHS.feedbackResults, labelKey: 'feedback.results.nav', testId: 'nav-feedback-results', roles: ['manager'], menu: false },
  // Last, so that a manager still starts from the figures.
  { path: PATHS.teamSchedule, labelKey: 'nav.teamSchedule', testId: 'nav-team-schedule', roles: ['guidance', 'professional', 'manager'] },
];

export function navFor(roles: Role[], registers: string[] = []): NavEntry[] {
  return NAV.filter((entry) => entry.roles.some((r) => roles.includes(r)) && (!entry.register || registers.includes(entry.register)));
}

/** The menu: the screens these roles reach, less the ones kept only for old addresses; each path once. */
export function menuFor(roles: Role[], registers: string[] = []): NavEntry[] {
  const entries = navFor(roles, registers).filter((entry) => entry.menu !== false);
  return entries.filter((entry, i) => entries.findIndex((e) => e.path === entry.path) === i);
}

/** Where a user lands after signing in: the first screen of their menu. */
export function homeFor(roles: Role[], registers: string[] = []): string {
  return menuFor(roles, registers)[0]?.path ?? PATHS.login;
}

/** Whether a path belongs to a screen these roles may open (task pages count as the queue). */
export function isAllowed(path: string, roles: Role[], registers: string[] = []): boolean {
  return navFor(roles, registers).some((entry) => path === entry.path || path.startsWith(`${entry.path}/`));
}
