/**
 * Default routing rules for the contact questionnaire (contactQuestionnaire.ts). Data, not
 * logic: an admin can replace them. The rules only suggest; a professional decides.
 */
import type { AnswerCondition, RoutingRule, RoutingRuleSet, RoutingTarget } from './routingRules';
import type { LocalizedText } from './types';

const t = (fi: string, sv: string, en: string): LocalizedText => ({ fi, sv, en });
const reasonIs = (code: string): AnswerCondition => ({ linkId: 'reason', anyOf: [code] });
const yes = (linkId: string): AnswerCondition => ({ linkId, equals: true });
const primary = (urgency: RoutingTarget['urgency'], profession: RoutingTarget['profession']): RoutingTarget => ({
  urgency,
  profession,
  service: 'primary-care',
});

/** Mild back pain that began recently: the self-care rule and the exception of the general rule. */
const mildRecentBackPain: AnswerCondition[] = [
  { linkId: 'severity', atMost: 3 },
  { linkId: 'duration', anyOf: ['today', 'days'] },
];

const rules: RoutingRule[] = [
  {
    id: 'chest-severe',
    order: 10,
    title: t('Kova rintakipu tai hengenahdistus', 'Svår bröstsmärta eller andnöd', 'Severe chest pain or breathlessness'),
    when: [yes('chest-severe')],
    then: primary('emergent', 'physician'),
    explanation: t(
      'Kova rintakipu tai hengenahdistus levossa voi olla hengenvaarallinen. Soita heti 112.',
      'Svår bröstsmärta eller andnöd i vila kan vara livshotande. Ring 112 genast.',
      'Severe chest pain or breathlessness at rest can be life-threatening. Call 112 now.',
    ),
    advice: ['call-112'],
  },
  {
    id: 'self-harm',
    order: 20,
    title: t('Ajatuksia itsensä vahingoittamisesta', 'Tankar på att skada sig själv', 'Thoughts of self-harm'),
    when: [yes('self-harm')],
    then: primary('urgent', 'psychiatric-nurse'),
    explanation: t(
      'Ajatukset itsensä vahingoittamisesta vaativat mielenterveyshoitajan yhteydenoton tänään. Välittömässä vaarassa soita 112.',
      'Tankar på att skada sig själv kräver kontakt från en psykiatrisk sjukskötare i dag. Vid akut fara, ring 112.',
      'Thoughts of self-harm need contact from a mental health nurse today. If you are in immediate danger, call 112.',
    ),
    advice: ['crisis-line'],
  },
  {
    id: 'back-red-flags',
    order: 30,
    title: t('Selkäkipu ja vaaranmerkit', 'Ryggsmärta med varningstecken', 'Back pain with warning signs'),
    when: [yes('back-red-flags')],
    then: primary('urgent', 'physician'),
    explanation: t(
      'Selkäkipuun liittyvä puutuminen nivusissa, virtsan tai ulosteen pidätyskyvyn menetys, kuume tai kaatuminen vaatii lääkärin arvion tänään.',
      'Domning i ljumsken, förlorad kontroll över urin eller avföring, feber eller ett fall i samband med ryggsmärta kräver läkarbedömning i dag.',
      'Back pain with numbness in the groin, loss of bladder or bowel control, fever, or after a fall needs a doctor today.',
    ),
  },
  {
    id: 'chest',
    order: 40,
    title: t('Rintakipu tai hengenahdistus', 'Bröstsmärta eller andnöd', 'Chest pain or breathlessness'),
    when: [reasonIs('chest')],
    then: primary('urgent', 'physician'),
    explanation: t(
      'Rintakipu tai hengenahdistus pitää arvioida saman päivän aikana, vaikka oireet olisivat lieviä.',
      'Bröstsmärta eller andnöd ska bedömas samma dag, även om symtomen är lindriga.',
      'Chest pain or breathlessness should be checked the same day, even when the symptoms are mild.',
    ),
  },
  {
    id: 'back-pain-self-care',
    order: 50,
    title: t('Lievä, tuore selkäkipu', 'Lindrig, nyligen börjad ryggsmärta', 'Mild, recent back pain'),
    when: [reasonIs('back-pain'), ...mildRecentBackPain],
    then: primary('self-care', 'physiotherapist'),
    explanation: t(
      'Lievä selkäkipu, joka alkoi äskettäin, helpottaa usein itsehoidolla. Fysioterapeutti lähettää ohjeet.',
      'Lindrig ryggsmärta som nyss började lindras ofta med egenvård. En fysioterapeut skickar råd.',
      'Mild back pain that started recently often eases with self-care. A physiotherapist sends advice.',
    ),
  },
  {
    id: 'back-pain',
    order: 60,
    title: t('Selkä- tai nivelkipu', 'Rygg- eller ledsmärta', 'Back or joint pain'),
    when: [reasonIs('back-pain')],
    unless: mildRecentBackPain,
    then: primary('non-urgent', 'physiotherapist'),
    explanation: t(
      'Selkä- ja nivelkivuissa pääset suoraan fysioterapeutille ilman lääkärikäyntiä.',
      'Vid rygg- och ledsmärta kan du gå direkt till en fysioterapeut utan läkarbesök.',
      'For back or joint pain you can see a physiotherapist directly, without seeing a doctor first.',
    ),
  },
  {
    id: 'low-mood',
    order: 70,
    title: t('Mieliala tai ahdistus', 'Nedstämdhet eller ångest', 'Low mood or anxiety'),
    when: [reasonIs('low-mood')],
    then: primary('non-urgent', 'psychiatric-nurse'),
    explanation: t(
      'Mielialaan ja ahdistukseen saat apua mielenterveyshoitajalta.',
      'För nedstämdhet och ångest får du hjälp av en psykiatrisk sjukskötare.',
      'A mental health nurse can help with low mood and anxiety.',
    ),
  },
  {
    id: 'money-housing',
    order: 80,
    title: t('Raha, asuminen tai jaksaminen', 'Pengar, boende eller ork', 'Money, housing or coping'),
    when: [reasonIs('money-housing')],
    then: { urgency: 'non-urgent', profession: 'social-instructor', service: 'social-services' },
    explanation: t(
      'Raha-, asumis- ja jaksamishuolissa auttaa sosiaaliohjaaja.',
      'En socialhandledare hjälper med oro för pengar, boende eller ork.',
      'A social instructor helps with worries about money, housing or coping.',
    ),
  },
  {
    id: 'child-family',
    order: 90,
    title: t('Lapsen tai perheen asia', 'Barnets eller familjens ärende', "A child's or family's concern"),
    when: [reasonIs('child-family')],
    then: { urgency: 'non-urgent', profession: 'public-health-nurse', service: 'family-centre' },
    explanation: t(
      'Lapsen ja perheen asioissa auttaa perhekeskuksen terveydenhoitaja.',
      'I frågor om barn och familj hjälper familjecentrets hälsovårdare.',
      "The family centre's public health nurse helps with children's and families' concerns.",
    ),
  },
  {
    id: 'other',
    order: 100,
    title: t('Muu asia', 'Annat ärende', 'Something else'),
    when: [reasonIs('other')],
    then: primary('non-urgent', 'nurse'),
    explanation: t(
      'Sairaanhoitaja arvioi asiasi ja ohjaa sinut oikeaan paikkaan.',
      'En sjukskötare bedömer ditt ärende och hänvisar dig rätt.',
      'A nurse looks at your matter and guides you to the right place.',
    ),
  },
];

export const defaultRoutingRuleSet: RoutingRuleSet = {
  version: 1,
  fallback: {
    ...primary('non-urgent', 'nurse'),
    explanation: t(
      'Sairaanhoitaja arvioi asiasi ja ohjaa sinut oikeaan paikkaan.',
      'En sjukskötare bedömer ditt ärende och hänvisar dig rätt.',
      'A nurse looks at your matter and guides you to the right place.',
    ),
  },
  rules,
};
