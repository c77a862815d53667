/**
 * Client feedback as a Measure (issue 13, decisions 015 and 034): the recommendation question
 * of the national client feedback, reported as NPS (DOMAIN.md §5), from the stored answers.
 * An answer carries its month, unit and profession only (no person), so its strata are unit and
 * profession.
 */
import type { IndicatorDefinition } from './indicatorCatalogue';

export const EXPERIENCE_INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'net-promoter-score', theme: 'experience', scoring: 'proportion', counts: 'answer', partition: true, stratifiers: ['unit', 'profession'], improvement: 'increase',
    title: 'Would recommend (NPS)',
    description: "Client-feedback answers (after a realised visit or a closed contact) of the months the period touches (an answer carries only its month, so a period stands for its whole months, as on the feedback results page). Answers 9–10 to 'would you recommend' are promoters, 7–8 passives, 0–6 detractors; NPS = % promoters − % detractors (−100…100), from the rounded counts and only when all three are shown. Unit and profession: those of the visit or contact.",
    groups: [
      { code: 'nps', description: 'Net promoter score (promoters − detractors, per cent of answers)', net: { plus: 'promoter', minus: 'detractor' } },
      { code: 'promoter', description: 'Answered 9–10' },
      { code: 'passive', description: 'Answered 7–8' },
      { code: 'detractor', description: 'Answered 0–6' },
    ],
  },
];
