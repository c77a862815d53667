import { OVI_FHIR_BASE } from '../codes';

/** Codes of the shared client plan (CarePlan category, participants, tasks, AVAIN records). */
export const CARE_PLAN = {
  /** CarePlan.category: one plan shared across services and organisations, made with the client. */
  categorySystem: `${OVI_FHIR_BASE}/CodeSystem/care-plan-category`,
  sharedCategory: 'shared-client-plan',
  /** CareTeam.participant.role: the responsible worker (omatyöntekijä), members, outside members. */
  participantRoleSystem: `${OVI_FHIR_BASE}/CodeSystem/care-plan-participant`,
  responsibleWorker: 'responsible-worker',
  member: 'member',
  /** A member whose organisation is outside the region: set by Ovi, never by the writer. */
  outside: 'outside-region',
  /** Task.code of a plan review in the responsible worker's queue. */
  reviewTask: 'care-plan-review',
  /** CarePlan.extension: the dates the plan is reviewed with the client. */
  reviewDateExtension: `${OVI_FHIR_BASE}/StructureDefinition/care-plan-review-date`,
  /** CarePlan.activity.detail.extension: the register an action's content belongs to. */
  activityRegisterExtension: `${OVI_FHIR_BASE}/StructureDefinition/care-plan-activity-register`,
  /** Observation.code of one AVAIN-structured recording (at plan creation or an evaluation). */
  avainSystem: `${OVI_FHIR_BASE}/CodeSystem/avain`,
  avainRecording: 'avain-recording',
  /** Observation.component.code systems for the four AVAIN parts. */
  avainPartSystem: {
    goal: `${OVI_FHIR_BASE}/CodeSystem/avain-goal`,
    factor: `${OVI_FHIR_BASE}/CodeSystem/avain-factor`,
    service: `${OVI_FHIR_BASE}/CodeSystem/avain-service`,
    method: `${OVI_FHIR_BASE}/CodeSystem/avain-method`,
  },
} as const;

export type AvainPart = keyof typeof CARE_PLAN.avainPartSystem;
export const AVAIN_PARTS: AvainPart[] = ['goal', 'factor', 'service', 'method'];
