/**
 * Continuity of care as Measures (issue 13, decisions 021 and 034): the figures of
 * `continuity.ts` (UPC, COCI, the own-team share) in the catalogue's form, so that they have a
 * `$evaluate-measure`, a CSV and strata like the other indicators.
 *
 * What is counted is decision 021's: realised visits (Appointment `fulfilled`) in the period,
 * grouped per client, unit and profession; a client with visits in two units (or with a doctor
 * and a nurse) counts once in each with the visits there, and only from two visits there.
 * UPC and COCI are each client's value; the Measure's score is their mean over the clients
 * (scoring continuous-variable, group `mean`), as decision 021's table shows it.
 */
import type { IndicatorDefinition, Stratifier } from './indicatorCatalogue';

const ALL: Stratifier[] = ['unit', 'municipality', 'age-group', 'profession'];
const COUNTED = "Realised visits (Appointment fulfilled; cancelled and not-come visits left out) in the period by their start (Helsinki days), per client, unit (the Organization managing the visit's Location) and profession (the visit's). A client is counted in a unit and profession from two visits there; a client in two units or professions counts in each. Municipality: the client's; age on the period's last day.";

export const CONTINUITY_INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: 'usual-provider-continuity', theme: 'continuity', scoring: 'continuous-variable', counts: 'client', stratifiers: ALL, improvement: 'increase', unit: '1', markOneProfessional: true,
    title: 'Usual provider continuity (UPC)',
    description: `${COUNTED} Each client's UPC is the share of their visits with the professional they met most (max n_i / N); the score is the mean over the clients, two decimals.`,
    groups: [{ code: 'mean', description: 'Mean UPC over the clients' }],
  },
  {
    id: 'continuity-of-care-index', theme: 'continuity', scoring: 'continuous-variable', counts: 'client', stratifiers: ALL, improvement: 'increase', unit: '1', markOneProfessional: true,
    title: 'Continuity of care index (COCI)',
    description: `${COUNTED} Each client's COCI (Bice & Boxerman) is (Σ n_i² − N) / (N(N − 1)) over their N visits, n_i with professional i: 1 when all were with one professional, 0 when each was with a different one; the score is the mean over the clients, two decimals.`,
    groups: [{ code: 'mean', description: 'Mean COCI over the clients' }],
  },
  {
    id: 'own-team-visits', theme: 'continuity', scoring: 'proportion', counts: 'visit', stratifiers: ALL, improvement: 'increase', markOneProfessional: true,
    title: "Visits with the client's own team",
    description: `${COUNTED} Of the visits of the counted clients who have an own professional or own team (Patient.generalPractitioner, the members of their active CareTeams and of their own unit's; membership as it is now), the share with one of them.`,
    groups: [{ code: 'own-team', description: 'Visits with the own professional or a member of the own team' }],
  },
];
