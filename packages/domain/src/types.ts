/** Shared domain vocabulary. No I/O, no FHIR storage concerns. */
export type Language = 'fi' | 'sv' | 'en';
export type LocalizedText = Record<Language, string>;

/** Urgency classes as Omaolo uses them, most urgent first. */
export const URGENCIES = ['emergent', 'urgent', 'non-urgent', 'self-care'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Channels a contact arrives through. */
export const CHANNELS = ['web-form', 'phone', 'walk-in', 'chat', 'help-button', 'concern', 'message'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Outcomes of a guidance decision. */
export const GUIDANCE_OUTCOMES = ['solved', 'self-care', 'booked', 'routed', 'emergency'] as const;
export type GuidanceOutcome = (typeof GUIDANCE_OUTCOMES)[number];

/** Professions of a multi-professional team. */
export const PROFESSIONS = [
  'physician',
  'nurse',
  'public-health-nurse',
  'physiotherapist',
  'psychiatric-nurse',
  'psychologist',
  'social-worker',
  'social-instructor',
  'guidance-nurse',
] as const;
export type Profession = (typeof PROFESSIONS)[number];

/**
 * What a resident is told to do now, beside the promised contact. Phone numbers, hours and
 * names are configuration (where-to-turn data); these are only the kinds.
 */
export const ADVICE_KINDS = ['call-112', 'on-call-helpline', 'crisis-line', 'emergency-department', 'social-emergency'] as const;
export type AdviceKind = (typeof ADVICE_KINDS)[number];

/**
 * Social-welfare and health data are separate registers (client-data act 703/2023); a
 * matter belongs to one of them through its service.
 */
export const REGISTERS = ['health', 'social'] as const;
export type Register = (typeof REGISTERS)[number];
