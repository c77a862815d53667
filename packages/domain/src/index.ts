/** @ovi/domain: pure domain logic of Ovi (no I/O). */
export * from './codes';
export * from './types';
export * from './finnishCalendar';
export * from './careGuarantee';
export * from './defaultCareGuarantee';
export * from './routingRules';
export * from './defaultRoutingRules';
export * from './contactQuestionnaire';
export * from './translation';
export * from './questionnaireAnswers';
export * from './enableWhen';
export * from './guidanceQueue';
export type { RoutingValidationOptions } from './validateRoutingRules';
export { LANGUAGES } from './validation';
