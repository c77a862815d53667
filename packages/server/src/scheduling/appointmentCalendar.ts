import type { Appointment } from '@medplum/fhirtypes';
import type { Language } from '@ovi/domain';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import { badRequest, conflict } from '../fhir/outcomes';
import { appointmentCalendarFile, type CalendarFile } from '../notifications/calendarFile';
import { unitContact } from './unitContact';

export type { CalendarFile } from '../notifications/calendarFile';

const LANGUAGES: Language[] = ['fi', 'sv', 'en'];

/**
 * `GET /api/appointments/{id}/calendar.ics`: the add-to-calendar file of an appointment, with
 * exactly the access (and audit record) of reading the Appointment itself.
 */
export class AppointmentCalendar {
  constructor(private readonly fhir: FhirService) {}

  async file(ctx: RequestContext, id: string, lang: string | undefined): Promise<CalendarFile> {
    if (lang !== undefined && !LANGUAGES.includes(lang as Language)) throw badRequest('lang must be fi, sv or en', ['lang']);
    const appointment = (await this.fhir.read(ctx, 'Appointment', id)) as Appointment;
    if (!appointment.start || !appointment.end || !(Date.parse(appointment.end) > Date.parse(appointment.start))) {
      throw conflict('This appointment has no time to put in a calendar');
    }
    const place = await unitContact(this.fhir.store, appointment);
    return appointmentCalendarFile(appointment, place, (lang as Language | undefined) ?? 'fi', new Date());
  }
}
