import { BENEFIT_GOALS, emptyPortfolio, normalisePortfolio, type BenefitGoalId, type DevelopmentMeasure, type MaturityLevel, type Portfolio, type PortfolioIndicator } from '@ovi/domain';

/** The demo's reporting periods: the first report by quarter, then half-years as THL follows them. */
export const DEMO_PERIODS = ['2020-Q4', '2021-H1', '2021-H2', '2022-H1'] as const;

interface DemoMeasure {
  goal: BenefitGoalId;
  id: string;
  name: string;
  owner: string;
  subProject: string;
  /** Level per demo period, oldest first. */
  levels: MaturityLevel[];
  indicators: PortfolioIndicator[];
}

const ACCESS_PROJECT = 'Vastaanottopalveluiden saatavuus';
const CHAINS_PROJECT = 'Palveluketjujen yhtenäistäminen';
const FAMILIES_PROJECT = 'Lasten, nuorten ja perheiden palvelut';

/**
 * The access measures are those of a region's first self-assessment (seed 001, section 2.1 table,
 * levels of its first period); the rest follow the seeds' spearheads. Later levels are made up
 * for the demo, so that the table shows progress (and one measure falling back).
 */
const MEASURES: DemoMeasure[] = [
  { goal: 'access', id: 'hoidon-tarpeen-arviointi', name: 'Hoidon- ja palvelutarpeen arvioinnin kehittäminen', owner: 'Osaprojektipäällikkö, vastaanottopalvelut', subProject: ACCESS_PROJECT, levels: [2, 3, 4, 5], indicators: ['time-to-assessment', 'assessed-same-weekday'] },
  { goal: 'access', id: 'palveluun-seitsemassa-vrk', name: 'Palveluun pääsy seitsemässä vuorokaudessa asianmukaiselle ammattilaiselle', owner: 'Ylilääkäri, perusterveydenhuolto', subProject: ACCESS_PROJECT, levels: [2, 3, 3, 4], indicators: ['t3', 'time-to-visit', 'within-legal-limit', 'within-regional-limit'] },
  { goal: 'access', id: 'suuntima-segmentointi', name: 'Asiakkuuksien segmentointi Suuntima-työkalun käyttöönotto', owner: 'Kehittämiskoordinaattori', subProject: ACCESS_PROJECT, levels: [3, 4, 4, 5], indicators: [] },
  { goal: 'access', id: 'tiimityomalli', name: 'Työnjako vastaanotoilla on uudistettu, tiimityömalli', owner: 'Osastonhoitaja, Kokkolan terveysasema', subProject: ACCESS_PROJECT, levels: [2, 4, 4, 5], indicators: ['own-team-share', 'continuity-upc', 'continuity-coci'] },
  { goal: 'access', id: 'ammattiryhmien-tyonjako', name: 'Ammattiryhmien välinen selkeä ja tarkoituksenmukainen työnjako toteutuu', owner: 'Johtava hoitaja', subProject: ACCESS_PROJECT, levels: [2, 2, 3, 3], indicators: ['first-contact-resolution'] },
  { goal: 'access', id: 'sahkoinen-asiointi', name: 'Kattavat sähköiset yhteydenotto-, ajanvaraus- ja asiointipalvelut ovat laajasti käytössä', owner: 'Digipalvelujen tuoteomistaja', subProject: ACCESS_PROJECT, levels: [2, 3, 4, 4], indicators: ['digital-share', 'contacts-by-channel'] },
  { goal: 'access', id: 'etavastaanotot', name: 'Etävastaanottoja lisätään', owner: 'Digipalvelujen tuoteomistaja', subProject: ACCESS_PROJECT, levels: [2, 3, 4, 5], indicators: ['contacts-by-channel'] },
  { goal: 'access', id: 'virtuaalinen-sote-keskus', name: 'Maakunnallinen virtuaalinen sote-keskus', owner: 'Kehittämispäällikkö', subProject: ACCESS_PROJECT, levels: [2, 2, 3, 3], indicators: ['digital-share'] },
  { goal: 'access', id: 'omaolo-maakunnallinen', name: 'Omaolo otetaan käyttöön maakunnallisesti', owner: 'Digipalvelujen tuoteomistaja', subProject: ACCESS_PROJECT, levels: [3, 4, 5, 5], indicators: ['digital-share'] },
  { goal: 'access', id: 'jonoista-asiakkuuksiin', name: 'Jonoista aktiiviseen asiakkuuksien hallintaan', owner: 'Osaprojektipäällikkö, vastaanottopalvelut', subProject: ACCESS_PROJECT, levels: [2, 3, 3, 4], indicators: ['time-to-assessment', 'demand-capacity'] },
  { goal: 'prevention', id: 'diabetes-omaseuranta', name: 'Diabeteksen hoitoketju: sähköinen omaseuranta lisää omatoimiasiakkaita', owner: 'Diabeteshoitaja, Kannus', subProject: CHAINS_PROJECT, levels: [1, 2, 3, 4], indicators: ['self-monitoring-reach'] },
  { goal: 'prevention', id: 'elintapaohjaus', name: 'Alueellinen elintapaohjauksen ja liikuntaneuvonnan palvelupolku', owner: 'Hyvinvointikoordinaattori', subProject: CHAINS_PROJECT, levels: [1, 2, 3, 3], indicators: [] },
  { goal: 'prevention', id: 'perhekeskus-neuvonta', name: 'Perhekeskuksen puhelin- ja chat-neuvonta yhden soiton periaatteella', owner: 'Perhekeskuksen johtaja', subProject: FAMILIES_PROJECT, levels: [2, 3, 4, 4], indicators: ['contacts-by-channel', 'first-contact-resolution'] },
  { goal: 'quality', id: 'palaute-jokaisesta-kaynnista', name: 'Asiakaspalaute jokaisesta käynnistä ja yhteydenotosta', owner: 'Laatupäällikkö', subProject: ACCESS_PROJECT, levels: [2, 3, 4, 5], indicators: ['feedback-nps'] },
  { goal: 'quality', id: 'avain-mittari', name: 'AVAIN-mittari ja yhteinen asiakassuunnitelma asiakastietoon', owner: 'Sosiaalityön kehittäjä', subProject: CHAINS_PROJECT, levels: [1, 2, 2, 3], indicators: [] },
  { goal: 'interoperability', id: 'monipalveluprosessi', name: 'Paljon palveluita tarvitsevien monipalveluprosessi käyttöön', owner: 'Palvelupäällikkö, sosiaalipalvelut', subProject: CHAINS_PROJECT, levels: [2, 2, 3, 4], indicators: ['own-team-share'] },
  { goal: 'interoperability', id: 'mielenterveys-walk-in', name: 'Mielenterveys- ja päihdepalvelujen matalan kynnyksen walk-in-vastaanotot', owner: 'Mielenterveyspalvelujen osastonhoitaja', subProject: CHAINS_PROJECT, levels: [2, 3, 4, 3], indicators: ['time-to-visit'] },
  { goal: 'costs', id: 'digitaaliset-palvelut', name: 'Digitaalisten palvelujen lisääminen nopeuttaa ja tehostaa palvelujen saatavuutta', owner: 'Talouspäällikkö', subProject: ACCESS_PROJECT, levels: [2, 3, 3, 4], indicators: ['digital-share', 'first-contact-resolution'] },
  { goal: 'costs', id: 'ennakoivat-palvelut', name: 'Ehkäisevät ja ennakoivat palvelut vähentävät vastaanottokäyntien tarvetta', owner: 'Talouspäällikkö', subProject: CHAINS_PROJECT, levels: [1, 1, 2, 3], indicators: ['demand-capacity'] },
];

/**
 * The demo portfolio as it stood after each reporting period, oldest first: saved one after the
 * other, they leave a history in which every period's report is its own version.
 */
export function demoPortfolioVersions(): Portfolio[] {
  return DEMO_PERIODS.map((_, reported) => {
    const portfolio = emptyPortfolio();
    portfolio.periods = DEMO_PERIODS.slice(0, reported + 1);
    for (const goal of BENEFIT_GOALS) {
      const measures: DevelopmentMeasure[] = MEASURES.filter((m) => m.goal === goal).map((m) => ({
        id: m.id,
        name: m.name,
        owner: m.owner,
        subProject: m.subProject,
        maturity: m.levels.slice(0, reported + 1).map((level, i) => ({ period: DEMO_PERIODS[i] as string, level })),
        indicators: m.indicators,
      }));
      portfolio.goals[BENEFIT_GOALS.indexOf(goal)] = { id: goal, measures };
    }
    return normalisePortfolio(portfolio);
  });
}
