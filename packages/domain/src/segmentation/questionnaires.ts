/**
 * The two segmentation questionnaires. The client answers the first on their own phone
 * (resources for coping in everyday life, digital skills included); the professional answers
 * the second (how demanding the health state and its care are). Every answer option carries
 * R4's `ordinalValue`: higher means more resources on the client's form and more demanding on
 * the professional's. The wording is Ovi's own: the national service's questions are not
 * public (DOMAIN.md §1.3), so these are content an administrator may replace.
 */
import type { Extension } from '@medplum/fhirtypes';
import { translationsElement, type TranslatedAnswerOption, type TranslatedQuestionnaire, type TranslatedQuestionnaireItem } from '../translation';
import type { LocalizedText } from '../types';
import { CLIENT_RESOURCES_QUESTIONNAIRE_URL, ORDINAL_VALUE_EXTENSION_URL, PROFESSIONAL_DEMAND_QUESTIONNAIRE_URL, SEGMENTATION_SYSTEMS } from './segments';

const t = (fi: string, sv: string, en: string): LocalizedText => ({ fi, sv, en });
const text = (label: LocalizedText) => ({ text: label.fi, _text: translationsElement(label) });
const ordinal = (value: number): Extension => ({ url: ORDINAL_VALUE_EXTENSION_URL, valueDecimal: value });

function option(code: string, label: LocalizedText, score: number): TranslatedAnswerOption {
  return {
    extension: [ordinal(score)],
    valueCoding: { system: SEGMENTATION_SYSTEMS.answer, code, display: label.fi, _display: translationsElement(label) },
  };
}

/** A four-step question scored 0–3, the options listed in the order given. */
function scored(linkId: string, question: LocalizedText, options: Array<[code: string, label: LocalizedText]>, scores: number[]): TranslatedQuestionnaireItem {
  return { linkId, type: 'choice', required: true, ...text(question), answerOption: options.map(([code, label], i) => option(code, label, scores[i] ?? 0)) };
}

// Client: most resources first, so the first option scores 3.
const COPING: Array<[string, LocalizedText]> = [
  ['well', t('Hyvin', 'Bra', 'Well')],
  ['mostly', t('Enimmäkseen hyvin', 'För det mesta bra', 'Mostly well')],
  ['with-difficulty', t('Vaikeasti', 'Med svårighet', 'With difficulty')],
  ['not-at-all', t('En pärjää', 'Klarar mig inte', 'I do not manage')],
];
const DOWN = [3, 2, 1, 0];

const clientItems: TranslatedQuestionnaireItem[] = [
  scored('daily-life', t('Miten pärjäät arjen askareissa (ruoka, siivous, asiointi)?', 'Hur klarar du vardagens sysslor (mat, städning, ärenden)?', 'How do you manage everyday tasks (meals, cleaning, errands)?'), COPING, DOWN),
  scored('own-health', t('Miten pystyt itse hoitamaan terveyttäsi ja lääkitystäsi?', 'Hur kan du själv sköta din hälsa och dina mediciner?', 'How well can you look after your own health and medicines?'), COPING, DOWN),
  scored('mood', t('Miten jaksat henkisesti?', 'Hur orkar du psykiskt?', 'How are you coping mentally?'), COPING, DOWN),
  scored('money-housing', t('Miten pärjäät rahojen ja asumisen kanssa?', 'Hur klarar du ekonomin och boendet?', 'How do you manage money and housing?'), COPING, DOWN),
  scored(
    'support',
    t('Saatko apua läheisiltä, kun tarvitset?', 'Får du hjälp av närstående när du behöver?', 'Do people close to you help when you need it?'),
    [
      ['always', t('Aina', 'Alltid', 'Always')],
      ['often', t('Usein', 'Ofta', 'Often')],
      ['rarely', t('Harvoin', 'Sällan', 'Rarely')],
      ['never', t('En koskaan', 'Aldrig', 'Never')],
    ],
    DOWN,
  ),
  scored(
    'digital-skills',
    t('Miten käytät puhelinta tai tietokonetta asiointiin (esim. viestit, ajanvaraus)?', 'Hur använder du telefon eller dator för ärenden (t.ex. meddelanden, tidsbokning)?', 'How do you use a phone or computer for services (e.g. messages, booking)?'),
    [
      ['on-my-own', t('Itsenäisesti', 'Självständigt', 'On my own')],
      ['sometimes-help', t('Joskus tarvitsen apua', 'Ibland behöver jag hjälp', 'Sometimes I need help')],
      ['always-help', t('Vain toisen avulla', 'Bara med någons hjälp', 'Only with someone’s help')],
      ['cannot', t('En pysty', 'Kan inte', 'I cannot')],
    ],
    DOWN,
  ),
];

// Professional: least demanding first, so the first option scores 0.
const UP = [0, 1, 2, 3];
const professionalItems: TranslatedQuestionnaireItem[] = [
  scored(
    'conditions',
    t('Pitkäaikaissairaudet ja niiden hoitotasapaino', 'Långvariga sjukdomar och hur väl de är under kontroll', 'Long-term conditions and how well they are controlled'),
    [
      ['none', t('Ei pitkäaikaissairauksia', 'Inga långvariga sjukdomar', 'No long-term conditions')],
      ['controlled', t('Hyvässä hoitotasapainossa', 'Väl under kontroll', 'Well controlled')],
      ['partly', t('Osittain hallinnassa', 'Delvis under kontroll', 'Partly controlled')],
      ['uncontrolled', t('Huonossa hoitotasapainossa tai useita', 'Dåligt under kontroll eller flera', 'Poorly controlled or several')],
    ],
    UP,
  ),
  scored(
    'medication',
    t('Lääkityksen monimutkaisuus', 'Hur komplicerad medicineringen är', 'How complex the medication is'),
    [
      ['none', t('Ei säännöllistä lääkitystä', 'Ingen regelbunden medicinering', 'No regular medication')],
      ['simple', t('Yksinkertainen', 'Enkel', 'Simple')],
      ['several', t('Useita lääkkeitä', 'Flera läkemedel', 'Several medicines')],
      ['complex', t('Monimutkainen tai vaatii seurantaa', 'Komplicerad eller kräver uppföljning', 'Complex or needs monitoring')],
    ],
    UP,
  ),
  scored(
    'function',
    t('Toimintakyvyn rajoitteet', 'Begränsningar i funktionsförmågan', 'Limits to functional ability'),
    [
      ['none', t('Ei rajoitteita', 'Inga begränsningar', 'None')],
      ['mild', t('Lieviä', 'Lindriga', 'Mild')],
      ['moderate', t('Kohtalaisia', 'Måttliga', 'Moderate')],
      ['severe', t('Vaikeita', 'Svåra', 'Severe')],
    ],
    UP,
  ),
  scored(
    'services',
    t('Hoitoon ja palveluun osallistuvat ammattiryhmät tai palvelut', 'Yrkesgrupper eller tjänster som deltar i vården', 'Professions or services involved in care'),
    [
      ['one', t('Yksi', 'En', 'One')],
      ['two', t('Kaksi', 'Två', 'Two')],
      ['three-four', t('Kolme tai neljä', 'Tre eller fyra', 'Three or four')],
      ['more', t('Viisi tai enemmän', 'Fem eller fler', 'Five or more')],
    ],
    UP,
  ),
  scored(
    'stability',
    t('Tilanteen vakaus', 'Hur stabil situationen är', 'How stable the situation is'),
    [
      ['stable', t('Vakaa', 'Stabil', 'Stable')],
      ['mostly', t('Enimmäkseen vakaa', 'Mestadels stabil', 'Mostly stable')],
      ['changing', t('Vaihteleva', 'Växlande', 'Changing')],
      ['unstable', t('Epävakaa tai heikkenevä', 'Instabil eller försämras', 'Unstable or worsening')],
    ],
    UP,
  ),
];

function questionnaire(id: string, url: string, name: string, title: LocalizedText, items: TranslatedQuestionnaireItem[]): TranslatedQuestionnaire {
  return { resourceType: 'Questionnaire', id, url, version: '1', name, title: title.fi, _title: translationsElement(title), status: 'active', language: 'fi', subjectType: ['Patient'], item: items };
}

export const clientResourcesQuestionnaire = questionnaire(
  'segmentation-client-resources',
  CLIENT_RESOURCES_QUESTIONNAIRE_URL,
  'OviSegmentationClientResources',
  t('Miten pärjään arjessa', 'Hur jag klarar vardagen', 'How I cope in everyday life'),
  clientItems,
);

export const professionalDemandQuestionnaire = questionnaire(
  'segmentation-professional-demand',
  PROFESSIONAL_DEMAND_QUESTIONNAIRE_URL,
  'OviSegmentationProfessionalDemand',
  t('Terveydentilan ja hoidon vaativuus', 'Hur krävande hälsotillståndet och vården är', 'How demanding the health state and its care are'),
  professionalItems,
);
