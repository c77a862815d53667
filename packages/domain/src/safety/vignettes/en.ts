/** English vignettes, written as residents write: lower case, no apostrophes, run-on sentences. */
import { vignettesIn } from './form';
import type { Vignette } from './vignette';

const v = vignettesIn('en');

export const englishVignettes: Vignette[] = [
  v('en-01', 'emergent', 'stroke: arm weakness, face droop, odd speech', 70, {
    reason: 'other',
    duration: 'today',
    severity: 8,
    description: 'my wife suddenly cant lift her right arm and her face looks droopy on one side, shes talking funny. started like 20 min ago',
  }),
  v('en-02', 'emergent', 'heart attack, sign ticked', 58, {
    signs: ['chest'],
    reason: 'chest',
    followUp: true,
    duration: 'today',
    severity: 9,
    description: 'crushing chest pain, sweating and feel sick',
  }),
  v('en-03', 'emergent', 'anaphylaxis after nuts', 26, {
    reason: 'other',
    duration: 'today',
    severity: 9,
    description: 'ate something with nuts at lunch and now my lips and tongue are swelling up and my throat feels tight',
  }),
  v('en-04', 'emergent', 'collapse, sign ticked', 81, {
    signs: ['unconscious'],
    reason: 'other',
    duration: 'today',
    severity: 9,
    description: 'my dad collapsed in the garden and wont wake up properly',
  }),
  v('en-05', 'emergent', 'suicide plan: pills saved, tonight', 37, {
    reason: 'low-mood',
    followUp: true,
    duration: 'weeks',
    severity: 10,
    description: 'i cant do this anymore. ive been saving my pills and i think tonight is the night',
  }),
  v('en-06', 'emergent', 'a neighbour reports small children left alone and hit', undefined, {
    reason: 'child-family',
    duration: 'days',
    severity: 9,
    description: 'my neighbour leaves her 2 small kids home alone at night and I hear her boyfriend hitting them. what should i do',
  }),
  v('en-07', 'emergent', 'toddler: fever, hard to wake, non-blanching spots', 2, {
    reason: 'child-family',
    duration: 'today',
    severity: 9,
    description: 'my 2 yo has a fever of 39.8, very sleepy and hard to wake, and has purple spots that dont fade when i press a glass on them',
  }),
  v('en-08', 'urgent', 'thoughts of ending life, says there is no plan', 25, {
    reason: 'low-mood',
    followUp: true,
    duration: 'weeks',
    severity: 7,
    description: 'been having thoughts about ending my life but i dont have any plan, i just feel empty all the time',
  }),
  v('en-09', 'urgent', 'kidney infection: burning, flank pain, fever', 33, {
    reason: 'other',
    duration: 'days',
    severity: 6,
    description: 'burning when i pee for a week and now pain in my back on one side and fever 39',
  }),
  v('en-10', 'urgent', 'a baby with fever, drinking little', 0, {
    reason: 'child-family',
    duration: 'days',
    severity: 6,
    description: 'my baby (8 months) has had a fever since yesterday and is not drinking much, fewer wet nappies than normal',
  }),
  v('en-11', 'urgent', 'head knock from a bike fall', 16, {
    reason: 'other',
    duration: 'today',
    severity: 4,
    description: 'fell off my bike and hit my head, have a bump and a bit of a headache. no loss of consciousness',
  }),
  v('en-12', 'urgent', 'bleeding in early pregnancy', 29, {
    reason: 'other',
    duration: 'today',
    severity: 6,
    description: "I'm 8 weeks pregnant and started bleeding this afternoon with some cramps",
  }),
  v('en-13', 'non-urgent', 'stiff shoulder for months', 49, {
    reason: 'back-pain',
    followUp: false,
    duration: 'months',
    severity: 5,
    description: 'my shoulder has been stiff and sore for 3 months, cant lift my arm above my head. can i see a physio?',
  }),
  v('en-14', 'non-urgent', 'lost job, rent and Kela forms', 31, {
    reason: 'money-housing',
    duration: 'weeks',
    severity: 6,
    description: 'lost my job and cant pay rent this month, need help with the kela forms',
  }),
  v('en-15', 'non-urgent', 'tantrums and school problems', 7, {
    reason: 'child-family',
    duration: 'weeks',
    severity: 4,
    description: 'my 7 year old has been having a lot of tantrums and problems at school, we would like some advice',
  }),
  v('en-16', 'non-urgent', 'inhaler prescription, chest pain negated', 53, {
    reason: 'other',
    duration: 'weeks',
    severity: 3,
    description: 'need a new prescription for my asthma inhaler. no chest pain, breathing is fine',
  }),
  v('en-17', 'self-care', 'sore throat and runny nose', 22, {
    reason: 'other',
    duration: 'days',
    severity: 3,
    description: 'sore throat and runny nose for 3 days, no fever. do i need antibiotics?',
  }),
  v('en-18', 'self-care', 'pulled back lifting boxes', 40, {
    reason: 'back-pain',
    followUp: false,
    duration: 'today',
    severity: 3,
    description: 'pulled my back lifting boxes yesterday, stiff but walking fine',
  }),
  v('en-19', 'self-care', 'food poisoning, keeping fluids down', 27, {
    reason: 'other',
    duration: 'today',
    severity: 4,
    description: 'think i have food poisoning, threw up twice this morning but keeping water down now',
  }),
  v('en-20', 'self-care', 'exam stress and poor sleep', 21, {
    reason: 'low-mood',
    followUp: false,
    duration: 'weeks',
    severity: 3,
    description: 'stressed with exams and sleeping badly, any tips?',
  }),
];
