/** Swedish vignettes, written as residents in Finland write: colloquial forms (int, e, å), run-on sentences. */
import { vignettesIn } from './form';
import type { Vignette } from './vignette';

const v = vignettesIn('sv');

export const swedishVignettes: Vignette[] = [
  v('sv-01', 'emergent', 'stroke, sign ticked', 74, {
    signs: ['stroke'],
    reason: 'other',
    duration: 'today',
    severity: 9,
    description: 'Min man fick plötsligt svårt att prata, talet sluddrar å han tappar kaffekoppen ur högra handen. Det började för en halvtimme sen',
  }),
  v('sv-02', 'emergent', 'heart attack', 66, {
    reason: 'chest',
    followUp: true,
    duration: 'today',
    severity: 8,
    description: 'tryck över bröstet som strålar ut i vänster arm, kallsvettig å illamående',
  }),
  v('sv-03', 'emergent', 'meningitis signs in a teenager, non-blanching rash', 16, {
    reason: 'child-family',
    duration: 'today',
    severity: 8,
    description: 'vår 16 åring har hög feber å huvudvärk, klagar på att nacken e stel. nu ser vi små prickar på benen som int bleknar när man trycker',
  }),
  v('sv-04', 'emergent', 'suicide plan: tablets saved, farewell letter', 41, {
    reason: 'low-mood',
    followUp: true,
    duration: 'weeks',
    severity: 10,
    description: 'orkar int mera. har sparat tabletter i flera veckor å skrivit ett avskedsbrev till barnen',
  }),
  v('sv-05', 'emergent', 'violence at home, afraid to go home', 33, {
    signs: ['danger-to-others'],
    reason: 'child-family',
    duration: 'days',
    severity: 9,
    description: 'barnens pappa e full å slog mig ikväll, barnen e rädda. vi e hos grannen nu men vågar int åka hem',
  }),
  v('sv-06', 'emergent', 'fainted and confused', 79, {
    reason: 'other',
    duration: 'today',
    severity: 7,
    description: 'mamma svimmade i duschen nyss, hon e vaken nu men blek å lite förvirrad, vet int vilken dag det e',
  }),
  v('sv-07', 'emergent', 'urinary infection turning septic: high fever, rigors', 70, {
    reason: 'other',
    duration: 'days',
    severity: 8,
    description: 'har haft urinvägsinfektion sen i fredags å nu hög feber, skakfrossa å känner mig jättedålig',
  }),
  v('sv-08', 'urgent', 'wish to die without a plan, self-harm question answered no', 19, {
    reason: 'low-mood',
    followUp: false,
    duration: 'weeks',
    severity: 7,
    description: 'har ibland tänkt att det vore skönt att bara få dö, vill int göra nåt åt det men tankarna kommer på kvällarna',
  }),
  v('sv-09', 'urgent', 'a vomiting one-year-old with dry nappies', 1, {
    reason: 'child-family',
    duration: 'days',
    severity: 6,
    description: 'ettåringen har kräkts sen igår å vill int dricka nåt, blöjan har varit torr sen i morse',
  }),
  v('sv-10', 'urgent', 'back pain after a fall, red flags ticked', 50, {
    reason: 'back-pain',
    followUp: true,
    duration: 'days',
    severity: 8,
    description: 'ont i ryggen efter att jag föll på isen, domnar i ljumsken å svårt att kissa',
  }),
  v('sv-11', 'urgent', 'stabbing chest pain on breathing after a cold', 38, {
    reason: 'chest',
    followUp: false,
    duration: 'days',
    severity: 4,
    description: 'sticker i bröstet när jag andas djupt, började efter förkylningen',
  }),
  v('sv-12', 'urgent', 'appendicitis-like pain', 23, {
    reason: 'other',
    duration: 'today',
    severity: 8,
    description: 'hemsk magsmärta nere till höger sen i natt, har kräkts å har lite feber',
  }),
  v('sv-13', 'non-urgent', 'knee pain on stairs', 60, {
    reason: 'back-pain',
    followUp: false,
    duration: 'months',
    severity: 4,
    description: 'knät har värkt sen i våras när jag går i trappor, skulle vilja träffa en fysioterapeut',
  }),
  v('sv-14', 'non-urgent', 'lease terminated, needs housing help', 45, {
    reason: 'money-housing',
    duration: 'weeks',
    severity: 6,
    description: 'hyresvärden har sagt upp mitt kontrakt å jag vet int vart jag ska ta vägen, behöver hjälp med att söka bostad å bostadsbidrag',
  }),
  v('sv-15', 'non-urgent', 'Sunday anxiety about work', 28, {
    reason: 'low-mood',
    followUp: false,
    duration: 'months',
    severity: 6,
    description: 'har ångest inför jobbet varje söndag, sover dåligt å hjärtat bultar. vill prata med nån',
  }),
  v('sv-16', 'non-urgent', 'prescription renewal, chest pain negated', 67, {
    reason: 'other',
    duration: 'weeks',
    severity: 2,
    description: 'Hej, behöver förnya mitt blodtrycksrecept. Mår bra, inget ont i bröstet eller så',
  }),
  v('sv-17', 'self-care', 'a cold, asks for a certificate', 32, {
    reason: 'other',
    duration: 'days',
    severity: 3,
    description: 'förkyld sen i måndags, snuva å lite halsont. behöver jag intyg till jobbet?',
  }),
  v('sv-18', 'self-care', 'strained back carrying wood', 36, {
    reason: 'back-pain',
    followUp: false,
    duration: 'today',
    severity: 2,
    description: 'sträckte mig i ryggen när jag bar ved, gör lite ont men kan röra mig',
  }),
  v('sv-19', 'self-care', 'head lice', 8, {
    reason: 'child-family',
    duration: 'days',
    severity: 2,
    description: 'barnet har löss, vilket medel ska man köpa å måste hela familjen behandlas?',
  }),
  v('sv-20', 'self-care', 'heartburn after dinner', 48, {
    reason: 'other',
    duration: 'weeks',
    severity: 3,
    description: 'halsbränna ibland efter middagen, vad kan jag ta?',
  }),
];
