/**
 * Default care-guarantee limits. These are data, not logic: a deployment replaces them through
 * the admin API when the law or the region's promise changes.
 *
 * Legal limits:
 * - Terveydenhuoltolaki (Health Care Act 1326/2010) 51 §, as in force from 1 January 2025 —
 *   non-urgent primary care within 3 months for people aged 23 or over and within 14 days for
 *   those under 23; non-urgent oral health care within 6 months for 23 or over and within
 *   3 months for those under 23. The limits run from the assessment of need, which the law
 *   requires on the day of contact (`from: 'assessment'`). These four rules carry no `inForce`
 *   period: earlier periods (DOMAIN §3.1) are not modelled, since Ovi computes deadlines for
 *   new contacts.
 * - The therapy guarantee for under-23s (HE 131/2024 vp, StVM 26/2024 vp): short
 *   psychotherapy or other structured psychosocial treatment starts within 28 days of the
 *   need being found, from 1 May 2025.
 * - Social services: the 7th-working-day limits of Lastensuojelulaki 26 § (a child's matter)
 *   and Sosiaalihuoltolaki 36 § (people aged 75 or over); the latter is not confirmed from
 *   Finlex and says so in its `source`.
 *
 * Regional limits: the demo wellbeing services county's own service promise (7 days), which is
 * stricter than the law and applies at any age. For psychosocial treatment the promise is the
 * first meeting with a mental-health professional; the treatment itself then starts within
 * the legal limit.
 */
import type { CareGuaranteeConfig, CareGuaranteeRule } from './careGuarantee';

// In Finnish, the language of the statutes cited: the admin page shows a rule's source as it
// is stored (it is data an administrator edits, not a text of the app), so an English note would
// stand in the middle of a Finnish or Swedish page.
const LAW = 'Terveydenhuoltolaki 1326/2010 51 § (1.1.2025 alkaen)';
const THERAPY_GUARANTEE =
  'Terveydenhuoltolaki 1326/2010 terapiatakuun muuttamana (HE 131/2024 vp, StVM 26/2024 vp): ' +
  'hoito alkaa 28 vuorokauden kuluessa tarpeen toteamisesta. Voimassa 1.5.2025 alkaen – päivämäärä ' +
  'Länsi-Uudenmaan hyvinvointialueelta (luvn.fi, 2.4.2025) ja STT:n tiedotteesta toukokuulta 2025; ei tarkistettu Finlexistä';
const GENERAL_LIMIT_FOR_THERAPY =
  'Terveydenhuoltolaki 1326/2010 51 § (1.1.2025 alkaen): perusterveydenhuollon kiireettömän hoidon yleinen 3 kuukauden raja. ' +
  'PÄÄTELMÄ: psykososiaalinen hoito perusterveydenhuollossa on kiireetöntä perusterveydenhuoltoa; 23 vuotta täyttäneille ei omaa rajaa';
const CHILD_WELFARE =
  'Lastensuojelulaki 417/2007 26 §: päätös selvityksen aloittamisesta viimeistään 7. arkipäivänä siitä, kun ' +
  'asia tuli vireille (THL Lastensuojelun käsikirja, ”Lastensuojelun aikarajat”). Koskee yhteydenottoa, joka on ' +
  'lastensuojeluasia, kuten useimmat lapsesta sosiaalipalveluihin tulevat yhteydenotot';
const SERVICE_NEED_75 =
  'Sosiaalihuoltolaki 1301/2014 36 § – VAHVISTAMATON: ikä 75 ja 7. arkipäivä ovat muistinvaraisia nykyisestä ' +
  'tekstistä (DOMAIN §12), ei tarkistettu Finlexistä. Sama raja koskee korkeimman hoitotuen saajia, mitä ' +
  'ikäsääntö ei pysty ilmaisemaan';
const PROMISE = 'Demoalueen palvelulupaus';

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
      from: 'assessment',
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
      from: 'assessment',
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
      from: 'assessment',
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
      from: 'assessment',
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
    {
      id: 'legal-psychosocial-treatment-under-23',
      kind: 'legal',
      service: 'psychosocial-treatment',
      urgency: 'non-urgent',
      maxAgeExclusive: 23,
      limit: { days: 28 },
      from: 'assessment',
      inForce: { from: '2025-05-01' },
      label: {
        fi: 'Laki (terapiatakuu): alle 23-vuotiaan lyhytterapia tai muu psykososiaalinen hoito alkaa 28 päivässä hoidon tarpeen toteamisesta',
        sv: 'Lag (terapigaranti): för den som är under 23 år börjar korttidsterapi eller annan psykosocial behandling inom 28 dagar från att behovet konstaterats',
        en: 'Law (therapy guarantee): for people under 23, short therapy or other psychosocial treatment starts within 28 days of the need being found',
      },
      source: THERAPY_GUARANTEE,
    },
    {
      id: 'legal-psychosocial-treatment-23-plus',
      kind: 'legal',
      service: 'psychosocial-treatment',
      urgency: 'non-urgent',
      minAge: 23,
      limit: { months: 3 },
      from: 'assessment',
      inForce: { from: '2025-01-01' },
      label: {
        fi: 'Laki: 23 vuotta täyttänyt pääsee kiireettömään hoitoon 3 kuukaudessa',
        sv: 'Lag: den som fyllt 23 år får icke-brådskande vård inom 3 månader',
        en: 'Law: people aged 23 or over get non-urgent care within 3 months',
      },
      source: GENERAL_LIMIT_FOR_THERAPY,
    },
    regional('psychosocial-treatment', {
      fi: 'ensimmäinen tapaaminen mielenterveyden ammattilaisen kanssa',
      sv: 'ett första möte med en yrkesperson inom psykisk hälsa',
      en: 'a first meeting with a mental-health professional',
    }),
    {
      id: 'legal-social-services-child-welfare',
      kind: 'legal',
      service: 'social-services',
      urgency: 'non-urgent',
      maxAgeExclusive: 18,
      limit: { workingDays: 7 },
      label: {
        fi: 'Laki: lastensuojeluasiassa päätös selvityksen aloittamisesta viimeistään 7. arkipäivänä',
        sv: 'Lag: i ett barnskyddsärende fattas beslut om att inleda utredningen senast den 7 vardagen',
        en: 'Law: in a child-welfare matter, the decision to start an assessment is made by the 7th working day',
      },
      source: CHILD_WELFARE,
    },
    {
      id: 'legal-social-services-75-plus',
      kind: 'legal',
      service: 'social-services',
      urgency: 'non-urgent',
      minAge: 75,
      limit: { workingDays: 7 },
      label: {
        fi: 'Laki: 75 vuotta täyttäneen palvelutarpeen arviointi alkaa viimeistään 7. arkipäivänä',
        sv: 'Lag: bedömningen av servicebehovet för den som fyllt 75 år inleds senast den 7 vardagen',
        en: 'Law: a service-need assessment for people aged 75 or over starts by the 7th working day',
      },
      source: SERVICE_NEED_75,
    },
  ],
};
