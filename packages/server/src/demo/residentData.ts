/** Data tables for generating the demo residents: name pools, streets and household shapes. */
import type { Sex } from '../../../domain/src/personalIdentityCode';
import type { MunicipalityKey } from './fhir';

export const SEED = 0x0b1d2026;

export type AgeGroup = 'child' | 'adult' | 'senior';
export type NamePools = Record<Sex, Record<AgeGroup, string[]>>;

export const FINNISH_NAMES: NamePools = {
  female: {
    child: ['Aada', 'Sofia', 'Lilja', 'Eevi', 'Olivia', 'Helmi', 'Venla', 'Ella', 'Pihla', 'Iida', 'Enni', 'Hilla'],
    adult: ['Laura', 'Johanna', 'Jenni', 'Sari', 'Heidi', 'Katja', 'Minna', 'Susanna', 'Elina', 'Noora', 'Emilia', 'Sanni'],
    senior: ['Eila', 'Raili', 'Aune', 'Helvi', 'Sirkka', 'Anja', 'Terttu', 'Marjatta', 'Irma', 'Pirkko', 'Tuula'],
  },
  male: {
    child: ['Eino', 'Leo', 'Onni', 'Väinö', 'Eetu', 'Elias', 'Oliver', 'Veeti', 'Niilo', 'Aaro', 'Lenni', 'Otso'],
    adult: ['Juha', 'Jari', 'Timo', 'Janne', 'Tuomas', 'Jussi', 'Markus', 'Teemu', 'Aleksi', 'Lauri', 'Sami', 'Joni'],
    senior: ['Reijo', 'Pentti', 'Veikko', 'Kalevi', 'Tapio', 'Erkki', 'Heikki', 'Raimo', 'Arvo', 'Olavi', 'Seppo'],
  },
};

export const SWEDISH_NAMES: NamePools = {
  female: {
    child: ['Alva', 'Ebba', 'Elsa', 'Saga', 'Wilma'],
    adult: ['Annika', 'Camilla', 'Malin', 'Sara', 'Jessica'],
    senior: ['Ingrid', 'Gunnel', 'Margit', 'Solveig', 'Britt'],
  },
  male: {
    child: ['Anton', 'Axel', 'Hugo', 'Oskar', 'William'],
    adult: ['Fredrik', 'Jonas', 'Mattias', 'Patrik', 'Henrik'],
    senior: ['Bengt', 'Gunnar', 'Holger', 'Rolf', 'Stig'],
  },
};

export const FINNISH_FAMILY_NAMES = [
  'Hautala', 'Rahkola', 'Järvelä', 'Niemelä', 'Ojala', 'Kallio', 'Pulkkinen', 'Hietala', 'Mäkelä', 'Tastula',
  'Kiviniemi', 'Hongisto', 'Peltoniemi', 'Känsäkangas', 'Torppa', 'Ylitalo', 'Isokangas', 'Pajala', 'Silvast',
  'Myllymäki', 'Puusaari', 'Kotila', 'Herranen', 'Halonen',
];
export const SWEDISH_FAMILY_NAMES = ['Björklund', 'Forsman', 'Nyström', 'Storbacka', 'Sandvik', 'Granholm'];

export interface StreetPool {
  streets: string[];
  postalCodes: string[];
  city: string;
}

export const STREETS: Record<MunicipalityKey, Record<'fi' | 'sv', StreetPool>> = {
  kokkola: {
    fi: {
      streets: ['Koivukuja', 'Pihlajatie', 'Mäntykatu', 'Rantakatu', 'Isokatu', 'Torikatu', 'Kirkkokatu', 'Hakalahdenkatu', 'Kosilankatu', 'Ykspihlajantie', 'Halkokarintie', 'Tervahovintie'],
      postalCodes: ['67100', '67200', '67300', '67400', '67600', '67700'],
      city: 'Kokkola',
    },
    sv: { streets: ['Storgatan', 'Strandgatan', 'Torggatan', 'Kyrkogatan', 'Björkgränd'], postalCodes: ['67100', '67200'], city: 'Karleby' },
  },
  kannus: {
    fi: {
      streets: ['Keskustie', 'Koulutie', 'Pappilantie', 'Jokirannantie', 'Kangastie', 'Välikyläntie', 'Santaholmantie', 'Ahontie', 'Kirkkotie', 'Peltokuja'],
      postalCodes: ['69100'],
      city: 'Kannus',
    },
    sv: { streets: ['Ågatan'], postalCodes: ['69100'], city: 'Kannus' },
  },
};

/** A guardian who is not a resident of the region (lives elsewhere). */
export interface OutsideGuardian {
  given: string;
  family: string;
  sex: Sex;
  line: string;
  postalCode: string;
  city: string;
}

export interface HouseholdSpec {
  key: string;
  municipality: MunicipalityKey;
  lang: 'fi' | 'sv';
  /** Sex and age in whole years of each member; adults first. */
  members: Array<[Sex, number]>;
  /** Fixed name for the first member (the demo account). */
  fixedName?: { given: string; family: string };
  outsideGuardian?: OutsideGuardian;
}

export const HOUSEHOLDS: HouseholdSpec[] = [
  { key: 'resident', municipality: 'kokkola', lang: 'fi', members: [['female', 34]], fixedName: { given: 'Aino', family: 'Nieminen' } },
  { key: 'kok-family', municipality: 'kokkola', lang: 'fi', members: [['female', 36], ['male', 38], ['female', 9], ['male', 6], ['female', 0]] },
  { key: 'kok-sv-family', municipality: 'kokkola', lang: 'sv', members: [['female', 41], ['male', 44], ['male', 15], ['female', 12]] },
  { key: 'kok-old-couple', municipality: 'kokkola', lang: 'fi', members: [['male', 78], ['female', 76]] },
  { key: 'kok-92', municipality: 'kokkola', lang: 'fi', members: [['female', 92]] },
  { key: 'kok-27', municipality: 'kokkola', lang: 'fi', members: [['male', 27]] },
  { key: 'kok-single-parent', municipality: 'kokkola', lang: 'fi', members: [['female', 31], ['male', 3], ['female', 1]] },
  { key: 'kok-sv-88', municipality: 'kokkola', lang: 'sv', members: [['female', 88]] },
  { key: 'kok-grown-son', municipality: 'kokkola', lang: 'fi', members: [['male', 52], ['female', 50], ['male', 19]] },
  { key: 'kok-student', municipality: 'kokkola', lang: 'fi', members: [['female', 23]] },
  { key: 'kok-sv-couple', municipality: 'kokkola', lang: 'sv', members: [['male', 67], ['female', 65]] },
  { key: 'kok-45', municipality: 'kokkola', lang: 'fi', members: [['male', 45]] },
  { key: 'kok-newborn', municipality: 'kokkola', lang: 'fi', members: [['female', 29], ['male', 30], ['male', 0]] },
  { key: 'kok-grandmother', municipality: 'kokkola', lang: 'fi', members: [['female', 70], ['male', 16]] },
  { key: 'kan-family', municipality: 'kannus', lang: 'fi', members: [['male', 40], ['female', 39], ['female', 14], ['male', 11], ['male', 7]] },
  { key: 'kan-94', municipality: 'kannus', lang: 'fi', members: [['male', 94]] },
  { key: 'kan-couple', municipality: 'kannus', lang: 'fi', members: [['female', 58], ['male', 61]] },
  { key: 'kan-single-parent', municipality: 'kannus', lang: 'fi', members: [['female', 33], ['female', 4]] },
  { key: 'kan-71', municipality: 'kannus', lang: 'fi', members: [['male', 71]] },
  { key: 'kan-old-couple', municipality: 'kannus', lang: 'fi', members: [['female', 84], ['male', 86]] },
  { key: 'kan-24', municipality: 'kannus', lang: 'fi', members: [['male', 24]] },
  {
    key: 'kan-teen', municipality: 'kannus', lang: 'fi', members: [['female', 47], ['male', 13]],
    outsideGuardian: { given: 'Jukka', family: 'Kemppainen', sex: 'male', line: 'Kauppurienkatu 9 B 12', postalCode: '90100', city: 'Oulu' },
  },
  { key: 'kan-63', municipality: 'kannus', lang: 'fi', members: [['female', 63]] },
  { key: 'kan-toddler', municipality: 'kannus', lang: 'fi', members: [['male', 35], ['female', 34], ['female', 2]] },
];
