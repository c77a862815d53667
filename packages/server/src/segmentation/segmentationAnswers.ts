/**
 * Answers to the two segmentation questionnaires, as QuestionnaireResponses: the client's own
 * assessment of their resources (by the client, about themself, on their phone) and the
 * professional's assessment of how demanding the health state is (by a professional with a
 * care relationship or a recorded reason, the ordinary access rules). Checked against the
 * questionnaire; no contact and no Task is made of them.
 */
import type { Questionnaire, QuestionnaireResponse, Resource } from '@medplum/fhirtypes';
import { checkResponseAgainstQuestionnaire, segmentationSide } from '@ovi/domain';
import type { Companions, CreateHook, RequestContext } from '../fhir/fhirService';
import type { AccessPolicy, AccessGrant } from '../access/accessPolicy';
import type { ResourceStore, Stored } from '../storage/resourceStore';
import type { SqlExecutor } from '../db/database';
import { hasRole, isStaff } from '../auth/userContext';
import { badRequest, forbidden, invalidResource, notFound } from '../fhir/outcomes';
import { localReference } from '../fhir/references';
import { questionnaireVersion } from '../storage/contactReads';
import { now } from '../time/clock';

/** The current Questionnaire with a URL, and the version named, if it was ever stored. */
export async function segmentationQuestionnaire(store: ResourceStore, db: SqlExecutor, canonical: string): Promise<{ current?: Questionnaire; named?: Questionnaire }> {
  const [url = '', version] = canonical.split('|');
  const found = await store.search({ resourceType: 'Questionnaire', filters: [{ code: 'url', kind: 'uri', values: [url] }], sort: [], count: 1, offset: 0 }, undefined, false);
  const current = found.resources[0] as Questionnaire | undefined;
  if (!current || !version || current.version === version) return { ...(current ? { current, named: current } : {}) };
  const named = await questionnaireVersion(db, url, version);
  return { current, ...(named ? { named: named.questionnaire } : {}) };
}

export class SegmentationAnswers implements CreateHook {
  constructor(
    private readonly store: ResourceStore,
    private readonly access: AccessPolicy,
    private readonly db: SqlExecutor,
  ) {}

  async prepare(ctx: RequestContext, resource: Resource): Promise<{ resource: Resource; grant: AccessGrant }> {
    const response = resource as QuestionnaireResponse;
    const side = segmentationSide(response.questionnaire);
    const patient = localReference(response.subject?.reference, ['Patient'], 'QuestionnaireResponse.subject').reference;
    const grant = await this.grant(ctx, side, patient);
    if (response.status !== 'completed') throw badRequest("An assessment is sent with status 'completed'", ['QuestionnaireResponse.status']);
    const { current, named } = await segmentationQuestionnaire(this.store, this.db, response.questionnaire ?? '');
    if (!current) throw badRequest(`Unknown questionnaire ${response.questionnaire ?? ''}`, ['QuestionnaireResponse.questionnaire']);
    if (current.status !== 'active') throw badRequest(`Questionnaire ${current.url ?? ''} is not active`, ['QuestionnaireResponse.questionnaire']);
    // An answer to a version since replaced is checked against that version (a form left open).
    const questionnaire = named ?? current;
    const issues = checkResponseAgainstQuestionnaire(questionnaire, response);
    if (issues.length > 0) {
      throw invalidResource(issues.map((i) => ({ severity: 'error', code: 'invalid', details: { text: i.message }, diagnostics: i.message, expression: [i.linkId] })));
    }
    const completed: QuestionnaireResponse = {
      ...response,
      questionnaire: questionnaire.version ? `${questionnaire.url ?? ''}|${questionnaire.version}` : (questionnaire.url ?? ''),
      // The time is Ovi's: the pair's age is measured from it.
      authored: now().toISOString(),
      author: { reference: ctx.user.fhirUser, display: ctx.user.name },
    };
    return { resource: completed, grant };
  }

  /** The client answers only their own form about themself; a professional only theirs, through the access rules. */
  private async grant(ctx: RequestContext, side: 'client' | 'professional' | undefined, patient: string): Promise<AccessGrant> {
    if (hasRole(ctx.user, 'resident')) {
      // Whether someone else's record exists is itself personal: answer as if it did not.
      if (patient !== ctx.user.fhirUser) throw notFound(`${patient} was not found`);
      if (side !== 'client') throw forbidden("The professional's assessment is made by a professional");
      return { patients: [patient], byRecordedReason: false };
    }
    if (!isStaff(ctx.user)) throw forbidden('Your role does not give access to client data');
    if (side !== 'professional') throw forbidden("The client answers their own assessment of their resources themself, on their own device");
    if (!(await this.store.readOptional('Patient', patient.replace('Patient/', '')))) throw notFound(`${patient} was not found`);
    return this.access.checkPatients(ctx.user, 'QuestionnaireResponse', [patient], 'create', ctx.reason);
  }

  companions(): Companions {
    return { resources: [], headers: {} };
  }

  async afterCreate(_ctx: RequestContext, _stored: Stored, _tx: SqlExecutor, _prepared: unknown): Promise<Record<string, string>> {
    return {};
  }
}

/** QuestionnaireResponses go to the segmentation hook or, for every other questionnaire, to the contact intake. */
export function byQuestionnaire(segmentation: CreateHook, others: CreateHook): CreateHook {
  const pick = (resource: Resource) => (segmentationSide((resource as QuestionnaireResponse).questionnaire) ? segmentation : others);
  return {
    prepare: (ctx, resource) => pick(resource).prepare(ctx, resource),
    companions: (ctx, toStore, prepared) => {
      const hook = pick(toStore);
      return hook.companions ? hook.companions(ctx, toStore, prepared) : undefined;
    },
    afterCreate: (ctx, stored, tx, prepared) => pick(stored).afterCreate(ctx, stored, tx, prepared),
  };
}
