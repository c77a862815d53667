import { describe, it, expect } from 'vitest';
import {
  localizedText,
  toLocalizedText,
  translate,
  translationExtension,
  translationsElement,
  TRANSLATION_EXTENSION_URL,
} from './translation';

const element = translationsElement({ fi: 'Hei', sv: 'Hej', en: 'Hello' });

describe('translation helpers', () => {
  it('builds the standard extension for every non-base language', () => {
    expect(element).toEqual({
      extension: [
        { url: TRANSLATION_EXTENSION_URL, extension: [{ url: 'lang', valueCode: 'sv' }, { url: 'content', valueString: 'Hej' }] },
        { url: TRANSLATION_EXTENSION_URL, extension: [{ url: 'lang', valueCode: 'en' }, { url: 'content', valueString: 'Hello' }] },
      ],
    });
  });
  it('reads a translation and falls back to the base text', () => {
    expect(translate('Hei', element, 'sv')).toBe('Hej');
    expect(translate('Hei', element, 'en')).toBe('Hello');
    expect(translate('Hei', element, 'fi')).toBe('Hei');
    expect(translate('Hei', undefined, 'en')).toBe('Hei');
    expect(translate(undefined, undefined, 'en')).toBe('');
  });
  it('accepts a regional language tag and skips other extensions and empty content', () => {
    const mixed = {
      extension: [
        { url: 'http://example.org/other', valueString: 'nope' },
        translationExtension('en', ''),
        translationExtension('sv-FI', 'Hej då'),
      ],
    };
    expect(translate('Hei hei', mixed, 'sv')).toBe('Hej då');
    expect(translate('Hei hei', mixed, 'en')).toBe('Hei hei');
  });
  it('works on text/_text pairs', () => {
    expect(localizedText({ text: 'Hei', _text: element }, 'en')).toBe('Hello');
    expect(localizedText(undefined, 'en')).toBe('');
    expect(toLocalizedText('Hei', element)).toEqual({ fi: 'Hei', sv: 'Hej', en: 'Hello' });
  });
});
