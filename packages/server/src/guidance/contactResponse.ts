import type { Coding, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { CONTACT_QUESTIONNAIRE_URL, EXTENSIONS, contactQuestionnaire, type Channel } from '@ovi/domain';

export type ContactAnswers = Record<string, string | string[] | number | boolean | undefined>;

/** A contact recorded without its danger-sign screen answered (tests, demo data) says: none of them. */
const NO_DANGER_SIGNS = { 'danger-signs': 'none' };

const options = new Map<string, Coding>();
for (const item of contactQuestionnaire.item ?? []) {
  for (const option of item.answerOption ?? []) if (option.valueCoding?.code) options.set(`${item.linkId}:${option.valueCoding.code}`, option.valueCoding);
}

/** A contact-request response from plain answers (codes for choices), as the web app sends it. */
export function buildContactResponse(patient: string, answers: ContactAnswers, extra: { channel?: Channel; authored?: string } = {}): QuestionnaireResponse {
  const item: QuestionnaireResponseItem[] = Object.entries({ ...NO_DANGER_SIGNS, ...answers })
    .filter(([, value]) => value !== undefined)
    .map(([linkId, value]) => {
      if (typeof value === 'boolean') return { linkId, answer: [{ valueBoolean: value }] };
      if (typeof value === 'number') return { linkId, answer: [{ valueInteger: value }] };
      const values = Array.isArray(value) ? value : [String(value)];
      return {
        linkId,
        answer: values.map((v) => {
          const coding = options.get(`${linkId}:${v}`);
          return coding ? { valueCoding: { system: coding.system, code: coding.code, display: coding.display } } : { valueString: v };
        }),
      };
    });
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire: CONTACT_QUESTIONNAIRE_URL,
    subject: { reference: patient },
    ...(extra.authored ? { authored: extra.authored } : {}),
    item,
    ...(extra.channel && extra.channel !== 'web-form' ? { extension: [{ url: EXTENSIONS.contactChannel, valueCode: extra.channel }] } : {}),
  };
}
