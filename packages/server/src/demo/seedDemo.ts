import { contactQuestionnaire } from '@ovi/domain';
import { buildContactResponse } from '../guidance/contactResponse';
import type { OviServices } from '../app';
import type { RequestContext } from '../fhir/fhirService';
import { buildDemoRegion } from './demoRegion';
import { demoTemplates } from './demoSchedules';
import { clearInterruptedDemo, demoSeedState, markDemoSeed } from '../storage/demoState';
import { nowMs } from '../time/clock';

const SEED_LOCK = 4242002;

/**
 * Loads the demo region into an empty database, once: processes starting together wait for
 * one another, and a seed cut short (a crash on the first start) is cleared and redone.
 * A database holding other data is never touched.
 */
export async function seedDemoRegion(services: OviServices): Promise<boolean> {
  return services.db.withLock(SEED_LOCK, async () => {
    const state = await demoSeedState(services.db);
    if (state === 'done' || state === 'other-data') return false;
    if (state === 'interrupted') await clearInterruptedDemo(services.db);
    await markDemoSeed(services.db, 'started');
    await seed(services);
    await markDemoSeed(services.db, 'done');
    return true;
  });
}

async function seed(services: OviServices): Promise<void> {
  const { db, store, accounts, fhir } = services;
  const region = buildDemoRegion();
  await db.transaction(async (tx) => {
    const all = [contactQuestionnaire, ...region.resources].map((r) => ({ ...r, id: r.id ?? '' }));
    await store.createMany(all, tx);
  });
  for (const user of region.users) await accounts.upsert(user);
  for (const template of demoTemplates(region.resources)) {
    await services.schedulingSettings.saveTemplate(template.id, template, 'demo');
    await services.materializer.materialize(template);
  }
  const guidance = region.users.find((u) => u.username === 'guidance');
  for (const contact of region.contacts) {
    const ctx: RequestContext = contact.channel === 'web-form' || !guidance
      ? { user: { username: contact.patientId, roles: ['resident'], fhirUser: `Patient/${contact.patientId}`, name: contact.patientId }, baseUrl: '' }
      : {
          user: { username: guidance.username, roles: guidance.roles, fhirUser: guidance.fhirUser, name: guidance.name },
          // The client called or came in: the nurse records the contact on that reason.
          reason: contact.channel === 'phone' ? 'Asiakas soitti ja yhteydenotto kirjattiin' : 'Asiakas asioi paikan päällä ja yhteydenotto kirjattiin',
          baseUrl: '',
        };
    await fhir.create(
      ctx,
      'QuestionnaireResponse',
      buildContactResponse(`Patient/${contact.patientId}`, contact.answers, {
        channel: contact.channel,
        authored: new Date(nowMs() - contact.minutesAgo * 60_000).toISOString(),
      }),
    );
  }
}
