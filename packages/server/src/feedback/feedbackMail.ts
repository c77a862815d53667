import { createHash, randomBytes } from 'node:crypto';
import type { Patient } from '@medplum/fhirtypes';
import type { Language } from '@ovi/domain';
import type { Database } from '../db/database';
import type { ResourceStore } from '../storage/resourceStore';
import type { Mailer } from '../notifications/mailer';
import { claimInvitationEmail, unsentInvitations, type FeedbackInvitationRow } from '../storage/feedbackStore';

const LANGUAGES: Language[] = ['fi', 'sv', 'en'];

/** A new survey link token: 256 random bits, URL-safe. */
export function newFeedbackToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as this hash: a copy of the database does not open anyone's survey. */
export function feedbackTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A token as the link carries it (43 base64url characters); anything else is not one. */
export const isFeedbackTokenShape = (token: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(token);

/**
 * Sends the survey links by e-mail after the outcome has been committed, each once: the
 * invitation's row is claimed (`email_state`) before sending, so parallel processes never send
 * twice. The token is made at that moment and only its hash is kept. An invitation of a
 * resident with no e-mail address is still answerable in the portal.
 */
export class FeedbackMail {
  constructor(
    private readonly db: Database,
    private readonly store: ResourceStore,
    private readonly mailer: Mailer,
    private readonly publicUrl: string | undefined,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Fire-and-forget after a commit; `origin` is the request's address when no public address is configured. */
  sendSoon(origin: string | undefined): void {
    this.sendDue(origin).catch((error: unknown) => this.log(`feedback e-mail failed: ${(error as Error).message}`));
  }

  /** Sends every invitation still waiting for its e-mail; returns how many were sent. */
  async sendDue(origin?: string): Promise<number> {
    const base = this.publicUrl ?? origin;
    // Without an address to link to, the invitations wait for a process that knows one.
    if (!base) return 0;
    let sent = 0;
    for (const invitation of await unsentInvitations(this.db)) if (await this.send(invitation, base)) sent++;
    return sent;
  }

  private async send(invitation: FeedbackInvitationRow, base: string): Promise<boolean> {
    const patient = await this.store.readOptional<Patient>('Patient', invitation.patient.replace('Patient/', ''));
    const to = patient?.telecom?.find((t) => t.system === 'email')?.value;
    if (!to) {
      await claimInvitationEmail(this.db, invitation.id, undefined);
      return false;
    }
    const token = newFeedbackToken();
    if (!(await claimInvitationEmail(this.db, invitation.id, feedbackTokenHash(token)))) return false;
    const language = preferredLanguage(patient);
    await this.mailer.send({ to, ...invitationMessage(language, `${base}/feedback/${token}`, invitation.context.unitName, new Date(invitation.expires_at)) });
    return true;
  }
}

export function preferredLanguage(patient: Patient | undefined): Language {
  const code = patient?.communication?.find((c) => c.preferred)?.language?.coding?.[0]?.code ?? patient?.communication?.[0]?.language?.coding?.[0]?.code;
  return LANGUAGES.find((l) => code?.startsWith(l)) ?? 'fi';
}

function invitationMessage(language: Language, link: string, unit: string | undefined, expires: Date): { subject: string; text: string } {
  const until = new Intl.DateTimeFormat({ fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' }[language], { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'Europe/Helsinki' }).format(expires);
  const where = unit ? { fi: ` (${unit})`, sv: ` (${unit})`, en: ` (${unit})` }[language] : '';
  return {
    fi: {
      subject: 'Miten onnistuimme? Kerro kokemuksestasi',
      text: `Kiitos asioinnistasi${where}. Vastaa lyhyeen kyselyyn – se vie pari minuuttia ja vastaat nimettömästi:\n\n${link}\n\nLinkki on voimassa ${until} asti. Voit vastata myös kirjautumalla Oviin.`,
    },
    sv: {
      subject: 'Hur lyckades vi? Berätta om din upplevelse',
      text: `Tack för ditt besök${where}. Svara på en kort enkät – det tar ett par minuter och du svarar anonymt:\n\n${link}\n\nLänken gäller till ${until}. Du kan också svara när du loggar in i Ovi.`,
    },
    en: {
      subject: 'How did we do? Tell us about your experience',
      text: `Thank you for your visit${where}. Please answer a short survey – it takes a couple of minutes and you answer anonymously:\n\n${link}\n\nThe link is open until ${until}. You can also answer when you log in to Ovi.`,
    },
  }[language];
}
