import { clientResourcesQuestionnaire, contactQuestionnaire, professionalDemandQuestionnaire } from '@ovi/domain';
import { buildContactResponse } from '../guidance/contactResponse';
import type { OviServices } from '../app';
import type { RequestContext } from '../fhir/fhirService';
import { buildDemoRegion, DEMO_IDS } from './demoRegion';
import { demoTemplates } from './demoSchedules';
import { clearInterruptedDemo, demoSeedState, markDemoSeed } from '../storage/demoState';
import { nowMs } from '../time/clock';
import { buildServiceCatalogue, demoClientPaths } from './serviceCatalogue';
import { CLIENT_PATHS_SETTING } from '../clientPaths/clientPathStore';
import { SettingsStore } from '../settings/settingsStore';
import { PORTFOLIO_SETTING } from '../portfolio/portfolioStore';
import { demoPortfolioVersions } from './portfolioData';

const SEED_LOCK = 4242002;

/**
 * Where the seeder tells how far it has got, in plain sentences. `npm start` (main.ts) prints
 * them, so the first start is not silent while it works; tests leave it unset.
 */
let progress: ((line: string) => void) | undefined;

/** Sends the seeder's progress lines to `listener` (undefined: nowhere). */
export function reportDemoProgressTo(listener: ((line: string) => void) | undefined): void {
  progress = listener;
}

const BACKEND_NAMES = { pglite: 'embedded PGlite', postgres: 'PostgreSQL' } as const;

/**
 * Loads the demo region into an empty database, once: processes starting together wait for
 * one another, and a seed cut short (a crash on the first start) is cleared and redone.
 * A database holding other data is never touched.
 */
export async function seedDemoRegion(services: OviServices): Promise<boolean> {
  return services.db.withLock(SEED_LOCK, async () => {
    const state = await demoSeedState(services.db);
    const database = `Database ready (${BACKEND_NAMES[services.db.kind]})`;
    if (state === 'done') progress?.(`${database}; the demo region is already there.`);
    if (state === 'other-data') progress?.(`${database}; it holds other data, so no demo region is added.`);
    if (state === 'done' || state === 'other-data') return false;
    progress?.(`${database}.`);
    if (state === 'interrupted') {
      progress?.('An earlier demo set-up was cut short: clearing it first.');
      await clearInterruptedDemo(services.db);
    }
    const started = Date.now();
    await markDemoSeed(services.db, 'started');
    await seed(services);
    await markDemoSeed(services.db, 'done');
    progress?.(`Demo region created in ${Math.round((Date.now() - started) / 1000)} s.`);
    return true;
  });
}

async function seed(services: OviServices): Promise<void> {
  const { db, store, accounts, fhir } = services;
  const region = buildDemoRegion();
  const count = (type: string) => region.resources.filter((r) => r.resourceType === type).length;
  progress?.(
    `Creating the demo region (once, on the first start): ${count('Organization')} organisations, ${count('Practitioner')} professionals, ` +
      `${count('Patient')} residents, ${region.users.length} demo accounts…`,
  );
  await db.transaction(async (tx) => {
    const all = [contactQuestionnaire, clientResourcesQuestionnaire, professionalDemandQuestionnaire, ...region.resources, ...buildServiceCatalogue()].map((r) => ({ ...r, id: r.id ?? '' }));
    await store.createMany(all, tx);
  });
  // The client paths with the demo catalogue's services linked (a version of the setting, by "demo").
  await new SettingsStore(db).put(CLIENT_PATHS_SETTING, demoClientPaths(), 'demo');
  // The development portfolio, one version per reporting period, so its history shows the progress.
  for (const version of demoPortfolioVersions()) await new SettingsStore(db).put(PORTFOLIO_SETTING, version, 'demo');
  for (const user of region.users) await accounts.upsert(user);
  // Each station's named feedback person (seed 003): the guidance nurse in Kokkola, the physician in Kannus.
  await services.feedbackSettings.replaceResponsible(
    {
      units: [
        { unit: DEMO_IDS.stationLocations.kokkola, people: [DEMO_IDS.guidanceNurse] },
        { unit: DEMO_IDS.stationLocations.kannus, people: [DEMO_IDS.physician] },
      ],
    },
    'demo',
  );
  const templates = demoTemplates(region.resources);
  progress?.(`Generating appointment slots from ${templates.length} weekly working-time templates…`);
  let slots = 0;
  for (const template of templates) {
    await services.schedulingSettings.saveTemplate(template.id, template, 'demo');
    slots += (await services.materializer.materialize(template)).created;
  }
  progress?.(`${slots} slots generated; recording ${region.contacts.length} demo contacts…`);
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
