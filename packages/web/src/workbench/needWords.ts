/** The three parts of a need — urgency, service, profession — as words, for suggestion and assessment alike. */
import type { TFunction } from 'i18next';

export type NeedPart = 'urgency' | 'service' | 'profession';
export const NEED_PARTS: NeedPart[] = ['urgency', 'service', 'profession'];

export type Need = Partial<Record<NeedPart, string>>;

export function needWord(t: TFunction, part: NeedPart, code: string | undefined): string {
  return code ? t(`${part}.${code}`, { defaultValue: code }) : t('common.notGiven');
}

/** The parts where the professional's assessment differs from the rules' suggestion. */
export function differences(suggested: Need | undefined, assessed: Need): NeedPart[] {
  if (!suggested) return [];
  return NEED_PARTS.filter((part) => suggested[part] && assessed[part] && suggested[part] !== assessed[part]);
}
