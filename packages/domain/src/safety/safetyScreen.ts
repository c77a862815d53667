/**
 * The clinical-safety screen of a contact: danger signs the resident can tick, and danger
 * words looked for in what they write. Both can only raise the urgency the routing rules
 * suggest, never lower it; a professional still decides. The screen is data (an admin may
 * replace it, validated by validateSafetyScreen); the logic lives in triage.ts.
 */
import type { AdviceKind, Language, LocalizedText, Profession } from '../types';

/** The urgencies a danger sign or word can raise a contact to. */
export const SAFETY_URGENCIES = ['emergent', 'urgent'] as const;
export type SafetyUrgency = (typeof SAFETY_URGENCIES)[number];

/** One answer option of the danger-sign question ("Do you have any of these right now?"). */
export interface DangerSign {
  /** The answer option's code. */
  code: string;
  /** Plain words; also the option's text in the questionnaire. */
  label: LocalizedText;
  urgency: SafetyUrgency;
  advice: AdviceKind[];
  /** Who should see the contact when this sign raises it; else the rule's choice stands. */
  profession?: Profession;
  service?: string;
}

/** Words in the free text that point to a danger, written in the pattern language of wordPattern.ts. */
export interface DangerWordGroup {
  id: string;
  label: LocalizedText;
  urgency: SafetyUrgency;
  advice: AdviceKind[];
  profession?: Profession;
  service?: string;
  /** Every language is scanned whatever the contact's language: people mix languages. */
  patterns: Record<Language, string[]>;
}

export interface SafetyScreen {
  version: number;
  /** The repeating choice item that asks for danger signs. */
  questionLinkId: string;
  /** Its "none of these" option. */
  noneCode: string;
  /** Free-text items scanned for danger words. */
  textLinkIds: string[];
  signs: DangerSign[];
  wordGroups: DangerWordGroup[];
}

export { defaultSafetyScreen } from './defaultSafetyScreen';
