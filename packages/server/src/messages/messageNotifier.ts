import type { Communication, Patient, RelatedPerson } from '@medplum/fhirtypes';
import { fromClientSide, type Language } from '@ovi/domain';
import type { ResourceStore } from '../storage/resourceStore';
import type { Mailer } from '../notifications/mailer';

const LANGUAGES: Language[] = ['fi', 'sv', 'en'];

/**
 * The e-mail that a message waits in Ovi. It says nothing else: no sender, service, subject or
 * words of the message, because an e-mail may be read by someone else (a shared inbox, a
 * family computer) and travels unencrypted. The reader logs in to read it.
 */
export const MESSAGE_WAITING: Record<Language, { subject: string; text: string }> = {
  fi: { subject: 'Sinulle on uusi viesti Ovissa', text: 'Sinulle on uusi viesti Ovissa.\n\nKirjaudu Oviin lukeaksesi sen. Yksityisyytesi vuoksi viesti ei näy tässä sähköpostissa.\n\nTähän sähköpostiin ei voi vastata.' },
  sv: { subject: 'Du har ett nytt meddelande i Ovi', text: 'Du har ett nytt meddelande i Ovi.\n\nLogga in i Ovi för att läsa det. För ditt integritetsskydd syns meddelandet inte i denna e-post.\n\nDu kan inte svara på denna e-post.' },
  en: { subject: 'You have a new message in Ovi', text: 'You have a new message in Ovi.\n\nLog in to Ovi to read it. To protect your privacy, the message is not shown in this e-mail.\n\nPlease do not reply to this e-mail.' },
};

/**
 * Tells the client side a professional's message waits: the client's own address, and the
 * address of whoever wrote in the thread for them (a guardian, a representative). Sent after
 * the message is committed, fire-and-forget: a mail server down never loses the message.
 */
export class MessageNotifier {
  constructor(
    private readonly store: ResourceStore,
    private readonly mailer: Mailer,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  messageSent(message: Communication): void {
    if (fromClientSide(message)) return;
    this.send(message).catch((error: unknown) => this.log(`message e-mail for Communication/${message.id ?? ''} failed: ${(error as Error).message}`));
  }

  private async send(message: Communication): Promise<void> {
    const people = await this.peopleToTell(message);
    for (const person of people) {
      const to = person.telecom?.find((t) => t.system === 'email')?.value;
      if (!to) continue;
      await this.mailer.send({ to, ...MESSAGE_WAITING[languageOf(person)] });
    }
  }

  /** The client, and the residents who wrote for them in this thread (by their RelatedPerson). */
  private async peopleToTell(message: Communication): Promise<Patient[]> {
    const subject = message.subject?.reference?.replace(/^Patient\//, '') ?? '';
    const client = await this.store.readOptional<Patient>('Patient', subject);
    const proxies = new Set<string>();
    const root = message.extension?.find((e) => e.url.endsWith('/message-thread'))?.valueReference?.reference;
    for (const ref of [root, ...(message.inResponseTo ?? []).map((r) => r.reference)]) {
      const earlier = ref ? await this.store.readOptional<Communication>('Communication', ref.replace(/^Communication\//, '')) : undefined;
      if (earlier?.sender?.reference?.startsWith('RelatedPerson/')) proxies.add(earlier.sender.reference);
    }
    const agents: Patient[] = [];
    for (const rp of proxies) {
      const related = await this.store.readOptional<RelatedPerson>('RelatedPerson', rp.replace(/^RelatedPerson\//, ''));
      if (related?.patient?.reference !== message.subject?.reference) continue;
      const found = await this.store.search(
        { resourceType: 'Patient', filters: [{ code: 'link', kind: 'reference', values: [rp] }], sort: [], count: 5, offset: 0 },
        undefined,
        false,
      );
      agents.push(...(found.resources as Patient[]));
    }
    const byAddress = new Map<string, Patient>();
    for (const p of [...(client ? [client] : []), ...agents]) byAddress.set(p.telecom?.find((t) => t.system === 'email')?.value ?? `none:${p.id ?? ''}`, p);
    return [...byAddress.values()];
  }
}

function languageOf(patient: Patient): Language {
  const code = patient.communication?.find((c) => c.preferred)?.language?.coding?.[0]?.code ?? patient.communication?.[0]?.language?.coding?.[0]?.code;
  return LANGUAGES.find((l) => code?.startsWith(l)) ?? 'fi';
}
