/**
 * The contact request a resident (or a professional on their behalf) fills in. Finnish is the
 * base language; Swedish and English ride on the standard translation extension.
 */
import type { QuestionnaireItemEnableWhen } from '@medplum/fhirtypes';
import { OPTION_EXCLUSIVE_EXTENSION_URL } from './answerChecks';
import { CONTACT_QUESTIONNAIRE_URL, OVI_FHIR_BASE } from './codes';
import { defaultSafetyScreen } from './safety/defaultSafetyScreen';
import {
  translationsElement,
  type TranslatedAnswerOption,
  type TranslatedQuestionnaire,
  type TranslatedQuestionnaireItem,
} from './translation';
import type { LocalizedText } from './types';

export const CONTACT_CODE_SYSTEMS = {
  dangerSign: `${OVI_FHIR_BASE}/CodeSystem/danger-sign`,
  reason: `${OVI_FHIR_BASE}/CodeSystem/contact-reason`,
  duration: `${OVI_FHIR_BASE}/CodeSystem/contact-duration`,
  contactPreference: `${OVI_FHIR_BASE}/CodeSystem/contact-preference`,
} as const;

const t = (fi: string, sv: string, en: string): LocalizedText => ({ fi, sv, en });
const text = (label: LocalizedText) => ({ text: label.fi, _text: translationsElement(label) });

function option(system: string, code: string, label: LocalizedText): TranslatedAnswerOption {
  return { valueCoding: { system, code, display: label.fi, _display: translationsElement(label) } };
}

function whenReason(code: string): QuestionnaireItemEnableWhen[] {
  return [{ question: 'reason', operator: '=', answerCoding: { system: CONTACT_CODE_SYSTEMS.reason, code } }];
}

const yesNo = (linkId: string, reason: string, label: LocalizedText): TranslatedQuestionnaireItem => ({
  linkId,
  type: 'boolean',
  required: true,
  enableWhen: whenReason(reason),
  ...text(label),
});

/**
 * Asked first, before the reason: someone in danger should be told to call 112 before they
 * describe anything. The options are the default safety screen's signs (one source for the
 * codes and plain words) and "none of these", which cannot be chosen beside a sign.
 */
const dangerSigns: TranslatedQuestionnaireItem = {
  linkId: defaultSafetyScreen.questionLinkId,
  type: 'choice',
  required: true,
  repeats: true,
  ...text(
    t(
      'Onko sinulla tai sillä, jonka asiaa hoidat, juuri nyt jokin näistä?',
      'Har du, eller den vars ärende du sköter, något av detta just nu?',
      'Do you, or the person you are contacting us for, have any of these right now?',
    ),
  ),
  answerOption: [
    ...defaultSafetyScreen.signs.map((sign) => option(CONTACT_CODE_SYSTEMS.dangerSign, sign.code, sign.label)),
    {
      ...option(CONTACT_CODE_SYSTEMS.dangerSign, defaultSafetyScreen.noneCode, t('Ei mitään näistä', 'Inget av detta', 'None of these')),
      extension: [{ url: OPTION_EXCLUSIVE_EXTENSION_URL, valueBoolean: true }],
    },
  ],
};

const items: TranslatedQuestionnaireItem[] = [
  dangerSigns,
  {
    linkId: 'reason',
    type: 'choice',
    required: true,
    ...text(t('Mitä asiasi koskee?', 'Vad gäller ditt ärende?', 'What is your matter about?')),
    answerOption: [
      option(CONTACT_CODE_SYSTEMS.reason, 'back-pain', t('Selkä- tai nivelkipu', 'Rygg- eller ledsmärta', 'Back or joint pain')),
      option(
        CONTACT_CODE_SYSTEMS.reason,
        'chest',
        t('Rintakipu tai hengenahdistus', 'Bröstsmärta eller andnöd', 'Chest pain or shortness of breath'),
      ),
      option(CONTACT_CODE_SYSTEMS.reason, 'low-mood', t('Alakulo tai ahdistus', 'Nedstämdhet eller ångest', 'Low mood or anxiety')),
      option(
        CONTACT_CODE_SYSTEMS.reason,
        'money-housing',
        t(
          'Huoli rahasta, asumisesta tai jaksamisesta',
          'Oro för pengar, boende eller hur du orkar',
          'Worry about money, housing or coping',
        ),
      ),
      option(
        CONTACT_CODE_SYSTEMS.reason,
        'child-family',
        t('Lapsen tai perheen asia', 'Ett barns eller en familjs ärende', "A child's or family's concern"),
      ),
      option(CONTACT_CODE_SYSTEMS.reason, 'other', t('Jokin muu asia', 'Något annat', 'Something else')),
    ],
  },
  yesNo(
    'chest-severe',
    'chest',
    t(
      'Onko kipu kovaa tai hengästyttääkö sinua levossa juuri nyt?',
      'Är smärtan svår eller är du andfådd i vila just nu?',
      'Is the pain severe or are you short of breath at rest right now?',
    ),
  ),
  yesNo(
    'self-harm',
    'low-mood',
    t(
      'Onko sinulla ollut ajatuksia itsesi vahingoittamisesta tai elämäsi päättämisestä?',
      'Har du haft tankar på att skada dig själv eller ta ditt liv?',
      'Have you had thoughts of harming yourself or ending your life?',
    ),
  ),
  yesNo(
    'back-red-flags',
    'back-pain',
    t(
      'Onko sinulla jokin näistä: puutumista nivusissa, vaikeuksia pidättää virtsaa tai ulostetta, kuumetta, tai alkoiko kipu kaatumisen tai onnettomuuden jälkeen?',
      'Har du något av detta: domning i ljumsken, svårt att hålla urin eller avföring, feber, eller började smärtan efter ett fall eller en olycka?',
      'Do you have any of these: numbness in the groin, trouble holding urine or stool, fever, or did the pain start after a fall or an accident?',
    ),
  ),
  {
    linkId: 'duration',
    type: 'choice',
    required: true,
    ...text(t('Kuinka kauan asia on jatkunut?', 'Hur länge har det pågått?', 'How long has this been going on?')),
    answerOption: [
      option(CONTACT_CODE_SYSTEMS.duration, 'today', t('Alkoi tänään', 'Började i dag', 'It started today')),
      option(CONTACT_CODE_SYSTEMS.duration, 'days', t('Muutaman päivän', 'Några dagar', 'A few days')),
      option(CONTACT_CODE_SYSTEMS.duration, 'weeks', t('Viikkoja', 'Några veckor', 'Weeks')),
      option(CONTACT_CODE_SYSTEMS.duration, 'months', t('Kuukausia tai kauemmin', 'Månader eller längre', 'Months or longer')),
    ],
  },
  {
    linkId: 'severity',
    type: 'integer',
    ...text(
      t(
        'Kuinka paljon asia haittaa sinua? 0 = ei lainkaan, 10 = pahin mahdollinen',
        'Hur mycket besvärar det dig? 0 = inte alls, 10 = värsta tänkbara',
        'How much does it bother you? 0 = not at all, 10 = the worst possible',
      ),
    ),
    extension: [
      { url: 'http://hl7.org/fhir/StructureDefinition/minValue', valueInteger: 0 },
      { url: 'http://hl7.org/fhir/StructureDefinition/maxValue', valueInteger: 10 },
    ],
  },
  {
    linkId: 'description',
    type: 'text',
    required: true,
    maxLength: 2000,
    ...text(
      t(
        'Kerro omin sanoin, mikä on hätänä ja millaista apua toivot.',
        'Berätta med egna ord vad det gäller och vilken hjälp du önskar.',
        'Tell us in your own words what is wrong and what help you would like.',
      ),
    ),
  },
  {
    linkId: 'contact-preference',
    type: 'choice',
    required: true,
    ...text(t('Miten otamme sinuun yhteyttä?', 'Hur ska vi kontakta dig?', 'How should we contact you?')),
    answerOption: [
      option(CONTACT_CODE_SYSTEMS.contactPreference, 'phone', t('Soittamalla', 'Vi ringer dig', 'Call me')),
      option(CONTACT_CODE_SYSTEMS.contactPreference, 'message', t('Viestillä', 'Med ett meddelande', 'Send me a message')),
    ],
  },
];

const title = t(
  'Yhteydenotto sosiaali- ja terveyskeskukseen',
  'Kontakt med social- och hälsocentralen',
  'Contact the social and health centre',
);

export const contactQuestionnaire: TranslatedQuestionnaire = {
  resourceType: 'Questionnaire',
  id: 'contact-request',
  url: CONTACT_QUESTIONNAIRE_URL,
  version: '1',
  name: 'OviContactRequest',
  title: title.fi,
  _title: translationsElement(title),
  status: 'active',
  language: 'fi',
  subjectType: ['Patient'],
  item: items,
};
