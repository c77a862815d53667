/** The clinical-safety screen of a contact: danger signs, danger words and the triage that joins them to the rules. */
export {
  SAFETY_URGENCIES,
  defaultSafetyScreen,
  type DangerSign,
  type DangerWordGroup,
  type SafetyScreen,
  type SafetyUrgency,
} from './safetyScreen';
export { defaultDangerWordGroups } from './defaultDangerWords';
export { parsePattern, type ParsedPattern } from './wordPattern';
export { scanFreeText, type TextMatch } from './freeTextScan';
export { ADVICE_ORDER, answeredDangerSigns, orderAdvice, scanAnswers, triageContact, type TriageResult } from './triage';
export { checkScreenAgainstQuestionnaire, validateSafetyScreen } from './validateSafetyScreen';
export {
  formatVignetteReport,
  safetyVignettes,
  vignetteReport,
  NEEDLESS_RAISING_LIMIT,
  type Vignette,
  type VignetteOutcome,
  type VignetteReport,
} from './vignettes';
