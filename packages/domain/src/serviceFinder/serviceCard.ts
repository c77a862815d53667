/**
 * What a resident sees of one catalogue entry, in one language: read from the FHIR
 * `HealthcareService`, its provider `Organization` and its first `Location`.
 */
import type { Element, HealthcareService, Location, Organization } from '@medplum/fhirtypes';
import { translate } from '../translation';
import type { Language } from '../types';
import { ACCESSIBILITY_CODES, CATALOGUE, PROVIDER_KINDS, type AccessibilityCode, type ProviderKind } from './catalogueTerms';
import { openingState, type OpeningState } from './serviceOpening';
import type { MatchReason } from './serviceRanking';

/** HealthcareService with the primitive elements that carry translations. */
export interface CatalogueService extends HealthcareService {
  _name?: Element;
  _comment?: Element;
  _extraDetails?: Element;
}

export interface AgeRange {
  low?: number;
  high?: number;
}

export interface ServiceCard {
  id: string;
  name: string;
  description: string;
  details?: string;
  provider?: { name: string; kind: ProviderKind };
  /** Municipality codes covered; empty: the whole region. */
  municipalities: string[];
  ages: AgeRange;
  languages: string[];
  accessibility: AccessibilityCode[];
  phones: Array<{ value: string; href: string }>;
  email?: string;
  website?: string;
  address?: string;
  hours: Array<{ days: string[]; allDay: boolean; from?: string; to?: string }>;
  opening: OpeningState;
  reasons?: MatchReason[];
}

const codesOf = (concepts: HealthcareService['characteristic'], system: string): string[] =>
  (concepts ?? []).flatMap((c) => c.coding ?? []).filter((c) => c.system === system && c.code).map((c) => c.code as string);

/** The municipality codes of a service (its municipality-code extensions). */
export function serviceMunicipalities(service: HealthcareService): string[] {
  return (service.extension ?? []).filter((e) => e.url === CATALOGUE.municipalityExtension && e.valueCoding?.code).map((e) => e.valueCoding?.code as string);
}

/** The ages a service serves, in whole years (open ends when not given). */
export function serviceAges(service: HealthcareService): AgeRange {
  const range = service.extension?.find((e) => e.url === CATALOGUE.ageRangeExtension)?.valueRange;
  return { ...(range?.low?.value !== undefined ? { low: range.low.value } : {}), ...(range?.high?.value !== undefined ? { high: range.high.value } : {}) };
}

/** Whether a service serves a person of `age` years: inside its range, both ends included. */
export function servesAge(ages: AgeRange, age: number | undefined): boolean {
  if (age === undefined) return true;
  return (ages.low === undefined || ages.low <= age) && (ages.high === undefined || age <= ages.high);
}

/** Whether a service covers a municipality: listed, or no list (the whole region). */
export function coversMunicipality(municipalities: readonly string[], municipality: string | undefined): boolean {
  return municipality === undefined || municipalities.length === 0 || municipalities.includes(municipality);
}

/** A phone number as a tel: link (digits and a leading +). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

function providerKind(service: HealthcareService): ProviderKind {
  const code = codesOf(service.category, CATALOGUE.providerKindSystem)[0];
  return (PROVIDER_KINDS as readonly string[]).includes(code ?? '') ? (code as ProviderKind) : 'region';
}

function addressOf(location: Location | undefined): string | undefined {
  const a = location?.address;
  if (!a) return undefined;
  const text = [a.line?.join(' '), [a.postalCode, a.city].filter(Boolean).join(' ')].filter((p) => p && p.trim() !== '').join(', ');
  return text || undefined;
}

export function serviceCard(service: CatalogueService, lang: Language, at: Date, related: { provider?: Organization; location?: Location } = {}): ServiceCard {
  const details = translate(service.extraDetails, service._extraDetails, lang);
  const telecom = service.telecom ?? [];
  const email = telecom.find((t) => t.system === 'email')?.value;
  const website = telecom.find((t) => t.system === 'url')?.value;
  const address = addressOf(related.location);
  const providerName = related.provider?.name ?? service.providedBy?.display;
  return {
    id: service.id ?? '',
    name: translate(service.name, service._name, lang),
    description: translate(service.comment, service._comment, lang),
    ...(details ? { details } : {}),
    ...(providerName ? { provider: { name: providerName, kind: providerKind(service) } } : {}),
    municipalities: serviceMunicipalities(service),
    ages: serviceAges(service),
    languages: (service.communication ?? []).flatMap((c) => c.coding ?? []).filter((c) => c.system === CATALOGUE.languageSystem && c.code).map((c) => c.code as string),
    accessibility: codesOf(service.characteristic, CATALOGUE.accessibilitySystem).filter((c): c is AccessibilityCode => (ACCESSIBILITY_CODES as readonly string[]).includes(c)),
    phones: telecom.filter((t) => t.system === 'phone' && t.value).map((t) => ({ value: t.value as string, href: telHref(t.value as string) })),
    ...(email ? { email } : {}),
    ...(website ? { website } : {}),
    ...(address ? { address } : {}),
    hours: (service.availableTime ?? []).map((t) => ({
      days: t.daysOfWeek ?? [],
      allDay: t.allDay === true,
      ...(t.availableStartTime ? { from: t.availableStartTime.slice(0, 5) } : {}),
      ...(t.availableEndTime ? { to: t.availableEndTime.slice(0, 5) } : {}),
    })),
    opening: openingState(service.availableTime, service.notAvailable, at),
  };
}
