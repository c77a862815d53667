/**
 * Default care-guarantee limits. These are data, not logic: a deployment replaces them through
 * the admin API when the law or the region's promise changes.
 *
 * Legal limits: Terveydenhuoltolaki (Health Care Act 1326/2010) 51 §, as in force from
 * 1 January 2025 — non-urgent primary care within 3 months for people aged 23 or over and
 * within 14 days for those under 23; non-urgent oral health care within 6 months for 23 or
 * over and within 3 months for those under 23. The limits run from the assessment of need,
 * which the law requires on the day of contact.
 *
 * Regional limits: the demo wellbeing services county's own service promise (7 days), which is
 * stricter than the law and applies at any age.
 */
import type { CareGuaranteeConfig, CareGuaranteeRule } from './careGuarantee';

const LAW = 'Terveydenhuoltolaki 1326/2010 51 § (from 1.1.2025)';
const PROMISE = 'Demo region service promise';

function regional(service: string, what: { fi: string; sv: string; en: string }): CareGuaranteeRule {
  return {
    id: `regional-${service}-7d`,
    kind: 'regional',
    service,
    urgency: 'non-urgent',
    limit: { days: 7 },
    label: {
      fi: `Alueen lupaus: ${what.fi} viikon kuluessa`,
      sv: `Regionens löfte: ${what.sv} inom en vecka`,
      en: `Our region's promise: ${what.en} within a week`,
    },
    source: PROMISE,
  };
}

export const defaultCareGuaranteeConfig: CareGuaranteeConfig = {
  version: 1,
  timeZone: 'Europe/Helsinki',
  officeHours: { start: 8, end: 16 },
  rules: [
    {
      id: 'legal-primary-care-under-23',
      kind: 'legal',
      service: 'primary-care',
      urgency: 'non-urgent',
      maxAgeExclusive: 23,
      limit: { days: 14 },
      label: {
        fi: 'Laki: alle 23-vuotias pääsee kiireettömään hoitoon 14 päivässä',
        sv: 'Lag: den som är under 23 år får icke-brådskande vård inom 14 dagar',
        en: 'Law: people under 23 get non-urgent care within 14 days',
      },
      source: LAW,
    },
    {
      id: 'legal-primary-care-23-plus',
      kind: 'legal',
      service: 'primary-care',
      urgency: 'non-urgent',
      minAge: 23,
      limit: { months: 3 },
      label: {
        fi: 'Laki: 23 vuotta täyttänyt pääsee kiireettömään hoitoon 3 kuukaudessa',
        sv: 'Lag: den som fyllt 23 år får icke-brådskande vård inom 3 månader',
        en: 'Law: people aged 23 or over get non-urgent care within 3 months',
      },
      source: LAW,
    },
    {
      id: 'legal-oral-health-under-23',
      kind: 'legal',
      service: 'oral-health',
      urgency: 'non-urgent',
      maxAgeExclusive: 23,
      limit: { months: 3 },
      label: {
        fi: 'Laki: alle 23-vuotias pääsee kiireettömään suun hoitoon 3 kuukaudessa',
        sv: 'Lag: den som är under 23 år får icke-brådskande munvård inom 3 månader',
        en: 'Law: people under 23 get non-urgent dental care within 3 months',
      },
      source: LAW,
    },
    {
      id: 'legal-oral-health-23-plus',
      kind: 'legal',
      service: 'oral-health',
      urgency: 'non-urgent',
      minAge: 23,
      limit: { months: 6 },
      label: {
        fi: 'Laki: 23 vuotta täyttänyt pääsee kiireettömään suun hoitoon 6 kuukaudessa',
        sv: 'Lag: den som fyllt 23 år får icke-brådskande munvård inom 6 månader',
        en: 'Law: people aged 23 or over get non-urgent dental care within 6 months',
      },
      source: LAW,
    },
    regional('primary-care', {
      fi: 'kiireetön hoito terveysasemalla',
      sv: 'icke-brådskande vård vid hälsostationen',
      en: 'non-urgent care at the health centre',
    }),
    regional('social-services', {
      fi: 'yhteys sosiaalihuollon työntekijältä',
      sv: 'kontakt från socialvården',
      en: 'a call or message from social services',
    }),
    regional('family-centre', {
      fi: 'yhteys perhekeskuksesta',
      sv: 'kontakt från familjecentret',
      en: 'a call or message from the family centre',
    }),
  ],
};
