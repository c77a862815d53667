/**
 * `Patient/{id}/$segment`: combines the client's latest own assessment of their resources and
 * the professional's latest assessment of how demanding the health state is into a segment
 * Observation (derivedFrom both), under the segmentation setting in force. A missing, stale
 * or mismatched pair is a 422 that names what to answer. The segment suggests how care is
 * arranged; it never touches a contact's urgency or anyone's access to help (SAFETY.md H21).
 */
import type { Observation, Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import {
  CLIENT_RESOURCES_QUESTIONNAIRE_URL,
  DEMAND_SCORE_CODE,
  PROFESSIONAL_DEMAND_QUESTIONNAIRE_URL,
  RESOURCES_SCORE_CODE,
  SEGMENTATION_SYSTEMS,
  SEGMENT_OBSERVATION_CODE,
  describePairProblem,
  pairProblems,
  scoreResponse,
  segmentFor,
} from '@ovi/domain';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { Database } from '../db/database';
import type { FhirService, RequestContext } from '../fhir/fhirService';
import type { SettingsStore } from '../settings/settingsStore';
import type { Stored } from '../storage/resourceStore';
import { isStaff } from '../auth/userContext';
import { FhirError, badRequest, forbidden, notFound } from '../fhir/outcomes';
import { OperationParameters } from '../fhir/parameters';
import { inRegister } from '../access/registerLabels';
import { markWrittenByReason } from '../access/accessBasis';
import { cachedQualificationsOf } from '../access/qualifications';
import { latestAnswer } from '../storage/segmentationReads';
import { now } from '../time/clock';
import { segmentationQuestionnaire } from './segmentationAnswers';
import { segmentationSettings } from './segmentationSettings';

const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';

function unprocessable(messages: string[], expression: string): FhirError {
  const issue: OperationOutcomeIssue[] = messages.map((m) => ({ severity: 'error', code: 'business-rule', details: { text: m }, diagnostics: m, expression: [expression] }));
  return new FhirError(422, { resourceType: 'OperationOutcome', issue });
}

export class SegmentPatient {
  constructor(
    private readonly db: Database,
    private readonly fhir: FhirService,
    private readonly settings: SettingsStore,
  ) {}

  async run(ctx: RequestContext, patientId: string, body: unknown): Promise<Stored<Observation>> {
    if (!isStaff(ctx.user)) throw forbidden('A segment is made by a professional together with the client');
    if (body !== undefined && body !== null && body !== '') OperationParameters.parse(body, []);
    const patient = `Patient/${patientId}`;
    // Access as for any record of the client: a relationship or a recorded reason; a refusal is audited.
    const grant = await this.fhir.authorize(ctx, { resourceType: 'Observation', status: 'final', code: {}, subject: { reference: patient } }, 'operation', [`${patient}/$segment`], false);
    if (!(await this.fhir.store.readOptional('Patient', patientId))) throw notFound(`${patient} was not found`);
    const [{ version, value: settings }, client, professional] = await Promise.all([
      segmentationSettings(this.settings),
      latestAnswer(this.db, patient, CLIENT_RESOURCES_QUESTIONNAIRE_URL),
      latestAnswer(this.db, patient, PROFESSIONAL_DEMAND_QUESTIONNAIRE_URL),
    ]);
    const at = now();
    const problems = pairProblems({ ...(client?.authored ? { client: { authored: client.authored } } : {}), ...(professional?.authored ? { professional: { authored: professional.authored } } : {}) }, at, settings);
    if (problems.length > 0) throw unprocessable(problems.map(describePairProblem), `${patient}/$segment`);
    const [clientAnswer, professionalAnswer] = [client as QuestionnaireResponse & { id: string }, professional as QuestionnaireResponse & { id: string }];
    // Both answers are the client's records: the other register's only with consent or a recorded basis.
    let joined = grant;
    for (const answer of [clientAnswer, professionalAnswer]) joined = await this.fhir.access.checkRegister(ctx.user, answer, joined, ctx.reason);
    const resources = await this.score(clientAnswer, 'client');
    const demand = await this.score(professionalAnswer, 'professional');
    const result = segmentFor({ resources, demand }, settings);
    const label = settings.labels[result.segment];
    const q = await cachedQualificationsOf(this.fhir.store, ctx.user);
    const observation: Observation = inRegister(
      {
        resourceType: 'Observation',
        status: 'final',
        category: [{ coding: [{ system: OBSERVATION_CATEGORY, code: 'survey', display: 'Survey' }] }],
        code: { coding: [{ system: SEGMENTATION_SYSTEMS.observation, code: SEGMENT_OBSERVATION_CODE, display: 'Asiakkuussegmentti' }], text: 'Client segment' },
        subject: { reference: patient },
        effectiveDateTime: at.toISOString(),
        issued: at.toISOString(),
        performer: [{ reference: ctx.user.fhirUser, display: ctx.user.name }],
        valueCodeableConcept: { coding: [{ system: SEGMENTATION_SYSTEMS.segment, code: result.segment, display: label.fi }], text: label.fi },
        derivedFrom: [{ reference: `QuestionnaireResponse/${clientAnswer.id}` }, { reference: `QuestionnaireResponse/${professionalAnswer.id}` }],
        method: { text: `Segmentation setting version ${version}: cell ${result.cell}` },
        component: [
          { code: { coding: [{ system: SEGMENTATION_SYSTEMS.observation, code: RESOURCES_SCORE_CODE, display: 'Arjen voimavarat' }] }, valueQuantity: { value: resources, unit: 'score' } },
          { code: { coding: [{ system: SEGMENTATION_SYSTEMS.observation, code: DEMAND_SCORE_CODE, display: 'Terveydentilan vaativuus' }] }, valueQuantity: { value: demand, unit: 'score' } },
        ],
      },
      !q.health && q.social ? 'social' : 'health',
    );
    const toStore = joined.byRecordedReason ? markWrittenByReason(observation) : observation;
    return this.db.transaction(async (tx) => {
      const stored = await this.fhir.store.create<Observation>(toStore, { tx });
      await this.fhir.audit.record(
        {
          user: ctx.user,
          interaction: 'operation',
          what: [`${patient}/$segment`, `Observation/${stored.id}`, `QuestionnaireResponse/${clientAnswer.id}`, `QuestionnaireResponse/${professionalAnswer.id}`],
          patients: [patient],
          success: true,
          reason: ctx.reason,
          byRecordedReason: joined.byRecordedReason,
          ...(joined.byConsent ? { byConsent: true } : {}),
          description: `$segment ${result.segment}`,
          ...(ctx.address ? { address: ctx.address } : {}),
        },
        tx,
      );
      return stored;
    });
  }

  /** A side's score from the questionnaire version the answer names. */
  private async score(answer: QuestionnaireResponse, side: 'client' | 'professional'): Promise<number> {
    const { current, named } = await segmentationQuestionnaire(this.fhir.store, this.db, answer.questionnaire ?? '');
    const questionnaire: Questionnaire | undefined = named ?? current;
    const scored = questionnaire ? scoreResponse(questionnaire, answer) : undefined;
    if (!scored) throw badRequest(`The latest ${side === 'client' ? "client's" : "professional's"} answer has no scored answers: answer the questionnaire again`);
    return scored.score;
  }
}
