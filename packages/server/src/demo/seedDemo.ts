import { contactQuestionnaire } from '@ovi/domain';
import { buildContactResponse } from '../guidance/contactResponse';
import type { OviServices } from '../app';
import type { RequestContext } from '../fhir/fhirService';
import { buildDemoRegion } from './demoRegion';
import { demoTemplates } from './demoSchedules';

/** Loads the demo region into an empty database; does nothing when data exists. */
export async function seedDemoRegion(services: OviServices): Promise<boolean> {
  const { db, store, accounts, fhir } = services;
  const count = await db.query<{ n: string }>("SELECT count(*) AS n FROM resource WHERE resource_type <> 'AuditEvent'");
  if (Number(count.rows[0]?.n ?? 0) > 0) return false;
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
      : { user: { username: guidance.username, roles: guidance.roles, fhirUser: guidance.fhirUser, name: guidance.name }, baseUrl: '' };
    await fhir.create(
      ctx,
      'QuestionnaireResponse',
      buildContactResponse(`Patient/${contact.patientId}`, contact.answers, {
        channel: contact.channel,
        authored: new Date(Date.now() - contact.minutesAgo * 60_000).toISOString(),
      }),
    );
  }
  return true;
}
