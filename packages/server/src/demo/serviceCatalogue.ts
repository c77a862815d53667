/**
 * The demo region's service catalogue (invented, demo only, but shaped like Central
 * Ostrobothnia's): the county's own services across its nine municipalities, NGOs' and
 * parishes' services, as FHIR HealthcareServices with names and descriptions in Finnish,
 * Swedish and English (translation extension, decision 017), who they serve, where, in which
 * languages, when, how to reach them and how accessible they are. Also the client paths'
 * links to these services. Pure: no I/O.
 */
import type { HealthcareService, HealthcareServiceAvailableTime, Location, Organization, Resource } from '@medplum/fhirtypes';
import {
  CATALOGUE,
  REGION_MUNICIPALITIES,
  SYSTEMS,
  defaultClientPaths,
  translationsElement,
  type AccessibilityCode,
  type ClientPathsConfig,
  type LocalizedText,
  type ProviderKind,
} from '@ovi/domain';
import { DEMO_META, concept, phone, ref } from './fhir';
import { COUNTY } from './regionData';

const t = (fi: string, sv: string, en: string): LocalizedText => ({ fi, sv, en });
const ORG_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
type Day = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Opening hours the catalogue repeats. */
const HOURS = {
  office: [{ daysOfWeek: [...WEEK], availableStartTime: '08:00:00', availableEndTime: '16:00:00' }],
  clinic: [
    { daysOfWeek: ['mon', 'tue', 'wed', 'thu'], availableStartTime: '08:00:00', availableEndTime: '15:30:00' },
    { daysOfWeek: ['fri'], availableStartTime: '08:00:00', availableEndTime: '14:00:00' },
  ],
  phoneMornings: [{ daysOfWeek: [...WEEK], availableStartTime: '09:00:00', availableEndTime: '11:00:00' }],
  roundTheClock: [{ daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], allDay: true }],
  evenings: [{ daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], availableStartTime: '16:00:00', availableEndTime: '22:00:00' }],
  youthHouse: [
    { daysOfWeek: ['mon', 'tue', 'wed', 'thu'], availableStartTime: '12:00:00', availableEndTime: '18:00:00' },
    { daysOfWeek: ['fri'], availableStartTime: '12:00:00', availableEndTime: '16:00:00' },
  ],
  weeklyGroup: [{ daysOfWeek: ['tue'], availableStartTime: '17:30:00', availableEndTime: '19:30:00' }],
  parish: [
    { daysOfWeek: ['tue', 'wed', 'thu'], availableStartTime: '10:00:00', availableEndTime: '14:00:00' },
    { daysOfWeek: ['sun'], availableStartTime: '12:00:00', availableEndTime: '14:00:00' },
  ],
  socialEmergency: [
    { daysOfWeek: [...WEEK], availableStartTime: '16:00:00', availableEndTime: '00:00:00' },
    { daysOfWeek: ['sat', 'sun'], allDay: true },
  ],
} satisfies Record<string, HealthcareServiceAvailableTime[]>;
type HoursKey = keyof typeof HOURS;

interface Provider {
  id: string;
  name: string;
  kind: ProviderKind;
  /** Where it receives people: street, postal code, town. */
  address: [string, string, string];
  phone: string;
}

/** NGOs and parishes of the demo region (invented). The county and its family centre exist already. */
const PROVIDERS: Record<string, Provider> = {
  county: { id: COUNTY.id, name: COUNTY.name, kind: 'region', address: ['Demokatu 1', '67100', 'Kokkola'], phone: COUNTY.phone },
  familyCentre: { id: 'family-centre', name: 'Kokkolan perhekeskus (demo)', kind: 'region', address: ['Perhekuja 5', '67100', 'Kokkola'], phone: '+358 6 000 4000' },
  mentalHealthSociety: { id: 'ngo-mielenterveysseura', name: 'Keski-Pohjanmaan Mielenterveysseura ry (demo)', kind: 'ngo', address: ['Torikatu 12', '67100', 'Kokkola'], phone: '+358 6 000 5100' },
  shelterAssociation: { id: 'ngo-ensi-ja-turvakoti', name: 'Pohjanmaan Ensi- ja turvakoti ry (demo)', kind: 'ngo', address: ['Rantakatu 8', '67100', 'Kokkola'], phone: '+358 6 000 5200' },
  childWelfareLeague: { id: 'ngo-lapsiperheet', name: 'Lapsiperheiden Tukiyhdistys Keski-Pohjanmaa ry (demo)', kind: 'ngo', address: ['Isokatu 20', '67100', 'Kokkola'], phone: '+358 6 000 5300' },
  nepsyAssociation: { id: 'ngo-nepsy', name: 'Nepsy-perheet Keski-Pohjanmaa ry (demo)', kind: 'ngo', address: ['Pitkänsillankatu 4', '67100', 'Kokkola'], phone: '+358 6 000 5400' },
  substanceFoundation: { id: 'ngo-paihdesaatio', name: 'Pohjanmaan Päihdepalvelusäätiö sr (demo)', kind: 'ngo', address: ['Kauppatori 3', '67100', 'Kokkola'], phone: '+358 6 000 5500' },
  youthAssociation: { id: 'ngo-nuoret', name: 'Keski-Pohjanmaan Nuorisoseurat ry (demo)', kind: 'ngo', address: ['Asematie 7', '69100', 'Kannus'], phone: '+358 6 000 5600' },
  crisisCentre: { id: 'ngo-kriisikeskus', name: 'Kriisikeskus Mobile Keski-Pohjanmaa ry (demo)', kind: 'ngo', address: ['Mannerheiminaukio 2', '67100', 'Kokkola'], phone: '+358 6 000 5700' },
  finnishParish: { id: 'parish-kokkola-fi', name: 'Kokkolan suomalainen seurakunta (demo)', kind: 'parish', address: ['Kirkkokatu 1', '67100', 'Kokkola'], phone: '+358 6 000 6100' },
  swedishParish: { id: 'parish-karleby-sv', name: 'Karleby svenska församling (demo)', kind: 'parish', address: ['Kyrkogatan 3', '67100', 'Karleby'], phone: '+358 6 000 6200' },
  kannusParish: { id: 'parish-kannus', name: 'Kannuksen seurakunta (demo)', kind: 'parish', address: ['Kirkkotie 2', '69100', 'Kannus'], phone: '+358 6 000 6300' },
};
type ProviderKey = keyof typeof PROVIDERS;

interface ServiceSpec {
  id: string;
  kind: string;
  name: LocalizedText;
  comment: LocalizedText;
  /** What the service helps with, in the words people search with. */
  details: LocalizedText;
  provider: ProviderKey;
  /** Municipality codes; empty: the whole region. */
  municipalities: string[];
  ages?: [number | undefined, number | undefined];
  languages: string[];
  accessibility: AccessibilityCode[];
  hours: HoursKey;
  phone: string;
  email?: string;
  website?: string;
}

const ALL: string[] = [];
const KOKKOLA = ['272'];
const KANNUS = ['217'];
const FI_SV = ['fi', 'sv'];
const FI_SV_EN = ['fi', 'sv', 'en'];

/** Services of the county offered in each municipality (one entry per municipality). */
const PER_MUNICIPALITY: Array<Omit<ServiceSpec, 'id' | 'municipalities' | 'phone'> & { idPrefix: string; phoneBase: number; municipalities: string[] }> = [
  {
    idPrefix: 'cat-child-clinic',
    kind: 'child-health-clinic',
    name: t('Lastenneuvola', 'Barnrådgivningen', 'Child health clinic'),
    comment: t(
      'Neuvola seuraa lapsen kasvua ja kehitystä ja tukee vanhempia. Terveystarkastukset ja rokotukset.',
      'Rådgivningen följer barnets tillväxt och utveckling och stöder föräldrarna. Hälsoundersökningar och vaccinationer.',
      "The clinic follows the child's growth and development and supports parents. Health checks and vaccinations.",
    ),
    details: t(
      'Lapsen kasvu, kehitys, uni, syöminen, uhma, vanhemmuus, parisuhde, ero, jaksaminen. Huoli lapsen kehityksestä tai käytöksestä.',
      'Barnets tillväxt, utveckling, sömn, mat, trots, föräldraskap, parrelation, skilsmässa, ork. Oro för barnets utveckling eller beteende.',
      "Child's growth, development, sleep, eating, tantrums, parenting, relationship, divorce, coping. Worry about a child's development or behaviour.",
    ),
    provider: 'county',
    municipalities: ['272', '217', '236', '288', '924', '849', '069', '421', '584'],
    ages: [0, 6],
    languages: FI_SV,
    accessibility: ['wheelchair', 'accessible-toilet', 'parking'],
    hours: 'clinic',
    phoneBase: 7100,
  },
  {
    idPrefix: 'cat-school-health',
    kind: 'school-health',
    name: t('Kouluterveydenhuolto', 'Skolhälsovården', 'School health care'),
    comment: t(
      'Kouluterveydenhoitaja ja -lääkäri tukevat koululaisen terveyttä ja hyvinvointia.',
      'Skolhälsovårdaren och skolläkaren stöder elevens hälsa och välbefinnande.',
      "The school nurse and school doctor support pupils' health and wellbeing.",
    ),
    details: t(
      'Koululaisen terveystarkastukset, mieliala, kiusaaminen, päihteet, nuuska, ero, kodin riidat, seksuaaliterveys.',
      'Hälsoundersökningar, humör, mobbning, rusmedel, snus, skilsmässa, gräl hemma, sexuell hälsa.',
      "Pupils' health checks, mood, bullying, substances, snus, divorce, arguments at home, sexual health.",
    ),
    provider: 'county',
    municipalities: ['272', '217', '236', '288', '924', '849'],
    ages: [7, 16],
    languages: FI_SV,
    accessibility: ['wheelchair'],
    hours: 'clinic',
    phoneBase: 7200,
  },
  {
    idPrefix: 'cat-social-guidance',
    kind: 'social-guidance',
    name: t('Sosiaaliohjaus ja -neuvonta', 'Socialhandledning och rådgivning', 'Social guidance and advice'),
    comment: t(
      'Neuvontaa toimeentulosta, asumisesta, arjen sujumisesta ja sosiaalipalveluista.',
      'Rådgivning om utkomst, boende, vardagen och socialtjänster.',
      'Advice on income, housing, managing daily life and social services.',
    ),
    details: t(
      'Rahahuolet, velat, vuokra, asunto, toimeentulotuki, työttömyys, yksinäisyys, ero ja elämänmuutokset.',
      'Penningbekymmer, skulder, hyra, bostad, utkomststöd, arbetslöshet, ensamhet, skilsmässa och förändringar i livet.',
      'Money worries, debts, rent, housing, income support, unemployment, loneliness, divorce and life changes.',
    ),
    provider: 'county',
    municipalities: ['272', '217', '236', '924', '584'],
    ages: [18, undefined],
    languages: FI_SV,
    accessibility: ['wheelchair', 'induction-loop', 'remote'],
    hours: 'office',
    phoneBase: 7300,
  },
  {
    idPrefix: 'cat-mental-health-nurse',
    kind: 'mental-health',
    name: t('Mielenterveys- ja päihdehoitaja', 'Skötare för psykisk hälsa och missbruk', 'Mental health and substance use nurse'),
    comment: t(
      'Matalan kynnyksen vastaanotto aikuisille ilman lähetettä.',
      'Lågtröskelmottagning för vuxna utan remiss.',
      'Easy-to-reach appointments for adults without a referral.',
    ),
    details: t(
      'Masennus, ahdistus, uupumus, unettomuus, alkoholi, huumeet, peliriippuvuus, kriisit ja ero.',
      'Depression, ångest, utmattning, sömnlöshet, alkohol, droger, spelberoende, kriser och skilsmässa.',
      'Depression, anxiety, exhaustion, insomnia, alcohol, drugs, gambling, crises and divorce.',
    ),
    provider: 'county',
    municipalities: ['272', '217', '236', '849'],
    ages: [18, undefined],
    languages: FI_SV,
    accessibility: ['wheelchair', 'remote'],
    hours: 'office',
    phoneBase: 7400,
  },
];

const SERVICES: ServiceSpec[] = [
  {
    id: 'cat-family-counselling-kokkola',
    kind: 'family-counselling',
    name: t('Perheneuvola', 'Familjerådgivningen', 'Family counselling clinic'),
    comment: t(
      'Kasvatus- ja perheneuvola auttaa lapsiperheitä kasvatuksessa, parisuhteessa ja erotilanteissa. Maksuton, ei lähetettä.',
      'Uppfostrings- och familjerådgivningen hjälper barnfamiljer med uppfostran, parrelationen och vid skilsmässa. Avgiftsfri, ingen remiss.',
      'The child guidance and family counselling clinic helps families with children with upbringing, relationships and divorce. Free, no referral.',
    ),
    details: t(
      'Ero, eroneuvonta, riidat, lapsen tunteet ja käytös, keskittymisvaikeudet, neuropsykiatriset oireet, psykologin arvio, perheterapia.',
      'Skilsmässa, rådgivning vid separation, gräl, barnets känslor och beteende, koncentrationssvårigheter, neuropsykiatriska symtom, psykologbedömning, familjeterapi.',
      "Divorce, separation counselling, arguments, a child's feelings and behaviour, concentration problems, neuropsychiatric symptoms, psychologist's assessment, family therapy.",
    ),
    provider: 'familyCentre',
    municipalities: ['272', '288'],
    ages: [0, 17],
    languages: FI_SV_EN,
    accessibility: ['wheelchair', 'induction-loop', 'accessible-toilet', 'parking'],
    hours: 'office',
    phone: '+358 6 000 4020',
    email: 'perheneuvola@demo.invalid',
  },
  {
    id: 'cat-family-counselling-kannus',
    kind: 'family-counselling',
    name: t('Perheneuvola, Kannus ja Toholampi', 'Familjerådgivningen, Kannus och Toholampi', 'Family counselling clinic, Kannus and Toholampi'),
    comment: t(
      'Perheneuvolan vastaanotto Kannuksen terveysasemalla kaksi päivää viikossa ja etänä.',
      'Familjerådgivningens mottagning på Kannus hälsostation två dagar i veckan och på distans.',
      "The family counselling clinic's appointments at Kannus health station two days a week and remotely.",
    ),
    details: t(
      'Ero, lapsen huoltajuus, vanhemmuus, lapsen ahdistus, neuropsykiatriset oireet, ADHD, perheen riidat.',
      'Skilsmässa, vårdnad, föräldraskap, barnets ångest, neuropsykiatriska symtom, ADHD, gräl i familjen.',
      "Divorce, custody, parenting, a child's anxiety, neuropsychiatric symptoms, ADHD, family arguments.",
    ),
    provider: 'county',
    municipalities: ['217', '849', '421'],
    ages: [0, 17],
    languages: ['fi'],
    accessibility: ['wheelchair', 'remote'],
    hours: 'clinic',
    phone: '+358 6 000 3040',
  },
  {
    id: 'cat-child-welfare-supervisor',
    kind: 'child-welfare-supervisor',
    name: t('Lastenvalvoja', 'Barnatillsyningsman', 'Child welfare supervisor'),
    comment: t(
      'Vahvistaa vanhempien sopimukset lapsen huollosta, asumisesta, tapaamisoikeudesta ja elatuksesta sekä isyyden ja äitiyden.',
      'Fastställer föräldrarnas avtal om barnets vårdnad, boende, umgängesrätt och underhåll samt faderskap och moderskap.',
      "Confirms parents' agreements on a child's custody, residence, right of access and maintenance, and paternity and maternity.",
    ),
    details: t(
      'Ero, erotilanne, huoltajuus, lähivanhempi, tapaamiset, elatusapu, elatussopimus, isyyden tunnustaminen.',
      'Skilsmässa, separation, vårdnad, boendeförälder, umgänge, underhållsbidrag, underhållsavtal, erkännande av faderskap.',
      'Divorce, separation, custody, residential parent, visits, child maintenance, maintenance agreement, acknowledging paternity.',
    ),
    provider: 'county',
    municipalities: ALL,
    ages: [undefined, undefined],
    languages: FI_SV_EN,
    accessibility: ['wheelchair', 'remote'],
    hours: 'phoneMornings',
    phone: '+358 6 000 1060',
  },
  {
    id: 'cat-family-mediation',
    kind: 'family-mediation',
    name: t('Perheasioiden sovittelu', 'Medling i familjeärenden', 'Family mediation'),
    comment: t(
      'Sovittelija auttaa eroavia vanhempia sopimaan lasten asioista ja ratkaisemaan riidat ilman oikeudenkäyntiä.',
      'Medlaren hjälper föräldrar vid skilsmässa att komma överens om barnens ärenden och lösa tvister utan rättegång.',
      "A mediator helps divorcing parents agree on the children's matters and resolve disputes without going to court.",
    ),
    details: t(
      'Ero, avioero, riita lapsen asumisesta tai tapaamisista, omaisuuden jako, yhteistyövanhemmuus.',
      'Skilsmässa, äktenskapsskillnad, tvist om barnets boende eller umgänge, bodelning, samarbetsföräldraskap.',
      "Divorce, dispute about the child's residence or visits, division of property, co-parenting.",
    ),
    provider: 'county',
    municipalities: ALL,
    languages: FI_SV,
    accessibility: ['wheelchair', 'remote'],
    hours: 'office',
    phone: '+358 6 000 1070',
  },
  {
    id: 'cat-family-work',
    kind: 'family-work',
    name: t('Perhetyö', 'Familjearbete', 'Family work'),
    comment: t(
      'Perhetyöntekijä tulee kotiin tukemaan arkea, vanhemmuutta ja lasten hoitoa.',
      'Familjearbetaren kommer hem och stöder vardagen, föräldraskapet och vården av barnen.',
      "A family worker comes to your home to support daily life, parenting and looking after the children.",
    ),
    details: t(
      'Väsymys, arjen rutiinit, ero, vanhemman sairaus, monikkoperhe, lapsen uhmakkuus, neuropsykiatrisesti oireileva lapsi.',
      'Trötthet, vardagsrutiner, skilsmässa, förälders sjukdom, flerlingsfamilj, barnets trots, barn med neuropsykiatriska symtom.',
      "Tiredness, daily routines, divorce, a parent's illness, twins or triplets, a defiant child, a child with neuropsychiatric symptoms.",
    ),
    provider: 'county',
    municipalities: ALL,
    ages: [0, 17],
    languages: FI_SV,
    accessibility: ['home-visits'],
    hours: 'office',
    phone: '+358 6 000 1080',
  },
  {
    id: 'cat-nepsy-coach',
    kind: 'neuropsychiatric-coaching',
    name: t('Nepsy-valmennus', 'Neuropsykiatrisk coachning', 'Neuropsychiatric coaching'),
    comment: t(
      'Nepsy-valmentaja auttaa lasta, nuorta ja perhettä arjen hallinnassa, kun keskittyminen, toiminnanohjaus tai tunteiden säätely on vaikeaa.',
      'Coachen hjälper barn, unga och familjen att klara vardagen när koncentration, planering eller att reglera känslor är svårt.',
      'A neuropsychiatric coach helps a child, young person and family manage daily life when concentration, executive function or regulating emotions is hard.',
    ),
    details: t(
      'ADHD, ADD, autismikirjo, Tourette, neuropsykiatriset oireet, nepsy, keskittymisvaikeudet, raivokohtaukset, koulunkäynnin tuki.',
      'ADHD, ADD, autismspektrum, Tourette, neuropsykiatriska symtom, koncentrationssvårigheter, utbrott, stöd i skolgången.',
      'ADHD, ADD, autism spectrum, Tourette, neuropsychiatric symptoms, concentration problems, outbursts, support with school.',
    ),
    provider: 'familyCentre',
    municipalities: ALL,
    ages: [3, 17],
    languages: FI_SV,
    accessibility: ['wheelchair', 'home-visits', 'remote'],
    hours: 'office',
    phone: '+358 6 000 4030',
  },
  {
    id: 'cat-child-psychologist',
    kind: 'child-psychology',
    name: t('Lasten ja nuorten psykologi', 'Psykolog för barn och unga', 'Psychologist for children and young people'),
    comment: t(
      'Psykologin tutkimukset ja lyhyet tukijaksot lapsille ja nuorille, kun huoli on kehityksestä, tunteista tai käytöksestä.',
      'Psykologens utredningar och korta stödperioder för barn och unga vid oro för utveckling, känslor eller beteende.',
      "Psychologist's assessments and short support periods for children and young people when there is worry about development, feelings or behaviour.",
    ),
    details: t(
      'Neuropsykiatriset oireet, oppimisvaikeudet, ahdistus, pelot, masennus, trauma, ero, keskittymisen arvio.',
      'Neuropsykiatriska symtom, inlärningssvårigheter, ångest, rädslor, depression, trauma, skilsmässa, bedömning av koncentration.',
      'Neuropsychiatric symptoms, learning difficulties, anxiety, fears, depression, trauma, divorce, assessment of concentration.',
    ),
    provider: 'familyCentre',
    municipalities: ALL,
    ages: [0, 17],
    languages: FI_SV,
    accessibility: ['wheelchair', 'induction-loop'],
    hours: 'office',
    phone: '+358 6 000 4040',
  },
  {
    id: 'cat-youth-mental-health',
    kind: 'youth-mental-health',
    name: t('Nuorten mielenterveys- ja päihdetiimi', 'Ungdomarnas team för psykisk hälsa och missbruk', "Young people's mental health and substance use team"),
    comment: t(
      'Matalan kynnyksen apua 13–22-vuotiaille ja heidän vanhemmilleen ilman lähetettä. Nuori voi ottaa yhteyttä itse.',
      'Hjälp med låg tröskel för 13–22-åringar och deras föräldrar utan remiss. Den unga kan ta kontakt själv.',
      'Easy-to-reach help for 13–22-year-olds and their parents without a referral. Young people can get in touch themselves.',
    ),
    details: t(
      'Mielenterveys, masennus, ahdistus, itsetuhoisuus, syömishäiriö, päihteet, alkoholi, kannabis, huumeet, pelaaminen, nuoren huoli.',
      'Psykisk hälsa, depression, ångest, självskada, ätstörning, rusmedel, alkohol, cannabis, droger, spelande, oro för en ung.',
      "Mental health, depression, anxiety, self-harm, eating disorder, substances, alcohol, cannabis, drugs, gaming, worry about a young person.",
    ),
    provider: 'county',
    municipalities: ALL,
    ages: [13, 22],
    languages: FI_SV_EN,
    accessibility: ['wheelchair', 'remote', 'plain-language'],
    hours: 'office',
    phone: '+358 6 000 1090',
  },
  {
    id: 'cat-ohjaamo',
    kind: 'youth-guidance',
    name: t('Ohjaamo', 'Navigatorn', 'Ohjaamo youth guidance centre'),
    comment: t(
      'Alle 30-vuotiaiden yhden luukun palvelu: opiskelu, työ, asuminen, raha-asiat ja hyvinvointi. Tule ilman ajanvarausta.',
      'Tjänst för under 30-åringar på ett ställe: studier, arbete, boende, pengar och välmående. Kom utan tidsbokning.',
      'One-stop guidance for under-30s: studies, work, housing, money and wellbeing. Drop in without an appointment.',
    ),
    details: t(
      'Nuori aikuinen, työttömyys, opiskelupaikka, asunto, velat, mielenterveys, päihteet, yksinäisyys.',
      'Ung vuxen, arbetslöshet, studieplats, bostad, skulder, psykisk hälsa, rusmedel, ensamhet.',
      'Young adult, unemployment, study place, housing, debts, mental health, substances, loneliness.',
    ),
    provider: 'county',
    municipalities: ['272', '288', '236'],
    ages: [15, 29],
    languages: FI_SV_EN,
    accessibility: ['wheelchair', 'accessible-toilet', 'plain-language'],
    hours: 'youthHouse',
    phone: '+358 6 000 1100',
    website: 'https://ohjaamo.demo.invalid',
  },
  {
    id: 'cat-student-health',
    kind: 'student-health',
    name: t('Opiskeluhuolto, toinen aste', 'Studerandevård, andra stadiet', 'Student welfare, upper secondary'),
    comment: t(
      'Lukion ja ammattiopiston opiskelijoiden terveydenhoitaja, kuraattori ja psykologi.',
      'Hälsovårdare, kurator och psykolog för gymnasie- och yrkesstuderande.',
      'Nurse, social worker and psychologist for upper secondary and vocational students.',
    ),
    details: t(
      'Opiskelijan jaksaminen, stressi, mieliala, päihteet, ehkäisy, seksuaaliterveys, kodin tilanne.',
      'Studerandes ork, stress, humör, rusmedel, preventivmedel, sexuell hälsa, situationen hemma.',
      "Students' coping, stress, mood, substances, contraception, sexual health, the situation at home.",
    ),
    provider: 'county',
    municipalities: ['272', '217', '236'],
    ages: [15, 25],
    languages: FI_SV,
    accessibility: ['wheelchair'],
    hours: 'clinic',
    phone: '+358 6 000 1110',
  },
  {
    id: 'cat-social-emergency',
    kind: 'social-emergency',
    name: t('Sosiaalipäivystys', 'Socialjouren', 'Social emergency services'),
    comment: t(
      'Kiireellinen sosiaalityö iltaisin, öisin ja viikonloppuisin, kun apua tarvitaan heti. Hätätilanteessa soita 112.',
      'Brådskande socialt arbete kvällar, nätter och veckoslut när hjälp behövs genast. I nödsituation ring 112.',
      'Urgent social work in the evenings, at night and at weekends when help is needed at once. In an emergency, call 112.',
    ),
    details: t(
      'Lapsen turvallisuus, lastensuojelu, perheväkivalta, kodittomuus, akuutti kriisi, vanhuksen heitteillejättö.',
      'Barnets säkerhet, barnskydd, våld i familjen, hemlöshet, akut kris, vanvård av äldre.',
      "A child's safety, child protection, domestic violence, homelessness, acute crisis, neglect of an older person.",
    ),
    provider: 'county',
    municipalities: ALL,
    languages: FI_SV,
    accessibility: ['remote'],
    hours: 'socialEmergency',
    phone: '+358 6 000 1120',
  },
  {
    id: 'cat-child-welfare-notification',
    kind: 'child-welfare',
    name: t('Lastensuojelun neuvonta ja ilmoitukset', 'Barnskyddets rådgivning och anmälningar', 'Child welfare advice and notifications'),
    comment: t(
      'Neuvoa, kun olet huolissasi lapsesta, ja lastensuojeluilmoitukset virka-aikana.',
      'Råd när du är orolig för ett barn, och barnskyddsanmälningar under tjänstetid.',
      'Advice when you are worried about a child, and child welfare notifications during office hours.',
    ),
    details: t(
      'Huoli lapsesta, lastensuojeluilmoitus, laiminlyönti, väkivalta, vanhemman päihteet, nuoren päihteet, karkailu.',
      'Oro för ett barn, barnskyddsanmälan, försummelse, våld, förälderns missbruk, ungas rusmedel, rymningar.',
      "Worry about a child, child welfare notification, neglect, violence, a parent's substance use, a young person's substance use, running away.",
    ),
    provider: 'county',
    municipalities: ALL,
    ages: [0, 17],
    languages: FI_SV,
    accessibility: ['remote'],
    hours: 'office',
    phone: '+358 6 000 1130',
  },
  {
    id: 'cat-adult-psychiatry-outpatient',
    kind: 'mental-health',
    name: t('Aikuispsykiatrian poliklinikka', 'Vuxenpsykiatriska polikliniken', 'Adult psychiatric outpatient clinic'),
    comment: t('Erikoistason psykiatrinen hoito lähetteellä.', 'Psykiatrisk vård på specialnivå med remiss.', 'Specialised psychiatric care with a referral.'),
    details: t('Vaikea masennus, psykoosi, kaksisuuntainen mielialahäiriö, ADHD-arvio aikuiselle.', 'Svår depression, psykos, bipolär sjukdom, ADHD-utredning för vuxna.', 'Severe depression, psychosis, bipolar disorder, ADHD assessment for adults.'),
    provider: 'county',
    municipalities: ALL,
    ages: [18, undefined],
    languages: FI_SV,
    accessibility: ['wheelchair', 'induction-loop', 'accessible-toilet'],
    hours: 'office',
    phone: '+358 6 000 1140',
  },
  {
    id: 'cat-youth-psychiatry',
    kind: 'youth-mental-health',
    name: t('Nuorisopsykiatrian poliklinikka', 'Ungdomspsykiatriska polikliniken', 'Adolescent psychiatric outpatient clinic'),
    comment: t('Nuorten psykiatrinen tutkimus ja hoito lähetteellä.', 'Utredning och vård för unga med remiss.', 'Psychiatric assessment and care for young people with a referral.'),
    details: t('Nuoren masennus, ahdistus, syömishäiriö, itsetuhoisuus, neuropsykiatriset oireet.', 'Ungas depression, ångest, ätstörning, självskada, neuropsykiatriska symtom.', "A young person's depression, anxiety, eating disorder, self-harm, neuropsychiatric symptoms."),
    provider: 'county',
    municipalities: ALL,
    ages: [13, 17],
    languages: FI_SV,
    accessibility: ['wheelchair', 'accessible-toilet'],
    hours: 'office',
    phone: '+358 6 000 1150',
  },
  {
    id: 'cat-child-psychiatry',
    kind: 'child-psychiatry',
    name: t('Lastenpsykiatrian poliklinikka', 'Barnpsykiatriska polikliniken', 'Child psychiatric outpatient clinic'),
    comment: t('Alle 13-vuotiaiden psykiatrinen tutkimus ja hoito lähetteellä.', 'Utredning och vård för barn under 13 år med remiss.', 'Psychiatric assessment and care for children under 13 with a referral.'),
    details: t('Neuropsykiatriset tutkimukset, ADHD, autismikirjo, lapsen ahdistus ja trauma.', 'Neuropsykiatriska utredningar, ADHD, autismspektrum, barnets ångest och trauma.', "Neuropsychiatric assessments, ADHD, autism spectrum, a child's anxiety and trauma."),
    provider: 'county',
    municipalities: ALL,
    ages: [0, 12],
    languages: FI_SV,
    accessibility: ['wheelchair', 'accessible-toilet'],
    hours: 'office',
    phone: '+358 6 000 1160',
  },
  {
    id: 'cat-substance-outpatient',
    kind: 'substance-use',
    name: t('Päihde- ja riippuvuuspoliklinikka', 'Polikliniken för missbruk och beroende', 'Substance use and addiction outpatient clinic'),
    comment: t('Apua alkoholin, huumeiden, lääkkeiden ja pelaamisen ongelmiin aikuisille ja läheisille.', 'Hjälp vid problem med alkohol, droger, läkemedel och spel för vuxna och anhöriga.', 'Help with alcohol, drug, medicine and gambling problems for adults and their families.'),
    details: t('Päihteet, alkoholi, huumeet, opioidit, korvaushoito, katkaisuhoito, peliriippuvuus, läheisen huoli.', 'Rusmedel, alkohol, droger, opioider, substitutionsbehandling, avgiftning, spelberoende, anhörigas oro.', 'Substances, alcohol, drugs, opioids, substitution treatment, detox, gambling addiction, a family member\'s worry.'),
    provider: 'county',
    municipalities: ALL,
    ages: [18, undefined],
    languages: FI_SV,
    accessibility: ['wheelchair'],
    hours: 'office',
    phone: '+358 6 000 1170',
  },
  {
    id: 'cat-maternity-clinic',
    kind: 'maternity-clinic',
    name: t('Äitiysneuvola', 'Mödrarådgivningen', 'Maternity clinic'),
    comment: t('Raskauden seuranta ja perhevalmennus.', 'Uppföljning av graviditeten och familjeförberedelse.', 'Pregnancy check-ups and antenatal classes.'),
    details: t('Raskaus, synnytys, perhevalmennus, parisuhde, mieliala raskauden aikana.', 'Graviditet, förlossning, familjeförberedelse, parrelation, humör under graviditeten.', 'Pregnancy, childbirth, antenatal classes, relationship, mood during pregnancy.'),
    provider: 'familyCentre',
    municipalities: ['272', '288', '217'],
    languages: FI_SV_EN,
    accessibility: ['wheelchair', 'accessible-toilet', 'parking'],
    hours: 'clinic',
    phone: '+358 6 000 4050',
  },
  {
    id: 'cat-family-centre-meeting-place',
    kind: 'meeting-place',
    name: t('Perhekeskuksen kohtaamispaikka', 'Familjecentralens mötesplats', "Family centre's meeting place"),
    comment: t('Avoin kohtaamispaikka lapsiperheille: leikkiä, vertaistukea ja ohjausta.', 'Öppen mötesplats för barnfamiljer: lek, kamratstöd och handledning.', 'An open meeting place for families with children: play, peer support and guidance.'),
    details: t('Vertaistuki, yksinäisyys, vauvaperhe, uusperhe, eroperhe, maahan muuttaneet perheet.', 'Kamratstöd, ensamhet, familj med bebis, ombildad familj, skilsmässofamilj, inflyttade familjer.', 'Peer support, loneliness, families with babies, blended families, divorced families, families who have moved to Finland.'),
    provider: 'familyCentre',
    municipalities: ['272'],
    ages: [0, 12],
    languages: FI_SV_EN,
    accessibility: ['wheelchair', 'accessible-toilet', 'parking'],
    hours: 'youthHouse',
    phone: '+358 6 000 4060',
  },
  {
    id: 'cat-divorce-peer-group',
    kind: 'peer-support',
    name: t('Eroperheiden vertaisryhmä', 'Kamratgrupp för skilsmässofamiljer', 'Peer group for divorced families'),
    comment: t('Ohjattu ryhmä eron kokeneille vanhemmille ja erillinen ryhmä lapsille.', 'Ledd grupp för föräldrar som gått igenom en skilsmässa och en egen grupp för barn.', 'A guided group for parents who have been through a divorce and a separate group for children.'),
    details: t('Ero, avioero, erosta selviytyminen, yhteishuoltajuus, uusperhe, lapsen tukeminen erossa.', 'Skilsmässa, att klara en separation, gemensam vårdnad, ombildad familj, stöd för barnet vid skilsmässa.', 'Divorce, surviving a separation, joint custody, blended family, supporting a child through divorce.'),
    provider: 'shelterAssociation',
    municipalities: ['272', '217', '288'],
    languages: ['fi'],
    accessibility: ['wheelchair'],
    hours: 'weeklyGroup',
    phone: '+358 6 000 5210',
  },
  {
    id: 'cat-shelter',
    kind: 'shelter',
    name: t('Turvakoti', 'Skyddshemmet', 'Shelter'),
    comment: t('Turvaa ja apua lähisuhdeväkivaltaa kokeneille ja sen uhan alla eläville, myös lapsille. Auki ympäri vuorokauden.', 'Skydd och hjälp för den som utsatts för eller hotas av våld i nära relationer, också barn. Öppet dygnet runt.', 'Safety and help for people who have experienced or are threatened by domestic violence, children too. Open round the clock.'),
    details: t('Lähisuhdeväkivalta, perheväkivalta, eron jälkeinen vaino, pelko kotona, hätämajoitus.', 'Våld i nära relationer, familjevåld, förföljelse efter skilsmässa, rädsla hemma, nödinkvartering.', 'Domestic violence, family violence, stalking after divorce, fear at home, emergency accommodation.'),
    provider: 'shelterAssociation',
    municipalities: ALL,
    languages: FI_SV_EN,
    accessibility: ['wheelchair', 'accessible-toilet'],
    hours: 'roundTheClock',
    phone: '+358 6 000 5220',
  },
  {
    id: 'cat-meeting-place-visits',
    kind: 'supervised-visits',
    name: t('Valvotut tapaamiset ja vaihdot', 'Övervakade umgängen och byten', 'Supervised visits and handovers'),
    comment: t('Turvallinen paikka lapsen tapaamisille ja vaihdoille, kun vanhemmat eivät voi tavata.', 'En trygg plats för barnets umgänge och byten när föräldrarna inte kan träffas.', "A safe place for a child's visits and handovers when the parents cannot meet."),
    details: t('Ero, tapaamisoikeus, valvottu tapaaminen, tuettu tapaaminen, riitainen ero.', 'Skilsmässa, umgängesrätt, övervakat umgänge, stött umgänge, konfliktfylld skilsmässa.', 'Divorce, right of access, supervised visit, supported visit, high-conflict divorce.'),
    provider: 'shelterAssociation',
    municipalities: ALL,
    ages: [0, 17],
    languages: FI_SV,
    accessibility: ['wheelchair', 'parking'],
    hours: 'office',
    phone: '+358 6 000 5230',
  },
  {
    id: 'cat-crisis-line',
    kind: 'crisis-help',
    name: t('Kriisipuhelin', 'Kristelefonen', 'Crisis helpline'),
    comment: t('Keskusteluapua kriisissä oleville ja heidän läheisilleen, nimettömänä, ympäri vuorokauden.', 'Samtalshjälp för den som är i kris och deras närstående, anonymt, dygnet runt.', 'Someone to talk to for people in crisis and those close to them, anonymously, round the clock.'),
    details: t('Itsetuhoiset ajatukset, ahdistus, suru, ero, yksinäisyys, paniikki, läheisen huoli.', 'Självmordstankar, ångest, sorg, skilsmässa, ensamhet, panik, oro för en närstående.', 'Suicidal thoughts, anxiety, grief, divorce, loneliness, panic, worry about someone close.'),
    provider: 'mentalHealthSociety',
    municipalities: ALL,
    ages: [undefined, undefined],
    languages: FI_SV_EN,
    accessibility: ['remote', 'plain-language'],
    hours: 'roundTheClock',
    phone: '+358 6 000 5110',
  },
  {
    id: 'cat-crisis-centre',
    kind: 'crisis-help',
    name: t('Kriisikeskus', 'Kriscentret', 'Crisis centre'),
    comment: t('Lyhytaikaista keskusteluapua äkillisissä kriiseissä ja elämänmuutoksissa. Maksuton, ei lähetettä.', 'Kortvarig samtalshjälp vid plötsliga kriser och förändringar i livet. Avgiftsfri, ingen remiss.', 'Short-term counselling in sudden crises and life changes. Free, no referral.'),
    details: t('Ero, avioero, läheisen kuolema, onnettomuus, väkivallan kokemus, työpaikan menetys, itsetuhoisuus.', 'Skilsmässa, en närståendes död, olycka, upplevt våld, förlorat arbete, självmordstankar.', 'Divorce, the death of someone close, an accident, experience of violence, losing a job, suicidal thoughts.'),
    provider: 'crisisCentre',
    municipalities: ALL,
    ages: [15, undefined],
    languages: FI_SV_EN,
    accessibility: ['wheelchair', 'remote'],
    hours: 'office',
    phone: '+358 6 000 5710',
  },
  {
    id: 'cat-youth-chat',
    kind: 'youth-chat',
    name: t('Nuorten iltachat', 'Kvällschatt för unga', 'Evening chat for young people'),
    comment: t('Nimetön chat 12–25-vuotiaille joka ilta. Ammattilaiset ja koulutetut vapaaehtoiset vastaavat.', 'Anonym chatt för 12–25-åringar varje kväll. Yrkesfolk och utbildade frivilliga svarar.', 'An anonymous chat for 12–25-year-olds every evening. Professionals and trained volunteers answer.'),
    details: t('Mieliala, yksinäisyys, kiusaaminen, päihteet, seurustelu, vanhempien ero, kodin riidat.', 'Humör, ensamhet, mobbning, rusmedel, att sällskapa, föräldrarnas skilsmässa, gräl hemma.', "Mood, loneliness, bullying, substances, dating, parents' divorce, arguments at home."),
    provider: 'childWelfareLeague',
    municipalities: ALL,
    ages: [12, 25],
    languages: FI_SV,
    accessibility: ['remote', 'plain-language'],
    hours: 'evenings',
    phone: '+358 6 000 5310',
    website: 'https://nuortenchat.demo.invalid',
  },
  {
    id: 'cat-parents-line',
    kind: 'parent-support',
    name: t('Vanhempainpuhelin', 'Föräldratelefonen', 'Parents\' helpline'),
    comment: t('Kuunteleva puhelin vanhemmille ja isovanhemmille kasvatuksen ja arjen kysymyksissä.', 'En lyssnande telefon för föräldrar och mor- och farföräldrar i frågor om uppfostran och vardag.', 'A listening line for parents and grandparents on upbringing and daily life.'),
    details: t('Vanhemmuus, uhma, murrosikä, ero, uusperhe, nuoren päihteet, ruutuaika, jaksaminen.', 'Föräldraskap, trots, pubertet, skilsmässa, ombildad familj, ungas rusmedel, skärmtid, ork.', 'Parenting, tantrums, adolescence, divorce, blended family, a teenager\'s substance use, screen time, coping.'),
    provider: 'childWelfareLeague',
    municipalities: ALL,
    languages: FI_SV,
    accessibility: ['remote'],
    hours: 'evenings',
    phone: '+358 6 000 5320',
  },
  {
    id: 'cat-support-family',
    kind: 'support-family',
    name: t('Tukiperhe- ja tukihenkilötoiminta', 'Stödfamiljs- och stödpersonsverksamhet', 'Support families and support persons'),
    comment: t('Vapaaehtoinen tukiperhe tai aikuinen tukihenkilö lapselle tai nuorelle.', 'En frivillig stödfamilj eller vuxen stödperson för ett barn eller en ung.', 'A volunteer support family or adult support person for a child or young person.'),
    details: t('Yksinhuoltaja, ero, vanhemman jaksaminen, lapsen harrastukset, nuoren tuki.', 'Ensamförsörjare, skilsmässa, förälderns ork, barnets fritidsintressen, stöd för unga.', 'Single parent, divorce, a parent\'s coping, a child\'s hobbies, support for a young person.'),
    provider: 'childWelfareLeague',
    municipalities: ['272', '217', '236', '924'],
    ages: [3, 17],
    languages: FI_SV,
    accessibility: [],
    hours: 'office',
    phone: '+358 6 000 5330',
  },
  {
    id: 'cat-nepsy-peer',
    kind: 'peer-support',
    name: t('Nepsy-perheiden vertaisryhmä', 'Kamratgrupp för nepsy-familjer', 'Peer group for families with neurodivergent children'),
    comment: t('Vertaistukea ja tietoa vanhemmille, joiden lapsella on neuropsykiatrisia piirteitä.', 'Kamratstöd och kunskap för föräldrar vars barn har neuropsykiatriska drag.', 'Peer support and information for parents whose child has neuropsychiatric traits.'),
    details: t('ADHD, autismikirjo, Tourette, neuropsykiatriset oireet, nepsy, arjen keinot, koulun yhteistyö, diagnoosi.', 'ADHD, autismspektrum, Tourette, neuropsykiatriska symtom, verktyg för vardagen, samarbete med skolan, diagnos.', 'ADHD, autism spectrum, Tourette, neuropsychiatric symptoms, everyday tools, working with school, diagnosis.'),
    provider: 'nepsyAssociation',
    municipalities: ALL,
    languages: FI_SV,
    accessibility: ['wheelchair', 'remote'],
    hours: 'weeklyGroup',
    phone: '+358 6 000 5410',
  },
  {
    id: 'cat-nepsy-courses',
    kind: 'parent-support',
    name: t('Nepsy-vanhempien kurssit', 'Kurser för föräldrar till nepsy-barn', 'Courses for parents of neurodivergent children'),
    comment: t('Verkko- ja lähikursseja vanhemmille: tunteiden säätely, rutiinit ja koulun tuki.', 'Kurser på nätet och på plats för föräldrar: känsloreglering, rutiner och stöd i skolan.', 'Online and in-person courses for parents: emotion regulation, routines and support at school.'),
    details: t('Keskittymisvaikeudet, raivokohtaukset, neuropsykiatriset oireet, ADHD, vanhemman jaksaminen.', 'Koncentrationssvårigheter, utbrott, neuropsykiatriska symtom, ADHD, förälderns ork.', "Concentration problems, outbursts, neuropsychiatric symptoms, ADHD, a parent's coping."),
    provider: 'nepsyAssociation',
    municipalities: ALL,
    languages: FI_SV_EN,
    accessibility: ['remote'],
    hours: 'office',
    phone: '+358 6 000 5420',
  },
  {
    id: 'cat-substance-family',
    kind: 'substance-use',
    name: t('Läheisneuvonta päihdeasioissa', 'Anhörigrådgivning om rusmedel', 'Advice for families on substance use'),
    comment: t('Neuvontaa ja vertaistukea, kun läheisen tai nuoren päihteiden käyttö huolettaa.', 'Rådgivning och kamratstöd när en närståendes eller ungas rusmedelsbruk oroar.', "Advice and peer support when a family member's or a young person's substance use is a worry."),
    details: t('Nuoren päihteet, alkoholi, kannabis, huumeet, nuuska, läheisen juominen, pelaaminen, vanhemman huoli.', 'Ungas rusmedel, alkohol, cannabis, droger, snus, en närståendes drickande, spelande, förälderns oro.', "A young person's substance use, alcohol, cannabis, drugs, snus, a family member's drinking, gambling, a parent's worry."),
    provider: 'substanceFoundation',
    municipalities: ALL,
    languages: FI_SV,
    accessibility: ['wheelchair', 'remote'],
    hours: 'office',
    phone: '+358 6 000 5510',
  },
  {
    id: 'cat-youth-substance-outreach',
    kind: 'youth-outreach',
    name: t('Etsivä nuorisotyö', 'Uppsökande ungdomsarbete', 'Outreach youth work'),
    comment: t('Etsivät nuorisotyöntekijät tukevat alle 29-vuotiaita, jotka ovat jääneet ilman opiskelu- tai työpaikkaa.', 'Uppsökande ungdomsarbetare stöder unga under 29 år som står utan studie- eller arbetsplats.', 'Outreach youth workers support under-29s who are without a study place or job.'),
    details: t('Syrjäytyminen, yksinäisyys, päihteet, mielenterveys, koulupudokas, nuoren huoli.', 'Utanförskap, ensamhet, rusmedel, psykisk hälsa, avbruten skolgång, oro för en ung.', 'Social exclusion, loneliness, substances, mental health, school drop-out, worry about a young person.'),
    provider: 'youthAssociation',
    municipalities: ['217', '849', '421', '584', '069'],
    ages: [15, 29],
    languages: ['fi'],
    accessibility: ['home-visits', 'plain-language'],
    hours: 'youthHouse',
    phone: '+358 6 000 5610',
  },
  {
    id: 'cat-youth-house-kannus',
    kind: 'youth-house',
    name: t('Nuorisotalo, Kannus', 'Ungdomsgården, Kannus', 'Youth centre, Kannus'),
    comment: t('Avoin nuorisotila 10–17-vuotiaille: turvallinen aikuinen ja tekemistä iltapäivisin.', 'Öppen ungdomslokal för 10–17-åringar: en trygg vuxen och aktiviteter på eftermiddagarna.', 'An open youth space for 10–17-year-olds: a safe adult and activities in the afternoons.'),
    details: t('Yksinäisyys, kaverit, kiusaaminen, päihteettömyys, harrastukset.', 'Ensamhet, kompisar, mobbning, drogfrihet, fritidsintressen.', 'Loneliness, friends, bullying, staying substance-free, hobbies.'),
    provider: 'youthAssociation',
    municipalities: KANNUS,
    ages: [10, 17],
    languages: ['fi'],
    accessibility: ['wheelchair', 'accessible-toilet'],
    hours: 'youthHouse',
    phone: '+358 6 000 5620',
  },
  {
    id: 'cat-family-counselling-parish',
    kind: 'family-counselling',
    name: t('Kirkon perheneuvonta', 'Kyrkans familjerådgivning', "The church's family counselling"),
    comment: t('Parisuhde- ja perheneuvontaa kaikille vakaumuksesta riippumatta. Maksuton ja luottamuksellinen.', 'Familjerådgivning för par och familjer för alla oavsett övertygelse. Avgiftsfri och konfidentiell.', 'Relationship and family counselling for everyone regardless of belief. Free and confidential.'),
    details: t('Parisuhteen kriisi, ero, eroa harkitseva pari, uskottomuus, riidat, uusperhe, suru.', 'Kris i parrelationen, skilsmässa, par som överväger skilsmässa, otrohet, gräl, ombildad familj, sorg.', 'A relationship crisis, divorce, couples considering divorce, infidelity, arguments, blended family, grief.'),
    provider: 'finnishParish',
    municipalities: ['272', '217', '236', '849', '924'],
    ages: [18, undefined],
    languages: ['fi'],
    accessibility: ['wheelchair', 'induction-loop'],
    hours: 'office',
    phone: '+358 6 000 6110',
  },
  {
    id: 'cat-familjeradgivning-parish',
    kind: 'family-counselling',
    name: t('Svenska familjerådgivningen (seurakunta)', 'Svenska familjerådgivningen i Karleby', 'Swedish-language family counselling (parish)'),
    comment: t('Ruotsinkielistä parisuhde- ja perheneuvontaa Kokkolassa ja Kruunupyyssä.', 'Familjerådgivning på svenska för par och familjer i Karleby och Kronoby.', 'Swedish-language relationship and family counselling in Kokkola and Kruunupyy.'),
    details: t('Parisuhde, ero, perheen kriisi, suru, vanhemmuus.', 'Parrelation, skilsmässa, separation, familjekris, sorg, föräldraskap.', 'Relationship, divorce, separation, family crisis, grief, parenting.'),
    provider: 'swedishParish',
    municipalities: ['272', '288'],
    ages: [18, undefined],
    languages: ['sv'],
    accessibility: ['wheelchair', 'induction-loop'],
    hours: 'office',
    phone: '+358 6 000 6210',
  },
  {
    id: 'cat-diaconia-kokkola',
    kind: 'diaconia',
    name: t('Diakoniatyö, Kokkola', 'Diakoniarbetet, Karleby', 'Diaconal work, Kokkola'),
    comment: t('Keskusteluapua ja tilapäistä aineellista apua elämän vaikeissa tilanteissa.', 'Samtalsstöd och tillfällig materiell hjälp i svåra livssituationer.', 'Someone to talk to and temporary material help in difficult life situations.'),
    details: t('Rahahuolet, ruoka-apu, yksinäisyys, ero, suru, sairaus, velat.', 'Penningbekymmer, mathjälp, ensamhet, skilsmässa, sorg, sjukdom, skulder.', 'Money worries, food aid, loneliness, divorce, grief, illness, debts.'),
    provider: 'finnishParish',
    municipalities: KOKKOLA,
    languages: FI_SV,
    accessibility: ['wheelchair', 'accessible-toilet'],
    hours: 'parish',
    phone: '+358 6 000 6120',
  },
  {
    id: 'cat-diakoni-karleby',
    kind: 'diaconia',
    name: t('Diakoni, Karleby svenska församling', 'Diakonin i Karleby svenska församling', 'Diaconal work, Swedish parish of Kokkola'),
    comment: t('Ruotsinkielistä keskusteluapua ja tukea.', 'Samtalsstöd och hjälp på svenska.', 'Support and someone to talk to, in Swedish.'),
    details: t('Yksinäisyys, suru, talousvaikeudet, ero, ikääntyminen.', 'Ensamhet, sorg, ekonomiska svårigheter, skilsmässa, åldrande.', 'Loneliness, grief, financial difficulties, divorce, ageing.'),
    provider: 'swedishParish',
    municipalities: ['272', '288'],
    languages: ['sv', 'fi'],
    accessibility: ['wheelchair'],
    hours: 'parish',
    phone: '+358 6 000 6220',
  },
  {
    id: 'cat-diaconia-kannus',
    kind: 'diaconia',
    name: t('Diakoniatyö, Kannus', 'Diakoniarbetet, Kannus', 'Diaconal work, Kannus'),
    comment: t('Keskusteluapua, ruoka-apua ja kotikäyntejä.', 'Samtalsstöd, mathjälp och hembesök.', 'Someone to talk to, food aid and home visits.'),
    details: t('Rahahuolet, ruoka-apu, yksinäisyys, suru, sairaus, ikäihmiset.', 'Penningbekymmer, mathjälp, ensamhet, sorg, sjukdom, äldre.', 'Money worries, food aid, loneliness, grief, illness, older people.'),
    provider: 'kannusParish',
    municipalities: ['217', '849'],
    languages: ['fi'],
    accessibility: ['home-visits'],
    hours: 'parish',
    phone: '+358 6 000 6310',
  },
  {
    id: 'cat-parish-youth',
    kind: 'youth-work',
    name: t('Seurakunnan nuorisotyö', 'Församlingens ungdomsarbete', "The parish's youth work"),
    comment: t('Nuortenillat, leirit ja turvallinen aikuinen juttuseuraksi.', 'Ungdomskvällar, läger och en trygg vuxen att prata med.', 'Youth evenings, camps and a safe adult to talk to.'),
    details: t('Yksinäisyys, kaverit, vanhempien ero, mieliala, rippikoulu.', 'Ensamhet, kompisar, föräldrarnas skilsmässa, humör, skriftskola.', "Loneliness, friends, parents' divorce, mood, confirmation school."),
    provider: 'finnishParish',
    municipalities: ['272', '217'],
    ages: [12, 20],
    languages: ['fi'],
    accessibility: ['wheelchair'],
    hours: 'youthHouse',
    phone: '+358 6 000 6130',
  },
  {
    id: 'cat-mental-health-peer',
    kind: 'peer-support',
    name: t('Mielenterveyden vertaisryhmät', 'Kamratgrupper för psykisk hälsa', 'Mental health peer groups'),
    comment: t('Ohjatut vertaisryhmät masennuksesta, ahdistuksesta ja toipumisesta, myös omaisille.', 'Ledda kamratgrupper om depression, ångest och återhämtning, också för anhöriga.', 'Guided peer groups on depression, anxiety and recovery, for relatives too.'),
    details: t('Masennus, ahdistus, paniikkihäiriö, kuntoutuminen, omainen, läheisen mielenterveys.', 'Depression, ångest, panikångest, rehabilitering, anhörig, en närståendes psykiska hälsa.', "Depression, anxiety, panic disorder, recovery, carer, a family member's mental health."),
    provider: 'mentalHealthSociety',
    municipalities: ['272', '217', '236'],
    ages: [18, undefined],
    languages: FI_SV,
    accessibility: ['wheelchair', 'accessible-toilet'],
    hours: 'weeklyGroup',
    phone: '+358 6 000 5120',
  },
  {
    id: 'cat-mental-health-chat',
    kind: 'crisis-help',
    name: t('Mielenterveyschat aikuisille', 'Chatt om psykisk hälsa', 'Mental health chat'),
    comment: t('Nimetön chat aikuisille mielen hyvinvoinnista iltaisin.', 'Anonym chatt för vuxna om psykiskt välbefinnande på kvällarna.', 'An anonymous evening chat for adults about mental wellbeing.'),
    details: t('Ahdistus, masennus, yksinäisyys, itsetuhoiset ajatukset, stressi.', 'Ångest, depression, ensamhet, självmordstankar, stress.', 'Anxiety, depression, loneliness, suicidal thoughts, stress.'),
    provider: 'mentalHealthSociety',
    municipalities: ALL,
    ages: [18, undefined],
    languages: FI_SV_EN,
    accessibility: ['remote', 'plain-language'],
    hours: 'evenings',
    phone: '+358 6 000 5130',
  },
  {
    id: 'cat-disability-guidance',
    kind: 'disability-services',
    name: t('Vammaispalvelujen ohjaus', 'Handledning inom handikappservice', 'Disability services guidance'),
    comment: t('Neuvoa vammaispalveluista, apuvälineistä, kuljetuspalvelusta ja henkilökohtaisesta avusta.', 'Råd om handikappservice, hjälpmedel, färdtjänst och personlig assistans.', 'Advice on disability services, aids, transport services and personal assistance.'),
    details: t('Vammainen lapsi, kehitysvamma, autismikirjo, omaishoito, asunnonmuutostyöt.', 'Barn med funktionsnedsättning, utvecklingsstörning, autismspektrum, närståendevård, ändringsarbeten i bostaden.', 'A disabled child, intellectual disability, autism spectrum, family carer, home alterations.'),
    provider: 'county',
    municipalities: ALL,
    languages: FI_SV,
    accessibility: ['wheelchair', 'sign-language', 'induction-loop', 'remote'],
    hours: 'phoneMornings',
    phone: '+358 6 000 1180',
  },
  {
    id: 'cat-elderly-guidance',
    kind: 'elderly-services',
    name: t('Ikäihmisten palveluohjaus', 'Serviceinstruktion för äldre', 'Service guidance for older people'),
    comment: t('Neuvoa kotihoidosta, omaishoidosta, asumisesta ja arjen tuesta ikääntyneille ja läheisille.', 'Råd om hemvård, närståendevård, boende och stöd i vardagen för äldre och anhöriga.', 'Advice on home care, family care, housing and everyday support for older people and their families.'),
    details: t('Kotihoito, muistisairaus, omaishoito, turvapuhelin, ateriapalvelu, palvelutalo.', 'Hemvård, minnessjukdom, närståendevård, trygghetstelefon, måltidsservice, serviceboende.', 'Home care, memory disorder, family care, safety phone, meal service, sheltered housing.'),
    provider: 'county',
    municipalities: ALL,
    ages: [65, undefined],
    languages: FI_SV,
    accessibility: ['wheelchair', 'induction-loop', 'home-visits'],
    hours: 'office',
    phone: '+358 6 000 1190',
  },
  {
    id: 'cat-debt-advice',
    kind: 'debt-advice',
    name: t('Talous- ja velkaneuvonta', 'Ekonomi- och skuldrådgivning', 'Financial and debt advice'),
    comment: t('Maksutonta neuvontaa velkojen, maksuhäiriöiden ja talouden suunnittelun kysymyksissä.', 'Avgiftsfri rådgivning om skulder, betalningsstörningar och hushållsekonomi.', 'Free advice on debts, payment defaults and household budgeting.'),
    details: t('Velat, pikavipit, ulosotto, maksuhäiriömerkintä, ero ja talous, budjetti.', 'Skulder, snabblån, utmätning, betalningsanmärkning, skilsmässa och ekonomi, budget.', 'Debts, payday loans, enforcement, payment default, divorce and finances, budget.'),
    provider: 'county',
    municipalities: ALL,
    ages: [18, undefined],
    languages: FI_SV_EN,
    accessibility: ['wheelchair', 'remote'],
    hours: 'office',
    phone: '+358 6 000 1200',
  },
  {
    id: 'cat-victim-support',
    kind: 'victim-support',
    name: t('Rikosuhrien tuki', 'Stöd för brottsoffer', 'Support for victims of crime'),
    comment: t('Neuvontaa ja tukihenkilö rikoksen uhrille, läheisille ja todistajille.', 'Rådgivning och stödperson för brottsoffer, anhöriga och vittnen.', 'Advice and a support person for victims of crime, their families and witnesses.'),
    details: t('Väkivalta, lähisuhdeväkivalta, vaino, seksuaalirikos, oikeudenkäynti.', 'Våld, våld i nära relationer, förföljelse, sexualbrott, rättegång.', 'Violence, domestic violence, stalking, sexual offence, court proceedings.'),
    provider: 'crisisCentre',
    municipalities: ALL,
    ages: [15, undefined],
    languages: FI_SV_EN,
    accessibility: ['remote'],
    hours: 'office',
    phone: '+358 6 000 5720',
  },
  {
    id: 'cat-immigrant-families',
    kind: 'family-support',
    name: t('Maahan muuttaneiden perheiden ohjaus', 'Handledning för inflyttade familjer', 'Guidance for families who have moved to Finland'),
    comment: t('Ohjausta suomalaisista palveluista, neuvolasta, koulusta ja arjesta. Tulkki tarvittaessa.', 'Handledning om finländsk service, rådgivning, skola och vardag. Tolk vid behov.', 'Guidance on Finnish services, child health clinics, school and daily life. An interpreter when needed.'),
    details: t('Kotoutuminen, tulkki, perheen arki, lapsen koulu, ero, asiointi.', 'Integration, tolk, familjens vardag, barnets skola, skilsmässa, ärenden.', "Integration, interpreter, family life, the child's school, divorce, running errands."),
    provider: 'familyCentre',
    municipalities: ['272', '217'],
    languages: ['fi', 'sv', 'en', 'ar', 'so', 'ru'],
    accessibility: ['wheelchair', 'plain-language'],
    hours: 'office',
    phone: '+358 6 000 4070',
  },
  {
    id: 'cat-speech-therapy',
    kind: 'therapy',
    name: t('Lasten puheterapia', 'Talterapi för barn', 'Speech therapy for children'),
    comment: t('Puheen, kielen ja vuorovaikutuksen arvio ja terapia lapsille.', 'Bedömning och terapi av tal, språk och samspel för barn.', 'Assessment and therapy of speech, language and interaction for children.'),
    details: t('Puheen viivästymä, änkytys, vuorovaikutus, autismikirjo, neuropsykiatriset piirteet.', 'Försenat tal, stamning, samspel, autismspektrum, neuropsykiatriska drag.', 'Delayed speech, stuttering, interaction, autism spectrum, neuropsychiatric traits.'),
    provider: 'familyCentre',
    municipalities: ALL,
    ages: [0, 12],
    languages: FI_SV,
    accessibility: ['wheelchair'],
    hours: 'clinic',
    phone: '+358 6 000 4080',
  },
  {
    id: 'cat-occupational-therapy',
    kind: 'therapy',
    name: t('Lasten toimintaterapia', 'Ergoterapi för barn', 'Occupational therapy for children'),
    comment: t('Arvio ja terapia, kun arjen taidot, motoriikka tai aistitiedon käsittely tuottavat vaikeuksia.', 'Bedömning och terapi när vardagsfärdigheter, motorik eller sinnesintryck vållar svårigheter.', 'Assessment and therapy when everyday skills, motor skills or sensory processing are difficult.'),
    details: t('Motoriikka, aistiyliherkkyys, keskittyminen, ADHD, toiminnanohjaus.', 'Motorik, överkänslighet för sinnesintryck, koncentration, ADHD, exekutiva funktioner.', 'Motor skills, sensory over-sensitivity, concentration, ADHD, executive function.'),
    provider: 'familyCentre',
    municipalities: ALL,
    ages: [0, 15],
    languages: FI_SV,
    accessibility: ['wheelchair'],
    hours: 'clinic',
    phone: '+358 6 000 4090',
  },
];

function phoneFor(base: number, index: number): string {
  const n = base + index;
  return `+358 6 000 ${n}`;
}

function expandPerMunicipality(): ServiceSpec[] {
  return PER_MUNICIPALITY.flatMap(({ idPrefix, phoneBase, municipalities, ...spec }) =>
    municipalities.map((code, index) => {
      const m = REGION_MUNICIPALITIES.find((x) => x.code === code);
      if (!m) throw new Error(`Unknown municipality ${code}`);
      return {
        ...spec,
        id: `${idPrefix}-${code}`,
        municipalities: [code],
        name: t(`${spec.name.fi}, ${m.fi}`, `${spec.name.sv}, ${m.sv}`, `${spec.name.en}, ${m.fi}`),
        phone: phoneFor(phoneBase, index),
      };
    }),
  );
}

/** The county receives people at each municipality's point, or at Kokkola's health station for the whole region. */
function locationId(provider: Provider, spec: ServiceSpec): string {
  if (provider.id !== COUNTY.id) return `loc-${provider.id}`;
  return spec.municipalities.length === 1 ? `loc-cat-${spec.municipalities[0]}` : 'loc-station-kokkola';
}

/** Where the county receives people in each municipality (one health-and-wellbeing point each). */
function municipalityLocation(code: string): Location {
  const m = REGION_MUNICIPALITIES.find((x) => x.code === code);
  return {
    resourceType: 'Location', id: `loc-cat-${code}`, meta: DEMO_META, status: 'active', mode: 'instance',
    name: `Hyvinvointipiste, ${m?.fi ?? code} (demo)`,
    address: { use: 'work', type: 'physical', line: [`Sote-keskuksentie ${Number(code) % 20 + 1}`], city: m?.fi ?? code, country: 'FI' },
    managingOrganization: ref(`Organization/${COUNTY.id}`, COUNTY.name),
  };
}

function providerResources(): Resource[] {
  return Object.values(PROVIDERS)
    .filter((p) => p.kind !== 'region')
    .flatMap((p): Resource[] => {
      const organization: Organization = {
        resourceType: 'Organization', id: p.id, meta: DEMO_META, active: true,
        type: [p.kind === 'parish' ? concept(ORG_TYPE, 'reli', 'Religious Institution') : concept(ORG_TYPE, 'cg', 'Community Group')],
        name: p.name, telecom: [phone(p.phone, 'work')],
        address: [{ use: 'work', type: 'physical', line: [p.address[0]], postalCode: p.address[1], city: p.address[2], country: 'FI' }],
      };
      const location: Location = {
        resourceType: 'Location', id: `loc-${p.id}`, meta: DEMO_META, status: 'active', mode: 'instance', name: p.name,
        address: { use: 'work', type: 'physical', line: [p.address[0]], postalCode: p.address[1], city: p.address[2], country: 'FI' },
        managingOrganization: ref(`Organization/${p.id}`, p.name),
      };
      return [organization, location];
    });
}

function healthcareService(spec: ServiceSpec): HealthcareService {
  const provider = PROVIDERS[spec.provider] as Provider;
  const [low, high] = spec.ages ?? [undefined, undefined];
  const range = low !== undefined || high !== undefined
    ? [{ url: CATALOGUE.ageRangeExtension, valueRange: { ...(low !== undefined ? { low: { value: low, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' } } : {}), ...(high !== undefined ? { high: { value: high, unit: 'a', system: 'http://unitsofmeasure.org', code: 'a' } } : {}) } }]
    : [];
  const service = {
    resourceType: 'HealthcareService', id: spec.id, meta: DEMO_META, active: true,
    extension: [
      ...spec.municipalities.map((code) => {
        const m = REGION_MUNICIPALITIES.find((x) => x.code === code);
        return { url: CATALOGUE.municipalityExtension, valueCoding: { system: SYSTEMS.municipality, code, display: m?.fi ?? code } };
      }),
      ...range,
    ],
    providedBy: ref(`Organization/${provider.id}`, provider.name),
    category: [{ coding: [{ system: CATALOGUE.providerKindSystem, code: provider.kind }] }],
    type: [{ coding: [{ system: CATALOGUE.serviceKindSystem, code: spec.kind }] }],
    location: [ref(`Location/${locationId(provider, spec)}`)],
    name: spec.name.fi,
    _name: translationsElement(spec.name),
    comment: spec.comment.fi,
    _comment: translationsElement(spec.comment),
    extraDetails: spec.details.fi,
    _extraDetails: translationsElement(spec.details),
    telecom: [
      phone(spec.phone, 'work'),
      ...(spec.email ? [{ system: 'email' as const, value: spec.email, use: 'work' as const }] : []),
      ...(spec.website ? [{ system: 'url' as const, value: spec.website, use: 'work' as const }] : []),
    ],
    communication: spec.languages.map((code) => ({ coding: [{ system: CATALOGUE.languageSystem, code }] })),
    characteristic: spec.accessibility.map((code) => ({ coding: [{ system: CATALOGUE.accessibilitySystem, code }] })),
    availableTime: HOURS[spec.hours].map((h) => ({ ...h, daysOfWeek: [...h.daysOfWeek] as Day[] })),
  };
  return service as HealthcareService;
}

export const CATALOGUE_SERVICES: readonly ServiceSpec[] = [...SERVICES, ...expandPerMunicipality()];

/** The catalogue's resources: NGO and parish organisations with their premises, the county's points, and the services. */
export function buildServiceCatalogue(): Resource[] {
  const codes = new Set(CATALOGUE_SERVICES.filter((s) => s.provider === 'county' && s.municipalities.length === 1).map((s) => s.municipalities[0] as string));
  return [...providerResources(), ...[...codes].sort().map(municipalityLocation), ...CATALOGUE_SERVICES.map(healthcareService)];
}

/** The client paths with the demo catalogue's services linked to each. */
const PATH_SERVICES: Record<string, string[]> = {
  divorce: ['cat-family-counselling-kokkola', 'cat-child-welfare-supervisor', 'cat-family-mediation', 'cat-divorce-peer-group', 'cat-meeting-place-visits', 'cat-family-counselling-parish', 'cat-crisis-line'],
  neuropsychiatric: ['cat-family-counselling-kokkola', 'cat-nepsy-coach', 'cat-child-psychologist', 'cat-nepsy-peer', 'cat-nepsy-courses', 'cat-occupational-therapy', 'cat-child-psychiatry'],
  'youth-mental-health': ['cat-youth-mental-health', 'cat-ohjaamo', 'cat-youth-chat', 'cat-substance-family', 'cat-crisis-line', 'cat-youth-psychiatry', 'cat-social-emergency'],
};

export function demoClientPaths(): ClientPathsConfig {
  return { paths: defaultClientPaths.paths.map((p) => ({ ...p, services: PATH_SERVICES[p.id] ?? [] })) };
}
