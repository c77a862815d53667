import type { QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { CONTACT_QUESTIONNAIRE_URL, EXTENSIONS, contactQuestionnaire } from '@ovi/domain';
import type { OviServices } from '../app';
import type { RequestContext } from '../fhir/fhirService';
import { buildDemoRegion, type DemoContact } from './demoRegion';

/** Loads the demo region into an empty database; does nothing when data exists. */
export async function seedDemoRegion(services: OviServices): Promise<boolean> {
  const { db, store, accounts, fhir } = services;
  const count = await db.query<{ n: string }>("SELECT count(*) AS n FROM resource WHERE resource_type <> 'AuditEvent'");
  if (Number(count.rows[0]?.n ?? 0) > 0) return false;
  const region = buildDemoRegion();
  await db.transaction(async (tx) => {
    await store.create(contactQuestionnaire, { id: contactQuestionnaire.id, tx });
    for (const resource of region.resources) await store.create(resource, { id: resource.id, tx });
  });
  for (const user of region.users) await accounts.upsert(user);
  const guidance = region.users.find((u) => u.username === 'guidance');
  for (const contact of region.contacts) {
    const ctx: RequestContext = contact.channel === 'web-form' || !guidance
      ? { user: { username: contact.patientId, roles: ['resident'], fhirUser: `Patient/${contact.patientId}`, name: contact.patientId }, baseUrl: '' }
      : { user: { username: guidance.username, roles: guidance.roles, fhirUser: guidance.fhirUser, name: guidance.name }, baseUrl: '' };
    await fhir.create(ctx, 'QuestionnaireResponse', contactResponse(contact));
  }
  return true;
}

function contactResponse(contact: DemoContact): QuestionnaireResponse {
  const options = new Map<string, { system?: string; code?: string; display?: string }>();
  for (const item of contactQuestionnaire.item ?? []) {
    for (const option of item.answerOption ?? []) if (option.valueCoding?.code) options.set(`${item.linkId}:${option.valueCoding.code}`, option.valueCoding);
  }
  const item: QuestionnaireResponseItem[] = Object.entries(contact.answers).map(([linkId, value]) => {
    if (typeof value === 'boolean') return { linkId, answer: [{ valueBoolean: value }] };
    if (typeof value === 'number') return { linkId, answer: [{ valueInteger: value }] };
    const coding = options.get(`${linkId}:${value}`);
    return { linkId, answer: [coding ? { valueCoding: { system: coding.system, code: coding.code, display: coding.display } } : { valueString: String(value) }] };
  });
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire: CONTACT_QUESTIONNAIRE_URL,
    subject: { reference: `Patient/${contact.patientId}` },
    authored: new Date(Date.now() - contact.minutesAgo * 60_000).toISOString(),
    item,
    ...(contact.channel === 'web-form' ? {} : { extension: [{ url: EXTENSIONS.contactChannel, valueCode: contact.channel }] }),
  };
}
