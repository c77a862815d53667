import type { Location, Organization, Practitioner } from '@medplum/fhirtypes';
import { checkFeedbackSurvey, DEFAULT_FEEDBACK_SURVEY, type FeedbackSurvey } from '@ovi/domain';
import type { SettingsStore, SettingVersion, SettingVersionInfo } from '../settings/settingsStore';
import type { ResourceStore } from '../storage/resourceStore';
import { badRequest } from '../fhir/outcomes';
import { isRecord } from '@ovi/domain/src/validation';

export const FEEDBACK_SURVEY_SETTING = 'feedback-survey';
export const FEEDBACK_RESPONSIBLE_SETTING = 'feedback-responsible';

/** Each unit's named person (or people, e.g. a deputy) responsible for client feedback (seed 003). */
export interface FeedbackResponsible {
  units: Array<{ unit: string; people: string[] }>;
}

const UNIT = /^(Location|Organization)\/[A-Za-z0-9\-.]{1,64}$/;
const PERSON = /^Practitioner\/[A-Za-z0-9\-.]{1,64}$/;

/**
 * The survey's texts and the feedback people: versioned settings an administrator edits
 * (`PUT` with If-Match, history kept by the settings store), so every server process reads the same.
 */
export class FeedbackSettings {
  constructor(
    private readonly settings: SettingsStore,
    private readonly store: ResourceStore,
  ) {}

  async ensureDefaults(): Promise<void> {
    await this.settings.ensure(FEEDBACK_SURVEY_SETTING, DEFAULT_FEEDBACK_SURVEY);
    await this.settings.ensure<FeedbackResponsible>(FEEDBACK_RESPONSIBLE_SETTING, { units: [] });
  }

  async survey(): Promise<FeedbackSurvey & { version: number }> {
    const stored = await this.settings.get<FeedbackSurvey>(FEEDBACK_SURVEY_SETTING);
    return stored ? { ...stored.value, version: Number(stored.version) } : { ...DEFAULT_FEEDBACK_SURVEY, version: 0 };
  }

  /** A survey version answered earlier (its statements name the results' rows). */
  async surveyVersion(version: number): Promise<SettingVersion<FeedbackSurvey> | undefined> {
    return this.settings.version<FeedbackSurvey>(FEEDBACK_SURVEY_SETTING, version);
  }

  async responsible(): Promise<FeedbackResponsible & { version: number }> {
    const stored = await this.settings.get<FeedbackResponsible>(FEEDBACK_RESPONSIBLE_SETTING);
    return { units: stored?.value.units ?? [], version: Number(stored?.version ?? 0) };
  }

  /** The units whose feedback `practitioner` is responsible for. */
  async unitsOf(practitioner: string): Promise<string[]> {
    return (await this.responsible()).units.filter((u) => u.people.includes(practitioner)).map((u) => u.unit);
  }

  async replaceSurvey(value: unknown, by: string, expectedVersion?: number): Promise<FeedbackSurvey & { version: number }> {
    const body = withoutVersion(value);
    const problems = checkFeedbackSurvey(body);
    if (problems.length > 0) throw badRequest(`Invalid feedback survey: ${problems.join('; ')}`);
    const stored = await this.settings.put(FEEDBACK_SURVEY_SETTING, body as FeedbackSurvey, by, expectedVersion);
    return { ...(body as FeedbackSurvey), version: stored.version };
  }

  async replaceResponsible(value: unknown, by: string, expectedVersion?: number): Promise<FeedbackResponsible & { version: number }> {
    const body = withoutVersion(value);
    const problems = await this.checkResponsible(body);
    if (problems.length > 0) throw badRequest(`Invalid feedback people: ${problems.join('; ')}`);
    const stored = await this.settings.put(FEEDBACK_RESPONSIBLE_SETTING, body as FeedbackResponsible, by, expectedVersion);
    return { ...(body as FeedbackResponsible), version: stored.version };
  }

  history(name: string, options: { limit?: number | undefined; before?: number | undefined }): Promise<SettingVersionInfo[]> {
    return this.settings.history(name, options);
  }

  version(name: string, version: number): Promise<SettingVersion<unknown> | undefined> {
    return this.settings.version<unknown>(name, version);
  }

  /** Every unit and person must exist; a unit is listed once. */
  private async checkResponsible(value: unknown): Promise<string[]> {
    if (!isRecord(value) || !Array.isArray(value.units) || Object.keys(value).some((k) => k !== 'units')) return ['must be { "units": [{ "unit": "Location/…", "people": ["Practitioner/…"] }] }'];
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const [i, entry] of value.units.entries()) {
      if (!isRecord(entry) || Object.keys(entry).some((k) => k !== 'unit' && k !== 'people')) {
        problems.push(`units[${i}]: must have unit and people only`);
        continue;
      }
      const { unit, people } = entry;
      if (typeof unit !== 'string' || !UNIT.test(unit)) problems.push(`units[${i}].unit: must be Location/… or Organization/…`);
      else if (seen.has(unit)) problems.push(`units[${i}].unit: ${unit} is listed twice`);
      else {
        seen.add(unit);
        const [type, id] = unit.split('/') as ['Location' | 'Organization', string];
        if (!(await this.store.readOptional<Location | Organization>(type, id))) problems.push(`units[${i}].unit: ${unit} does not exist`);
      }
      if (!Array.isArray(people) || people.length === 0 || people.length > 5) {
        problems.push(`units[${i}].people: name 1–5 Practitioners`);
        continue;
      }
      for (const [j, person] of people.entries()) {
        if (typeof person !== 'string' || !PERSON.test(person)) problems.push(`units[${i}].people[${j}]: must be Practitioner/…`);
        else if (!(await this.store.readOptional<Practitioner>('Practitioner', person.slice('Practitioner/'.length)))) problems.push(`units[${i}].people[${j}]: ${person} does not exist`);
      }
    }
    return problems;
  }
}

/** A setting read with GET carries its `version`; sent back as it is, the version is not part of the value. */
function withoutVersion(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const { version: _version, ...rest } = value;
  return rest;
}
