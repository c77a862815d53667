import type { Resource } from '@medplum/fhirtypes';
import { OVI_FHIR_BASE } from '@ovi/domain';

/**
 * A social-welfare contact or a child-welfare notification (and its Task): someone else's
 * report about a person. Only social-welfare professionals know it exists; to anyone else,
 * health staff and the person themself included, it answers 404 (decision 016).
 */
export const CONFIDENTIAL_NOTICE = { system: `${OVI_FHIR_BASE}/CodeSystem/record-kind`, code: 'confidential-notice', display: 'Social-welfare notice (social-welfare staff only)' };

export const isConfidentialNotice = (resource: Resource): boolean =>
  resource.meta?.tag?.some((t) => t.system === CONFIDENTIAL_NOTICE.system && t.code === CONFIDENTIAL_NOTICE.code) === true;

/** The kinds of notice, as Communication.category. */
export const NOTICE_KIND_SYSTEM = `${OVI_FHIR_BASE}/CodeSystem/social-notice-kind`;
