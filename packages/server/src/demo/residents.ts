/** Generates the demo residents (Patient) and children's guardians (RelatedPerson) from the tables. */
import type { Address, CodeableConcept, ContactPoint, Identifier, Patient, RelatedPerson } from '@medplum/fhirtypes';
import { SYSTEMS } from '../../../domain/src/codes';
import { DEMO_META, concept, draw, email, language, municipalityExtension, phone, ref, seededRandom, slug } from './fhir';
import { COUNTY_REF, siteOrgRef } from './organizations';
import { makeTestPersonalIdentityCode, type Sex } from '../../../domain/src/personalIdentityCode';
import { SITES } from './regionData';
import {
  FINNISH_FAMILY_NAMES, FINNISH_NAMES, HOUSEHOLDS, SEED, STREETS, SWEDISH_FAMILY_NAMES, SWEDISH_NAMES,
  type AgeGroup, type HouseholdSpec, type NamePools,
} from './residentData';

interface Member {
  id: string;
  given: string;
  family: string;
  sex: Sex;
  age: number;
  birthDate: string;
  pic: string;
  telecom: ContactPoint[];
}

const ageGroup = (age: number): AgeGroup => (age < 18 ? 'child' : age < 60 ? 'adult' : 'senior');
const pad = (n: number): string => String(n).padStart(2, '0');

/** A birth date that makes the person exactly `age` whole years old on `today`. */
function birthDateFor(age: number, today: Date, random: () => number): string {
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const y = today.getUTCFullYear();
  const passed = month * 100 + day <= (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  return `${passed ? y - age : y - age - 1}-${pad(month)}-${pad(day)}`;
}

function identityIdentifier(pic: string): Identifier {
  return {
    use: 'official',
    type: { coding: [{ system: SYSTEMS.identifierType, code: 'NNFIN', display: 'National unique individual identifier' }] },
    system: SYSTEMS.personalIdentityCode,
    value: pic,
  };
}

function guardianRelationship(sex: Sex, ageGap: number): CodeableConcept[] {
  const roleCode = SYSTEMS.roleCode;
  const kin = ageGap >= 45
    ? (sex === 'female' ? concept(roleCode, 'GRMTH', 'grandmother') : concept(roleCode, 'GRFTH', 'grandfather'))
    : (sex === 'female' ? concept(roleCode, 'MTH', 'mother') : concept(roleCode, 'FTH', 'father'));
  return [concept(roleCode, 'GUARD', 'guardian'), kin];
}

export interface ResidentsResult {
  patients: Patient[];
  relatedPersons: RelatedPerson[];
  /** Patient id of a household member: `memberId('kok-family', 0)`. */
  memberId(household: string, index: number): string;
}

export function buildResidents(today: Date): ResidentsResult {
  const random = seededRandom(SEED);
  const pools: Record<'fi' | 'sv', NamePools> = { fi: structuredClone(FINNISH_NAMES), sv: structuredClone(SWEDISH_NAMES) };
  const familyNames = { fi: [...FINNISH_FAMILY_NAMES], sv: [...SWEDISH_FAMILY_NAMES] };
  const patients: Patient[] = [];
  const relatedPersons: RelatedPerson[] = [];
  const households = new Map<string, string[]>();
  const taken = new Set<string>();

  for (const h of HOUSEHOLDS) {
    const family = h.fixedName?.family ?? draw(random, familyNames[h.lang]);
    const streets = STREETS[h.municipality][h.lang];
    const address: Address = {
      use: 'home', type: 'physical',
      line: [`${draw(random, [...streets.streets])} ${1 + Math.floor(random() * 40)}${h.members.length > 2 ? '' : ` A ${1 + Math.floor(random() * 12)}`}`],
      postalCode: draw(random, [...streets.postalCodes]), city: streets.city, country: 'FI',
    };
    const members = h.members.map(([sex, age], index): Member => {
      const given = index === 0 && h.fixedName ? h.fixedName.given : draw(random, pools[h.lang][sex][ageGroup(age)]);
      const id = `p-${slug(given)}-${slug(family)}`;
      if (taken.has(id)) throw new Error(`Duplicate demo resident id ${id}`);
      taken.add(id);
      const birthDate = birthDateFor(age, today, random);
      const serial = patients.length + index;
      const telecom: ContactPoint[] = [];
      if (age >= 12) telecom.push(phone(`+358 50 000 ${String(1000 + serial * 7).padStart(4, '0')}`));
      if (age >= 18 && age < 80) telecom.push(email(`${slug(given)}.${slug(family)}@example.com`));
      if (age >= 80) telecom.push(phone(`+358 6 000 ${String(5000 + serial).padStart(4, '0')}`, 'home'));
      return { id, given, family, sex, age, birthDate, pic: makeTestPersonalIdentityCode(birthDate, sex, serial % 50), telecom };
    });
    households.set(h.key, members.map((m) => m.id));
    const links = new Map<string, string[]>();
    for (const child of members.filter((m) => m.age < 18)) {
      for (const adult of members.filter((m) => m.age >= 18 && m.age - child.age >= 16)) {
        const rp = guardian(child, adult.given, adult.family, adult.sex, adult.telecom, address, guardianRelationship(adult.sex, adult.age - child.age), adult.pic);
        relatedPersons.push(rp);
        links.set(adult.id, [...(links.get(adult.id) ?? []), `RelatedPerson/${rp.id}`]);
      }
      if (h.outsideGuardian) relatedPersons.push(outsideGuardian(child, h));
    }
    for (const m of members) patients.push(patient(m, h, address, links.get(m.id) ?? []));
  }

  return {
    patients,
    relatedPersons,
    memberId(household, index) {
      const id = households.get(household)?.[index];
      if (!id) throw new Error(`No demo household member ${household}[${index}]`);
      return id;
    },
  };
}

function patient(m: Member, h: HouseholdSpec, address: Address, links: string[]): Patient {
  const station = h.municipality === 'kannus' ? 'kannus' : 'kokkola';
  return {
    resourceType: 'Patient', id: m.id, meta: DEMO_META,
    extension: [municipalityExtension(h.municipality)],
    identifier: [identityIdentifier(m.pic)],
    active: true,
    name: [{ use: 'official', family: m.family, given: [m.given], text: `${m.given} ${m.family}` }],
    ...(m.telecom.length > 0 ? { telecom: m.telecom } : {}),
    gender: m.sex,
    birthDate: m.birthDate,
    address: [address],
    communication: [{ language: language(h.lang), preferred: true }],
    generalPractitioner: [ref(siteOrgRef(station), SITES[station].name)],
    managingOrganization: ref(COUNTY_REF),
    ...(links.length > 0 ? { link: links.map((other) => ({ other: ref(other), type: 'seealso' as const })) } : {}),
  };
}

function guardian(child: Member, given: string, family: string, sex: Sex, telecom: ContactPoint[], address: Address, relationship: CodeableConcept[], pic?: string): RelatedPerson {
  return {
    resourceType: 'RelatedPerson', id: `rp-${child.id.replace(/^p-/, '')}-${slug(given)}`, meta: DEMO_META, active: true,
    ...(pic ? { identifier: [identityIdentifier(pic)] } : {}),
    patient: ref(`Patient/${child.id}`, `${child.given} ${child.family}`),
    relationship,
    name: [{ use: 'official', family, given: [given], text: `${given} ${family}` }],
    ...(telecom.length > 0 ? { telecom } : {}),
    gender: sex,
    address: [address],
  };
}

function outsideGuardian(child: Member, h: HouseholdSpec): RelatedPerson {
  const g = h.outsideGuardian;
  if (!g) throw new Error('No outside guardian');
  const address: Address = { use: 'home', type: 'physical', line: [g.line], postalCode: g.postalCode, city: g.city, country: 'FI' };
  const telecom = [phone('+358 44 000 9001'), email(`${slug(g.given)}.${slug(g.family)}@example.org`)];
  return guardian(child, g.given, g.family, g.sex, telecom, address, guardianRelationship(g.sex, 30));
}
