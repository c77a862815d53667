/** Finnish vignettes, written as residents write: colloquial, run-on, spoken forms and typos. */
import { vignettesIn } from './form';
import type { Vignette } from './vignette';

const v = vignettesIn('fi');

export const finnishVignettes: Vignette[] = [
  v('fi-01', 'emergent', 'stroke, relative writes, no sign ticked', 78, {
    reason: 'other',
    duration: 'today',
    severity: 8,
    description: 'isä 78v alko tänää aamupäivällä puhumaan ihan oudosti, puhe sammaltaa ja vasen suupieli roikkuu. sanoo et ei oo mitään hätää mut mua huolettaa',
  }),
  v('fi-02', 'emergent', 'heart attack, severity under-reported', 61, {
    reason: 'chest',
    followUp: false,
    duration: 'today',
    severity: 6,
    description: 'rintaa puristaa ja kipu säteilee vasempaan käteen, kylmä hiki tuli. alko puol tuntia sitten kaupassa, nyt istun autossa',
  }),
  v('fi-03', 'emergent', 'sepsis in an old woman: fever, confusion, mottled legs', 82, {
    reason: 'other',
    duration: 'days',
    severity: 7,
    description: 'äiti 82v, kuumetta ollu eilisestä 39 ja tänään on ihan sekava ei tunnista mua kunnolla. jalat on jotenkin laikukkaat ja kylmät',
  }),
  v('fi-04', 'emergent', 'meningitis signs in a young adult', 19, {
    reason: 'other',
    duration: 'today',
    severity: 9,
    description: 'Kova päänsärky ja kuumetta 39,5. niska on ihan jäykkä enkä pysty katsomaan valoon, oksensin kaks kertaa. iholla pieniä punasia pisteitä',
  }),
  v('fi-05', 'emergent', 'suicide plan (pills saved), no sign ticked', 34, {
    reason: 'low-mood',
    followUp: true,
    duration: 'weeks',
    severity: 10,
    description: 'en jaksa enää mitään. oon kerännyt lääkkeitä kaapin perälle ja aion ottaa ne kun muut on nukkumassa',
  }),
  v('fi-06', 'emergent', 'violence at home, children saw it', 29, {
    signs: ['danger-to-others'],
    reason: 'child-family',
    duration: 'days',
    severity: 9,
    description: 'mies löi mua eilen illalla ja lapset näki sen. pelkään mennä kotiin tänään, ollaan nyt lasten kanssa mun siskolla',
  }),
  v('fi-07', 'emergent', 'anaphylaxis after a wasp sting', 24, {
    reason: 'other',
    duration: 'today',
    severity: 8,
    description: 'ampiainen pisti käteen 10min sitten ja nyt huulet ja kieli turpoaa, kurkussa kutittaa ja tuntuu oudolta nielasta',
  }),
  v('fi-08', 'urgent', 'thoughts of not existing, no plan', 22, {
    reason: 'low-mood',
    followUp: true,
    duration: 'weeks',
    severity: 8,
    description: 'viime aikoina oon ajatellu että ois parempi jos en olis olemassa. en oo tehny mitään suunnitelmia mut nää ajatukset pelottaa',
  }),
  v('fi-09', 'urgent', 'a child with fever of 40 for three days', 3, {
    reason: 'child-family',
    duration: 'days',
    severity: 6,
    description: '3v pojalla ollu kuumetta 40 jo kolme päivää, ei oikein syö ja valittaa korvaa. panadol auttaa vähän aikaa',
  }),
  v('fi-10', 'urgent', 'back pain with numb groin and trouble passing urine, red flags not ticked', 45, {
    reason: 'back-pain',
    followUp: false,
    duration: 'days',
    severity: 8,
    description: 'selkä kipeyty nostaessa ja nyt vasen jalka ja nivuset puutuu, eilen illalla en meinannut saada pissattua',
  }),
  v('fi-11', 'urgent', 'an old woman fell and hit her head', 88, {
    reason: 'other',
    duration: 'today',
    severity: 4,
    description: 'mummo 88v kaatu eilen illalla keittiössä ja löi päänsä pöydän kulmaan, kuhmu otsassa. nyt valittaa vähän päänsärkyä mutta muuten pirteä',
  }),
  v('fi-12', 'urgent', 'bleeding in early pregnancy', 31, {
    reason: 'other',
    duration: 'today',
    severity: 5,
    description: 'oon raskaana viikolla 10 ja tänään alko vuotaa vähän ja alavatsaa kramppaa',
  }),
  v('fi-13', 'non-urgent', 'knee pain for months', 52, {
    reason: 'back-pain',
    followUp: false,
    duration: 'months',
    severity: 5,
    description: 'polvi ollu kipee jo puol vuotta varsinkin portaissa ja kyykyssä, haluisin päästä fysioterapeutille',
  }),
  v('fi-14', 'non-urgent', 'rent arrears and a half-done application', 40, {
    reason: 'money-housing',
    duration: 'weeks',
    severity: 6,
    description: 'vuokrat rästissä kaks kuukautta ja sähkölasku tuli, en tiiä mistä saan rahat. toimeentulotukihakemus jäi kesken kun en ymmärtäny liitteitä',
  }),
  v('fi-15', 'non-urgent', 'low mood all autumn, no self-harm', 27, {
    reason: 'low-mood',
    followUp: false,
    duration: 'months',
    severity: 5,
    description: 'oon ollu väsyny ja alakuloinen koko syksyn, nukun huonosti ja mikään ei huvita. haluisin jutella jonkun kanssa',
  }),
  v('fi-16', 'non-urgent', 'hands numb at night (carpal tunnel)', 58, {
    reason: 'other',
    duration: 'months',
    severity: 4,
    description: 'kädet puutuu öisin ja sormet pistelee, varsinkin oikea. herään siihen monta kertaa yössä ja pitää ravistella kättä',
  }),
  v('fi-17', 'self-care', 'a cold, asks for a sick note', 35, {
    reason: 'other',
    duration: 'days',
    severity: 3,
    description: 'flunssaa ollu pari päivää, nenä tukossa ja vähän kurkku kipeä, lämpöä 37,8. tarviinko sairaslomatodistuksen töihin?',
  }),
  v('fi-18', 'self-care', 'stiff back after sleeping badly', 30, {
    reason: 'back-pain',
    followUp: false,
    duration: 'today',
    severity: 3,
    description: 'selkä jumittaa kun nukuin huonossa asennossa, ei säteile mihinkään. mitä voin ite tehä?',
  }),
  v('fi-19', 'self-care', 'a cough, with danger words negated', 44, {
    reason: 'other',
    duration: 'days',
    severity: 2,
    description: 'yskää ollu muutama päivä, ei kuumetta eikä hengenahdistusta. mitä voin ottaa yskään apteekista?',
  }),
  v('fi-20', 'self-care', "a child's trouble falling asleep", 5, {
    reason: 'child-family',
    duration: 'weeks',
    severity: 3,
    description: '5v tyttö ei meinaa nukahtaa iltasin ja herää öisin, miten kannattais toimia? neuvolassa puhuttiin unikoulusta',
  }),
];
