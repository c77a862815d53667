/**
 * Client paths ("asiakkaan polut"): for a critical situation of a family, what happens step
 * by step, what to expect, which services to contact, and a "contact us" that opens the
 * contact form with the matter filled in. Content in Finnish, Swedish and English; an
 * administrator edits it (setting `client-paths`, versioned like the other settings).
 */
import type { Language, LocalizedText } from '../types';
import { checkArray, checkLocalizedText, checkObject, checkOneOf, checkString, checkUniqueIds, isRecord, pathOf } from '../validation';

export interface ClientPathStep {
  title: LocalizedText;
  text: LocalizedText;
  /** What the family can expect at this step (waiting times, who calls whom). */
  expect?: LocalizedText;
}

export interface ClientPath {
  /** Lower-case letters, digits and dashes: it is the path's address (`/paths/<id>`). */
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  steps: ClientPathStep[];
  /** HealthcareService ids of the catalogue, in the order shown. */
  services: string[];
  /** What "contact us" fills in on the contact form: the reason's code and the matter's words. */
  contact: { reason: ClientPathReason; matter: LocalizedText };
}

export interface ClientPathsConfig {
  paths: ClientPath[];
}

/** The contact form's reasons a path may choose (contactQuestionnaire.ts `reason`). */
export const CLIENT_PATH_REASONS = ['child-family', 'low-mood', 'money-housing', 'other'] as const;
export type ClientPathReason = (typeof CLIENT_PATH_REASONS)[number];

export const CLIENT_PATH_LIMITS = { paths: 30, steps: 12, services: 20, title: 120, text: 2000 } as const;
const ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const SERVICE_ID = /^[A-Za-z0-9\-.]{1,64}$/;

function checkText(value: unknown, path: string, max: number, errors: string[]): void {
  checkLocalizedText(value, path, errors);
  if (!isRecord(value)) return;
  for (const lang of ['fi', 'sv', 'en'] as const) {
    const text = value[lang];
    if (typeof text === 'string' && text.length > max) errors.push(`${pathOf(path, lang)}: longer than ${max} characters`);
  }
}

function checkStep(value: unknown, path: string, errors: string[]): void {
  if (!checkObject(value, path, ['title', 'text', 'expect'], errors)) return;
  checkText(value.title, pathOf(path, 'title'), CLIENT_PATH_LIMITS.title, errors);
  checkText(value.text, pathOf(path, 'text'), CLIENT_PATH_LIMITS.text, errors);
  if (value.expect !== undefined) checkText(value.expect, pathOf(path, 'expect'), CLIENT_PATH_LIMITS.text, errors);
}

function checkPath(value: unknown, path: string, errors: string[]): void {
  if (!checkObject(value, path, ['id', 'title', 'summary', 'steps', 'services', 'contact'], errors)) return;
  if (typeof value.id !== 'string' || !ID.test(value.id)) errors.push(`${pathOf(path, 'id')}: must be lower-case letters, digits and dashes (at most 64)`);
  checkText(value.title, pathOf(path, 'title'), CLIENT_PATH_LIMITS.title, errors);
  checkText(value.summary, pathOf(path, 'summary'), CLIENT_PATH_LIMITS.text, errors);
  if (checkArray(value.steps, pathOf(path, 'steps'), errors)) {
    if (value.steps.length === 0 || value.steps.length > CLIENT_PATH_LIMITS.steps) errors.push(`${pathOf(path, 'steps')}: must have 1 to ${CLIENT_PATH_LIMITS.steps} steps`);
    value.steps.forEach((step, i) => checkStep(step, pathOf(pathOf(path, 'steps'), i), errors));
  }
  if (checkArray(value.services, pathOf(path, 'services'), errors)) {
    if (value.services.length > CLIENT_PATH_LIMITS.services) errors.push(`${pathOf(path, 'services')}: at most ${CLIENT_PATH_LIMITS.services} services`);
    value.services.forEach((id, i) => {
      if (typeof id !== 'string' || !SERVICE_ID.test(id)) errors.push(`${pathOf(pathOf(path, 'services'), i)}: must be a HealthcareService id`);
    });
    if (new Set(value.services).size !== value.services.length) errors.push(`${pathOf(path, 'services')}: a service is listed twice`);
  }
  const contact = value.contact;
  if (checkObject(contact, pathOf(path, 'contact'), ['reason', 'matter'], errors)) {
    checkOneOf(contact.reason, CLIENT_PATH_REASONS, pathOf(pathOf(path, 'contact'), 'reason'), errors);
    checkText(contact.matter, pathOf(pathOf(path, 'contact'), 'matter'), 500, errors);
  }
}

/** Checks a whole `client-paths` setting; `errors` name the offending value's path. */
export function validateClientPaths(value: unknown): { config?: ClientPathsConfig; errors: string[] } {
  const errors: string[] = [];
  // The version travels with a GET; a PUT may send it back unchanged.
  if (!checkObject(value, '', ['paths', 'version'], errors)) return { errors };
  if (checkArray(value.paths, 'paths', errors)) {
    if (value.paths.length > CLIENT_PATH_LIMITS.paths) errors.push(`paths: at most ${CLIENT_PATH_LIMITS.paths} paths`);
    value.paths.forEach((p, i) => checkPath(p, pathOf('paths', i), errors));
    checkUniqueIds(value.paths.map((p) => (isRecord(p) ? p.id : undefined)), 'paths', errors);
  }
  if (errors.length > 0) return { errors };
  return { config: { paths: value.paths as ClientPath[] }, errors };
}

/** Every service id the paths link to (the server checks they exist). */
export function linkedServices(config: ClientPathsConfig): string[] {
  return [...new Set(config.paths.flatMap((p) => p.services))];
}

export interface LocalizedClientPath {
  id: string;
  title: string;
  summary: string;
  steps: Array<{ title: string; text: string; expect?: string }>;
  services: string[];
  contact: { reason: ClientPathReason; matter: string };
}

export function localizeClientPath(path: ClientPath, lang: Language): LocalizedClientPath {
  return {
    id: path.id,
    title: path.title[lang],
    summary: path.summary[lang],
    steps: path.steps.map((s) => ({ title: s.title[lang], text: s.text[lang], ...(s.expect ? { expect: s.expect[lang] } : {}) })),
    services: path.services,
    contact: { reason: path.contact.reason, matter: path.contact.matter[lang] },
  };
}

/** The address of the contact form with a path's matter filled in (the web app reads `reason` and `matter`). */
export function contactFormLink(path: LocalizedClientPath): string {
  const query = new URLSearchParams({ reason: path.contact.reason, matter: path.contact.matter, path: path.id });
  return `/contact?${query.toString()}`;
}
