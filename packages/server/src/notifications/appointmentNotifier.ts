import type { Appointment, Location, Patient } from '@medplum/fhirtypes';
import type { Language } from '@ovi/domain';
import type { Database } from '../db/database';
import type { ResourceStore } from '../storage/resourceStore';
import type { Mailer } from './mailer';
import { appointmentMessage, type MessageKind } from './appointmentMessages';
import { appointmentCalendarFile } from './calendarFile';
import { unitContact } from '../scheduling/unitContact';
import { claimNotification } from '../storage/notificationLog';
import { now as clockNow } from '../time/clock';

const LANGUAGES: Language[] = ['fi', 'sv', 'en'];
/** Messages that carry the add-to-calendar file of the (new) time. */
const WITH_CALENDAR = new Set<MessageKind>(['confirmation', 'moved']);

/** How many due visits one read of the reminder job takes. */
const REMINDER_PAGE = 500;

/**
 * Confirmations, cancellations and reminders of appointments by e-mail, each sent once:
 * `notification_sent` records it first, so parallel server processes never send twice.
 */
export class AppointmentNotifier {
  constructor(
    private readonly db: Database,
    private readonly store: ResourceStore,
    private readonly mailer: Mailer,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Fire-and-forget after a booking, move or cancellation has been committed (`previous`: the time moved from). */
  notify(appointment: Appointment, kind: MessageKind, previous?: Appointment): void {
    this.send(appointment, kind, previous).catch((error: unknown) => this.log(`e-mail ${kind} for Appointment/${appointment.id} failed: ${(error as Error).message}`));
  }

  /** Sends reminders for booked appointments starting within the next `hours`. */
  async sendReminders(now = clockNow(), hours = 24): Promise<number> {
    let sent = 0;
    // Every page: a region books more than one page of visits a day, and a reminder already
    // claimed still takes its place on the page (one page of 1 000 left the rest without one).
    const due = this.store.searchPages(
      {
        resourceType: 'Appointment',
        filters: [
          { code: 'status', kind: 'token', values: ['booked'] },
          { code: 'date', kind: 'date', values: [`gt${now.toISOString()}`] },
          { code: 'date', kind: 'date', values: [`le${new Date(now.getTime() + hours * 3_600_000).toISOString()}`] },
        ],
      },
      REMINDER_PAGE,
    );
    for await (const page of due) for (const appointment of page as Appointment[]) if (await this.send(appointment, 'reminder')) sent++;
    return sent;
  }

  private async send(appointment: Appointment, kind: MessageKind, previous?: Appointment): Promise<boolean> {
    if (!(await claimNotification(this.db, appointment.id ?? '', kind))) return false;
    const patientRef = appointment.participant.find((p) => p.actor?.reference?.startsWith('Patient/'))?.actor?.reference ?? '';
    const patient = await this.store.readOptional<Patient>('Patient', patientRef.replace('Patient/', ''));
    const to = patient?.telecom?.find((t) => t.system === 'email')?.value;
    if (!to || !appointment.start) return false;
    const locationRef = appointment.participant.find((p) => p.actor?.reference?.startsWith('Location/'))?.actor?.reference;
    const location = locationRef ? await this.store.readOptional<Location>('Location', locationRef.replace('Location/', '')) : undefined;
    const code = patient?.communication?.find((c) => c.preferred)?.language?.coding?.[0]?.code ?? patient?.communication?.[0]?.language?.coding?.[0]?.code;
    const language = LANGUAGES.find((l) => code?.startsWith(l)) ?? 'fi';
    const message = appointmentMessage(kind, language, new Date(appointment.start), location?.name, previous?.start ? new Date(previous.start) : undefined);
    const attachments = WITH_CALENDAR.has(kind) && appointment.end ? [await this.calendarAttachment(appointment, language)] : [];
    await this.mailer.send({ to, ...message, ...(attachments.length ? { attachments } : {}) });
    return true;
  }

  /** The same file as `GET /api/appointments/{id}/calendar.ics`: when, where and whom to call. */
  private async calendarAttachment(appointment: Appointment, language: Language) {
    const file = appointmentCalendarFile(appointment, await unitContact(this.store, appointment), language, new Date());
    return { filename: file.filename, content: file.body, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' };
  }
}
