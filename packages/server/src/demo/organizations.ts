/** Builds the county, municipalities, sites (Organization + Location) and HealthcareServices. */
import type { Address, HealthcareService, Location, Organization, Resource } from '@medplum/fhirtypes';
import { SYSTEMS } from '../../../domain/src/codes';
import { translationExtension } from '../../../domain/src/translation';
import { DEMO_META, MUNICIPALITIES, concept, language, municipalityExtension, phone, ref, type MunicipalityKey } from './fhir';
import { COUNTY, SERVICE_NAMES, SERVICES, SITES, type SiteKey } from './regionData';

const ORG_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';
const WEEKDAYS: Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri'> = ['mon', 'tue', 'wed', 'thu', 'fri'];

export const COUNTY_REF = `Organization/${COUNTY.id}`;
export const siteOrgRef = (site: SiteKey): string => `Organization/${SITES[site].orgId}`;
export const siteLocationRef = (site: SiteKey): string => `Location/${SITES[site].locationId}`;
export const municipalityRef = (key: MunicipalityKey): string => `Organization/mun-${key}`;

/**
 * A bilingual place's Swedish name as the standard translation extension on `_name`, so that
 * the app can show "Karleby" to a Swedish-speaking user; `alias` keeps it for searching too.
 */
function swedishName(finnish: string, swedish: string | undefined): { _name?: { extension: ReturnType<typeof translationExtension>[] } } {
  return swedish && swedish !== finnish ? { _name: { extension: [translationExtension('sv', swedish)] } } : {};
}

function workAddress(line: string, postalCode: string, municipality: MunicipalityKey): Address {
  const city = MUNICIPALITIES[municipality].postalCity;
  return { use: 'work', type: 'physical', line: [line], postalCode, city, country: 'FI' };
}

function county(): Organization {
  return {
    resourceType: 'Organization', id: COUNTY.id, meta: DEMO_META, active: true,
    identifier: [{ system: SYSTEMS.soteOrganisation, value: COUNTY.sote }],
    type: [concept(ORG_TYPE, 'govt', 'Government')],
    name: COUNTY.name, ...swedishName(COUNTY.name, COUNTY.alias[1]), alias: COUNTY.alias,
    telecom: [phone(COUNTY.phone, 'work')],
    address: [workAddress(COUNTY.line, COUNTY.postalCode, 'kokkola')],
  };
}

function municipality(key: MunicipalityKey): Organization {
  const m = MUNICIPALITIES[key];
  return {
    resourceType: 'Organization', id: `mun-${key}`, meta: DEMO_META, active: true,
    extension: [municipalityExtension(key)],
    type: [concept(ORG_TYPE, 'govt', 'Government')],
    name: m.name, ...swedishName(m.name, m.nameSv), ...(m.nameSv === m.name ? {} : { alias: [m.nameSv] }),
  };
}

function site(key: SiteKey): Resource[] {
  const s = SITES[key];
  const address = workAddress(s.line, s.postalCode, s.municipality);
  const organization: Organization = {
    resourceType: 'Organization', id: s.orgId, meta: DEMO_META, active: true,
    identifier: [{ system: SYSTEMS.soteOrganisation, value: s.sote }],
    type: [concept(ORG_TYPE, 'prov', 'Healthcare Provider')],
    name: s.name, ...swedishName(s.name, s.alias), alias: [s.alias], telecom: [phone(s.phone, 'work')], address: [address],
    partOf: ref(COUNTY_REF, COUNTY.name),
  };
  const location: Location = {
    resourceType: 'Location', id: s.locationId, meta: DEMO_META, status: 'active', mode: 'instance',
    name: s.name, ...swedishName(s.name, s.alias), alias: [s.alias], telecom: [phone(s.phone, 'work')], address,
    physicalType: concept('http://terminology.hl7.org/CodeSystem/location-physical-type', 'bu', 'Building'),
    managingOrganization: ref(`Organization/${s.orgId}`, s.name),
    hoursOfOperation: [{ daysOfWeek: WEEKDAYS, openingTime: '08:00:00', closingTime: '16:00:00' }],
  };
  return [organization, location];
}

function services(): HealthcareService[] {
  return SERVICES.map((s) => ({
    resourceType: 'HealthcareService', id: s.id, meta: DEMO_META, active: true,
    providedBy: s.providedBy === 'county' ? ref(COUNTY_REF, COUNTY.name) : ref(siteOrgRef(s.providedBy), SITES[s.providedBy].name),
    type: [concept(SYSTEMS.service, s.code, SERVICE_NAMES[s.code])],
    location: s.sites.map((k) => ref(siteLocationRef(k), SITES[k].name)),
    name: s.name,
    telecom: [phone(s.phone, 'work')],
    communication: [language('fi'), language('sv')],
    availableTime: [{ daysOfWeek: WEEKDAYS, availableStartTime: '08:00:00', availableEndTime: '16:00:00' }],
  }));
}

export function buildOrganizations(): Resource[] {
  return [
    county(),
    municipality('kokkola'),
    municipality('kannus'),
    ...site('kokkola'),
    ...site('kannus'),
    ...site('family-centre'),
    ...services(),
  ];
}
