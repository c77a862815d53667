import type { Patient } from '@medplum/fhirtypes';
import type { Language } from '@ovi/domain';
import type { SqlExecutor } from '../db/database';
import type { ResourceStore } from '../storage/resourceStore';
import { claimUnsentOffers, type OfferedTime } from '../storage/waitListStore';
import { now as clockNow } from '../time/clock';
import type { Mailer } from './mailer';
import { waitListOfferMessage } from './waitListMessages';

const LANGUAGES: Language[] = ['fi', 'sv', 'en'];

/**
 * Wait-list offers by e-mail to whoever joined the list (the client, or the guardian or
 * representative acting for them). Offers are claimed in the database before sending, so of
 * several server processes each offer is mailed once; one e-mail per person per round.
 */
export class OfferNotifier {
  constructor(
    private readonly db: SqlExecutor,
    private readonly store: ResourceStore,
    private readonly mailer: Mailer,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Fire-and-forget after a commit that may have made offers. */
  sendPending(): void {
    this.send().catch((error: unknown) => this.log(`wait-list offer e-mail failed: ${(error as Error).message}`));
  }

  /** Sends every offer not yet sent (also run on the reminder interval, for offers whose process stopped). */
  async send(now = clockNow()): Promise<number> {
    const claimed = await claimUnsentOffers(this.db, now);
    const byPerson = new Map<string, OfferedTime[]>();
    for (const offer of claimed) byPerson.set(offer.joinedBy, [...(byPerson.get(offer.joinedBy) ?? []), offer]);
    let sent = 0;
    for (const [person, offers] of byPerson) if (await this.mail(person, offers)) sent++;
    return sent;
  }

  private async mail(person: string, offers: OfferedTime[]): Promise<boolean> {
    const patient = await this.store.readOptional<Patient>('Patient', person.replace('Patient/', ''));
    const to = patient?.telecom?.find((t) => t.system === 'email')?.value;
    if (!to) return false;
    const code = patient?.communication?.find((c) => c.preferred)?.language?.coding?.[0]?.code ?? patient?.communication?.[0]?.language?.coding?.[0]?.code;
    const language = LANGUAGES.find((l) => code?.startsWith(l)) ?? 'fi';
    const times = offers.map((o) => ({ start: o.start, expiresAt: o.expiresAt, place: o.actors.find((a) => a.reference?.startsWith('Location/'))?.display }));
    await this.mailer.send({ to, ...waitListOfferMessage(language, times) });
    return true;
  }
}
