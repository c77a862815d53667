import {
  defaultVisitTypes,
  validateScheduleException,
  validateWeeklyTemplate,
  type ScheduleException,
  type VisitType,
  type WeeklyTemplate,
} from '@ovi/domain';
import type { SettingsStore } from '../settings/settingsStore';
import { badRequest, notFound } from '../fhir/outcomes';

const VISIT_TYPES = 'visit-types';
/** A weekly template is stored as the setting `schedule-template:<id>` (its versions kept in the history). */
export const TEMPLATE_PREFIX = 'schedule-template:';
const BOOKING_RULES = 'booking-rules';
const EXCEPTION_PREFIX = 'schedule-exception:';

export interface BookingRules {
  /** Residents may cancel or move their own bookings up to this many hours before. */
  cancelNoticeHours: number;
  /** How far ahead slots are generated. */
  horizonDays: number;
}

export const defaultBookingRules: BookingRules = { cancelNoticeHours: 24, horizonDays: 42 };

/** Visit types, weekly templates and booking rules: configuration kept in the database. */
export class SchedulingSettings {
  constructor(private readonly settings: SettingsStore) {}

  async ensureDefaults(): Promise<void> {
    await this.settings.ensure(VISIT_TYPES, defaultVisitTypes);
    await this.settings.ensure(BOOKING_RULES, defaultBookingRules);
  }

  async visitTypes(): Promise<VisitType[]> {
    return (await this.settings.get<VisitType[]>(VISIT_TYPES))?.value ?? defaultVisitTypes;
  }

  async bookingRules(): Promise<BookingRules> {
    return (await this.settings.get<BookingRules>(BOOKING_RULES))?.value ?? defaultBookingRules;
  }

  async templates(): Promise<WeeklyTemplate[]> {
    return (await this.settings.list<WeeklyTemplate>(TEMPLATE_PREFIX)).map((s) => s.value);
  }

  async template(id: string): Promise<WeeklyTemplate> {
    const stored = await this.settings.get<WeeklyTemplate>(`${TEMPLATE_PREFIX}${id}`);
    if (!stored) throw notFound(`Schedule template ${id} was not found`);
    return stored.value;
  }

  async exceptions(practitioner?: string): Promise<Array<ScheduleException & { id: string }>> {
    const all = (await this.settings.list<ScheduleException>(EXCEPTION_PREFIX)).map((s) => ({ ...s.value, id: s.name.slice(EXCEPTION_PREFIX.length) }));
    return practitioner ? all.filter((e) => e.practitioner === practitioner) : all;
  }

  /** Validates and stores an absence or training period; the caller regenerates the slots. */
  async saveException(id: string, value: unknown, by: string): Promise<ScheduleException> {
    const { exception, errors } = validateScheduleException(value);
    if (!exception) throw badRequest(`Invalid schedule exception: ${errors.join('; ')}`);
    await this.settings.put(`${EXCEPTION_PREFIX}${id}`, exception, by);
    return exception;
  }

  /** The template of a professional, if they have one. */
  async templateOf(practitioner: string): Promise<WeeklyTemplate | undefined> {
    return (await this.templates()).find((t) => t.practitioner === practitioner);
  }

  /** Validates and stores a template; the caller regenerates its slots. */
  async saveTemplate(id: string, value: unknown, by: string): Promise<WeeklyTemplate> {
    const { template, errors } = validateWeeklyTemplate(value, await this.visitTypes());
    if (!template) throw badRequest(`Invalid schedule template: ${errors.join('; ')}`);
    if (template.id !== id) throw badRequest(`The template's id '${template.id}' does not match the URL's '${id}'`, ['id']);
    await this.settings.put(`${TEMPLATE_PREFIX}${id}`, template, by);
    return template;
  }
}
