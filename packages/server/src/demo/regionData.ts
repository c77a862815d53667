/** Data tables of the demo region's organisations, services and staff (invented, demo only). */
import type { Language, Profession } from '../../../domain/src/types';
import type { MunicipalityKey } from './fhir';

export const PROFESSION_NAMES: Record<Profession, string> = {
  physician: 'Lääkäri',
  nurse: 'Sairaanhoitaja',
  'public-health-nurse': 'Terveydenhoitaja',
  physiotherapist: 'Fysioterapeutti',
  'psychiatric-nurse': 'Psykiatrinen sairaanhoitaja',
  psychologist: 'Psykologi',
  'social-worker': 'Sosiaalityöntekijä',
  'social-instructor': 'Sosiaaliohjaaja',
  'guidance-nurse': 'Asiakasohjauksen sairaanhoitaja',
};

export type ServiceCode = 'primary-care' | 'oral-health' | 'social-services' | 'family-centre' | 'physiotherapy' | 'mental-health';

export const SERVICE_NAMES: Record<ServiceCode, string> = {
  'primary-care': 'Perusterveydenhuolto',
  'oral-health': 'Suun terveydenhuolto',
  'social-services': 'Sosiaalipalvelut',
  'family-centre': 'Perhekeskus',
  physiotherapy: 'Fysioterapia',
  'mental-health': 'Mielenterveyspalvelut',
};

export type SiteKey = 'kokkola' | 'kannus' | 'family-centre';

export interface SiteData {
  orgId: string;
  locationId: string;
  name: string;
  alias: string;
  sote: string;
  municipality: MunicipalityKey;
  line: string;
  postalCode: string;
  phone: string;
}

export const COUNTY = {
  id: 'ovi-county',
  name: 'Keski-Pohjanmaan demohyvinvointialue',
  alias: ['Ovi-demoalue', 'Mellersta Österbottens demovälfärdsområde'],
  sote: '1.2.246.10.99990001.10.0',
  line: 'Demokatu 1',
  postalCode: '67100',
  phone: '+358 6 000 1000',
};

export const SITES: Record<SiteKey, SiteData> = {
  kokkola: {
    orgId: 'station-kokkola', locationId: 'loc-station-kokkola', name: 'Kokkolan terveysasema (demo)',
    alias: 'Karleby hälsostation (demo)', sote: '1.2.246.10.99990001.10.1', municipality: 'kokkola',
    line: 'Terveyskuja 2', postalCode: '67200', phone: '+358 6 000 2000',
  },
  kannus: {
    orgId: 'station-kannus', locationId: 'loc-station-kannus', name: 'Kannuksen terveysasema (demo)',
    alias: 'Kannus hälsostation (demo)', sote: '1.2.246.10.99990001.10.2', municipality: 'kannus',
    line: 'Asematie 3', postalCode: '69100', phone: '+358 6 000 3000',
  },
  'family-centre': {
    orgId: 'family-centre', locationId: 'loc-family-centre', name: 'Kokkolan perhekeskus (demo)',
    alias: 'Karleby familjecentral (demo)', sote: '1.2.246.10.99990001.10.3', municipality: 'kokkola',
    line: 'Perhekuja 5', postalCode: '67100', phone: '+358 6 000 4000',
  },
};

export interface ServiceData {
  id: string;
  code: ServiceCode;
  name: string;
  /** The organisation providing it: a site, or the county itself. */
  providedBy: SiteKey | 'county';
  sites: SiteKey[];
  phone: string;
}

export const SERVICES: ServiceData[] = [
  { id: 'svc-primary-care-kokkola', code: 'primary-care', name: 'Vastaanotto, Kokkolan terveysasema', providedBy: 'kokkola', sites: ['kokkola'], phone: '+358 6 000 2010' },
  { id: 'svc-primary-care-kannus', code: 'primary-care', name: 'Vastaanotto, Kannuksen terveysasema', providedBy: 'kannus', sites: ['kannus'], phone: '+358 6 000 3010' },
  { id: 'svc-oral-health', code: 'oral-health', name: 'Suun terveydenhuolto', providedBy: 'county', sites: ['kokkola', 'kannus'], phone: '+358 6 000 1020' },
  { id: 'svc-physiotherapy', code: 'physiotherapy', name: 'Fysioterapia', providedBy: 'county', sites: ['kokkola', 'kannus'], phone: '+358 6 000 1030' },
  { id: 'svc-mental-health', code: 'mental-health', name: 'Mielenterveyshoitajan vastaanotto', providedBy: 'county', sites: ['kokkola', 'kannus'], phone: '+358 6 000 1040' },
  { id: 'svc-social-guidance', code: 'social-services', name: 'Sosiaaliohjaus', providedBy: 'county', sites: ['kokkola', 'kannus'], phone: '+358 6 000 1050' },
  { id: 'svc-family-centre', code: 'family-centre', name: 'Perhekeskus ja neuvola', providedBy: 'family-centre', sites: ['family-centre'], phone: '+358 6 000 4010' },
];

export interface StaffData {
  id: string;
  given: string;
  family: string;
  gender: 'male' | 'female';
  /** Profession, or a job title for staff outside the client work (manager, admin). */
  profession: Profession | { title: string };
  site: SiteKey | 'county';
  service?: string;
  languages: Language[];
  /** Member of the site's multi-professional CareTeam. */
  team?: boolean;
  terhikki?: string;
  /** Social-welfare professionals are registered in Suosikki, not Terhikki. */
  suosikki?: string;
}

export const STAFF: StaffData[] = [
  { id: 'pr-mikko-rautio', given: 'Mikko', family: 'Rautio', gender: 'male', profession: 'physician', site: 'kokkola', service: 'svc-primary-care-kokkola', languages: ['fi', 'sv', 'en'], team: true, terhikki: '10099001001' },
  { id: 'pr-tiina-puumala', given: 'Tiina', family: 'Puumala', gender: 'female', profession: 'nurse', site: 'kokkola', service: 'svc-primary-care-kokkola', languages: ['fi', 'en'], team: true, terhikki: '10099001002' },
  { id: 'pr-johanna-backman', given: 'Johanna', family: 'Backman', gender: 'female', profession: 'nurse', site: 'kokkola', service: 'svc-primary-care-kokkola', languages: ['sv', 'fi'], team: true, terhikki: '10099001003' },
  { id: 'pr-sanna-kentala', given: 'Sanna', family: 'Kentala', gender: 'female', profession: 'physiotherapist', site: 'kokkola', service: 'svc-physiotherapy', languages: ['fi', 'en'], team: true, terhikki: '10099001004' },
  { id: 'pr-petri-haapala', given: 'Petri', family: 'Haapala', gender: 'male', profession: 'psychiatric-nurse', site: 'kokkola', service: 'svc-mental-health', languages: ['fi'], team: true, terhikki: '10099001005' },
  { id: 'pr-jonna-vitikka', given: 'Jonna', family: 'Vitikka', gender: 'female', profession: 'social-instructor', site: 'kokkola', service: 'svc-social-guidance', languages: ['fi', 'sv'], team: true, suosikki: '20099001006' },
  { id: 'pr-hanna-hoitaja', given: 'Hanna', family: 'Hoitaja', gender: 'female', profession: 'guidance-nurse', site: 'kokkola', service: 'svc-primary-care-kokkola', languages: ['fi', 'sv', 'en'], terhikki: '10099001007' },
  { id: 'pr-elina-korpi', given: 'Elina', family: 'Korpi', gender: 'female', profession: 'physician', site: 'kannus', service: 'svc-primary-care-kannus', languages: ['fi', 'en'], team: true, terhikki: '10099002001' },
  { id: 'pr-marjo-hakala', given: 'Marjo', family: 'Hakala', gender: 'female', profession: 'nurse', site: 'kannus', service: 'svc-primary-care-kannus', languages: ['fi'], team: true, terhikki: '10099002002' },
  { id: 'pr-ville-kivela', given: 'Ville', family: 'Kivelä', gender: 'male', profession: 'nurse', site: 'kannus', service: 'svc-primary-care-kannus', languages: ['fi', 'en'], team: true, terhikki: '10099002003' },
  { id: 'pr-antti-peltokangas', given: 'Antti', family: 'Peltokangas', gender: 'male', profession: 'physiotherapist', site: 'kannus', service: 'svc-physiotherapy', languages: ['fi'], team: true, terhikki: '10099002004' },
  { id: 'pr-satu-rahja', given: 'Satu', family: 'Rahja', gender: 'female', profession: 'psychiatric-nurse', site: 'kannus', service: 'svc-mental-health', languages: ['fi'], team: true, terhikki: '10099002005' },
  { id: 'pr-kaisa-lassila', given: 'Kaisa', family: 'Lassila', gender: 'female', profession: 'social-instructor', site: 'kannus', service: 'svc-social-guidance', languages: ['fi'], team: true, suosikki: '20099002006' },
  { id: 'pr-riikka-ylikoski', given: 'Riikka', family: 'Ylikoski', gender: 'female', profession: 'guidance-nurse', site: 'kannus', service: 'svc-primary-care-kannus', languages: ['fi', 'en'], terhikki: '10099002007' },
  { id: 'pr-anna-sundqvist', given: 'Anna', family: 'Sundqvist', gender: 'female', profession: 'public-health-nurse', site: 'family-centre', service: 'svc-family-centre', languages: ['sv', 'fi', 'en'], terhikki: '10099003001' },
  { id: 'pr-paivi-salmela', given: 'Päivi', family: 'Salmela', gender: 'female', profession: { title: 'Palveluesihenkilö' }, site: 'county', languages: ['fi', 'sv'] },
  { id: 'pr-tomi-hiltunen', given: 'Tomi', family: 'Hiltunen', gender: 'male', profession: { title: 'Järjestelmän pääkäyttäjä' }, site: 'county', languages: ['fi', 'en'] },
];
