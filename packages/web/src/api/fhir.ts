/** Small helpers for reading FHIR resources; no components import FHIR shapes directly. */
import type { Bundle, Element, Extension, Resource } from '@medplum/fhirtypes';
import type { Language } from '@ovi/domain/src/types';

export const FHIR_BASE = '/fhir/R4';
export const TRANSLATION_URL = 'http://hl7.org/fhir/StructureDefinition/translation';

/** A text in Finnish with any translations the resource carries. */
export type Texts = Partial<Record<Language, string>> & { fi: string };

export function resourcesOf<T extends Resource>(bundle: Bundle | undefined, resourceType: T['resourceType']): T[] {
  return (bundle?.entry ?? [])
    .map((e) => e.resource)
    .filter((r): r is T => r !== undefined && r.resourceType === resourceType);
}

export function extensionValue(extensions: Extension[] | undefined, url: string): Extension | undefined {
  return extensions?.find((e) => e.url === url);
}

/** Base text (Finnish) plus the translations in the primitive's `_text`/`_display` element. */
export function textsOf(base: string | undefined, element: Element | undefined): Texts {
  const texts: Texts = { fi: base ?? '' };
  for (const ext of element?.extension ?? []) {
    if (ext.url !== TRANSLATION_URL) continue;
    const lang = ext.extension?.find((e) => e.url === 'lang')?.valueCode;
    const content = ext.extension?.find((e) => e.url === 'content')?.valueString;
    const short = lang?.slice(0, 2).toLowerCase();
    if ((short === 'sv' || short === 'en' || short === 'fi') && content) texts[short] = content;
  }
  return texts;
}

/** The text in the wanted language, falling back to Finnish. */
export function pickText(texts: Partial<Record<Language, string>> | undefined, lang: Language): string {
  if (!texts) return '';
  return texts[lang] || texts.fi || texts.en || texts.sv || '';
}

/**
 * A place's or unit's name in the user's language: `name` with its translations in `_name`
 * (Kokkola / Karleby), falling back to `name` where the directory has no translation.
 */
export function placeName(resource: { name?: string; _name?: Element } | undefined, lang: Language): string | undefined {
  if (!resource?.name) return undefined;
  return pickText(textsOf(resource.name, resource._name), lang);
}

/** `Patient/123` → `123`. */
export function idOf(reference: string | undefined): string | undefined {
  const parts = reference?.split('/');
  return parts && parts.length >= 2 ? parts[parts.length - 1] : undefined;
}

/** `Patient/123` → `Patient`; `Task?patient=…` → `Task`. */
export function typeOf(reference: string | undefined): string | undefined {
  return reference?.split(/[/?]/)[0] || undefined;
}
