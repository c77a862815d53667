/**
 * The generated region's residents as FHIR Patients: ages from the Finnish age structure,
 * homes in the demo municipalities by their population, the municipality's health station as
 * their own unit. Made one at a time from the seeded source, so a region of 200 000 is never
 * all in memory as FHIR; what contacts need of each resident is kept in a compact table.
 */
import type { Patient } from '@medplum/fhirtypes';
import { SYSTEMS } from '@ovi/domain';
import { drawAge, MUNICIPALITY_SHARES, type Random, type RegionMunicipality } from '@ovi/domain/src/generator';
import { makeTestPersonalIdentityCode } from '@ovi/domain/src/personalIdentityCode';
import { DEMO_META, language, municipalityExtension, ref } from '../demo/fhir';
import { COUNTY_REF, siteOrgRef } from '../demo/organizations';
import { SITES } from '../demo/regionData';

export interface ResidentTable {
  count: number;
  /** Age in whole years at the end of the generated period. */
  ages: Uint8Array;
  /** 0 Kokkola, 1 Kannus. */
  municipalities: Uint8Array;
}

export const MUNICIPALITY_KEYS: RegionMunicipality[] = ['kokkola', 'kannus'];
const KOKKOLA_SHARE = MUNICIPALITY_SHARES.kokkola / (MUNICIPALITY_SHARES.kokkola + MUNICIPALITY_SHARES.kannus);

export const residentId = (index: number): string => `gen-p-${String(index + 1).padStart(6, '0')}`;

/** The compact table: drawn first, from its own stream, so the residents do not depend on anything else drawn. */
export function residentTable(count: number, random: Random): ResidentTable {
  const ages = new Uint8Array(count);
  const municipalities = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    ages[i] = drawAge(random);
    municipalities[i] = random.chance(KOKKOLA_SHARE) ? 0 : 1;
  }
  return { count, ages, municipalities };
}

const FEMALE = ['Aino', 'Eevi', 'Helmi', 'Emma', 'Sofia', 'Anna', 'Maria', 'Liisa', 'Sari', 'Tuula', 'Pirkko', 'Helena', 'Johanna', 'Elina', 'Ella', 'Linnea'];
const MALE = ['Eino', 'Leo', 'Väinö', 'Onni', 'Juho', 'Mikko', 'Timo', 'Jari', 'Matti', 'Pekka', 'Kalevi', 'Antti', 'Ville', 'Oliver', 'Elias', 'Johan'];
const FAMILY = ['Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen', 'Lehtinen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Kokkonen', 'Rautio', 'Ylikoski', 'Kentala', 'Björk', 'Backman', 'Sundqvist', 'Forsman'];
const pad = (n: number) => String(n).padStart(2, '0');

/** One resident as a Patient; `end` is the end of the generated period (ages are counted at it). */
export function residentPatient(index: number, table: ResidentTable, end: Date, random: Random): Patient {
  const age = table.ages[index] ?? 0;
  const key = MUNICIPALITY_KEYS[table.municipalities[index] ?? 0] ?? 'kokkola';
  const sex = random.chance(0.5) ? 'female' : 'male';
  const month = 1 + random.int(12);
  const day = 1 + random.int(28);
  const passed = month * 100 + day <= (end.getUTCMonth() + 1) * 100 + end.getUTCDate();
  const birthDate = `${end.getUTCFullYear() - age - (passed ? 0 : 1)}-${pad(month)}-${pad(day)}`;
  const given = random.pick(sex === 'female' ? FEMALE : MALE);
  const family = random.pick(FAMILY);
  const swedish = key === 'kokkola' && random.chance(0.12);
  const station = key === 'kannus' ? 'kannus' : 'kokkola';
  return {
    resourceType: 'Patient', id: residentId(index), meta: DEMO_META,
    extension: [municipalityExtension(key)],
    identifier: [{
      use: 'official',
      type: { coding: [{ system: SYSTEMS.identifierType, code: 'NNFIN', display: 'National unique individual identifier' }] },
      system: SYSTEMS.personalIdentityCode,
      value: makeTestPersonalIdentityCode(birthDate, sex, index % 50),
    }],
    active: true,
    name: [{ use: 'official', family, given: [given], text: `${given} ${family}` }],
    gender: sex,
    birthDate,
    address: [{ use: 'home', type: 'physical', city: key === 'kannus' ? 'Kannus' : 'Kokkola', country: 'FI' }],
    communication: [{ language: language(swedish ? 'sv' : 'fi'), preferred: true }],
    generalPractitioner: [ref(siteOrgRef(station), SITES[station].name)],
    managingOrganization: ref(COUNTY_REF),
  };
}
