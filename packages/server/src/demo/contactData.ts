/** Demo contacts: answers to the contact questionnaire, as residents would write them. */
export interface ContactSpec {
  /** Household key and member index in residentData's HOUSEHOLDS. */
  who: [string, number];
  channel: 'web-form' | 'phone' | 'walk-in';
  minutesAgo: number;
  /** Without `danger-signs` the resident answered "none of these". */
  answers: Record<string, string | string[] | number | boolean>;
}

export const CONTACTS: ContactSpec[] = [
  {
    who: ['kan-couple', 1], channel: 'phone', minutesAgo: 4,
    answers: {
      'danger-signs': ['chest'], reason: 'chest', 'chest-severe': true, duration: 'today', severity: 8, 'contact-preference': 'phone',
      description: 'Rintaa on puristanut noin tunnin ajan ja kipu säteilee vasempaan käsivarteen. Olen hikinen ja hengästyn.',
    },
  },
  {
    who: ['kok-45', 0], channel: 'phone', minutesAgo: 12,
    answers: {
      reason: 'low-mood', 'self-harm': true, duration: 'weeks', severity: 9, 'contact-preference': 'phone',
      description: 'Olen ollut pitkään todella väsynyt ja toivoton. Viime öinä olen miettinyt, ettei elämällä ole enää mitään väliä.',
    },
  },
  {
    who: ['kok-grown-son', 0], channel: 'phone', minutesAgo: 26,
    answers: {
      reason: 'back-pain', 'back-red-flags': true, duration: 'days', severity: 8, 'contact-preference': 'phone',
      description: 'Selkäkipu säteilee molempiin jalkoihin ja eilisestä asti virtsaaminen on ollut vaikeaa. Jalat tuntuvat puutuneilta.',
    },
  },
  {
    who: ['kok-family', 1], channel: 'web-form', minutesAgo: 35,
    answers: {
      reason: 'back-pain', 'back-red-flags': false, duration: 'weeks', severity: 6, 'contact-preference': 'message',
      description: 'Selkä kipeytyi pihatöissä pari viikkoa sitten, eikä särky ole hellittänyt. Töissä istuminen on hankalaa.',
    },
  },
  {
    who: ['kok-student', 0], channel: 'web-form', minutesAgo: 48,
    answers: {
      reason: 'low-mood', 'self-harm': false, duration: 'months', severity: 5, 'contact-preference': 'message',
      description: 'Mieliala on ollut matala koko syksyn. Nukun huonosti enkä jaksa käydä luennoilla. Haluaisin jutella jonkun kanssa.',
    },
  },
  {
    who: ['kok-single-parent', 0], channel: 'web-form', minutesAgo: 75,
    answers: {
      reason: 'money-housing', duration: 'months', severity: 4, 'contact-preference': 'message',
      description: 'Vuokraa korotettiin ja rahat eivät enää riitä laskuihin. Tarvitsisin neuvoa toimeentulotuen hakemiseen.',
    },
  },
  {
    who: ['kok-family', 0], channel: 'web-form', minutesAgo: 110,
    answers: {
      reason: 'child-family', duration: 'weeks', severity: 5, 'contact-preference': 'phone',
      description: 'Yhdeksänvuotias tyttäremme ei halua mennä kouluun ja itkee aamuisin. Kaipaisimme perheelle tukea ja neuvoja.',
    },
  },
  {
    who: ['kok-old-couple', 0], channel: 'phone', minutesAgo: 140,
    answers: {
      reason: 'other', duration: 'days', severity: 2, 'contact-preference': 'phone',
      description: 'Verenpainelääkkeet loppuvat ensi viikolla ja resepti on vanhentunut. Tarvitsisin uuden reseptin.',
    },
  },
  {
    who: ['kok-27', 0], channel: 'web-form', minutesAgo: 190,
    answers: {
      reason: 'chest', 'chest-severe': false, duration: 'days', severity: 3, 'contact-preference': 'message',
      description: 'Rintaan pistää välillä syvään hengittäessä, varsinkin flunssan jälkeen. Muuten olo on ihan hyvä.',
    },
  },
  {
    who: ['kan-94', 0], channel: 'walk-in', minutesAgo: 230,
    answers: {
      reason: 'other', duration: 'weeks', severity: 2, 'contact-preference': 'phone',
      description: 'Kuulolaite vinkuu eikä puheesta saa kunnolla selvää. Tarvitsisin ajan laitteen tarkistamiseen.',
    },
  },
  {
    who: ['kan-single-parent', 0], channel: 'web-form', minutesAgo: 300,
    answers: {
      reason: 'child-family', duration: 'months', severity: 6, 'contact-preference': 'message',
      description: 'Arki nelivuotiaan kanssa yksin on raskasta ja jaksaminen on lopussa. Neuvolassa puhuttiin perhetyöstä.',
    },
  },
  {
    who: ['kan-couple', 0], channel: 'walk-in', minutesAgo: 420,
    answers: {
      reason: 'back-pain', 'back-red-flags': false, duration: 'months', severity: 4, 'contact-preference': 'phone',
      description: 'Niska ja hartiat jumittavat tietokonetyössä ja iltaisin päätä särkee. Voisiko fysioterapeutti auttaa?',
    },
  },
];
