import { describe, expect, it } from 'vitest';
import { exactSearchText, foldSearchText, nordicSortKey } from './searchText';

const DECOMPOSED_JARVI = 'Ja\u0308rvi';

describe('foldSearchText', () => {
  it.each([
    ['Öhman', 'ohman'],
    ['ÖHMAN', 'ohman'],
    ['Järvi', 'jarvi'],
    [DECOMPOSED_JARVI, 'jarvi'],
    ['Åberg', 'aberg'],
    ['Ødegaard', 'odegaard'],
    ['Æbeltoft', 'aebeltoft'],
    ['Šarić', 'saric'],
    ['Étienne', 'etienne'],
    ['Müller-Lüdenscheid', 'muller-ludenscheid'],
    ['van der Berg', 'van der berg'],
    ['', ''],
  ])('%s folds to %s', (value, folded) => {
    expect(foldSearchText(value)).toBe(folded);
  });

  it('folds composed and decomposed forms to the same text', () => {
    expect(foldSearchText(DECOMPOSED_JARVI)).toBe(foldSearchText('Järvi'));
  });
});

describe('exactSearchText', () => {
  it('keeps case and accents but joins decomposed letters', () => {
    expect(exactSearchText(DECOMPOSED_JARVI)).toBe('Järvi');
    expect(exactSearchText('Öhman')).not.toBe(exactSearchText('öhman'));
    expect(exactSearchText('Ohman')).not.toBe(exactSearchText('Öhman'));
  });
});

const byCodePoint = (a: string, b: string) => {
  const x = [...a].map((c) => c.codePointAt(0) ?? 0);
  const y = [...b].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.length - y.length;
};

const NAMES = [
  'Aalto', 'Öhman', 'Ylönen', 'Åberg', 'Ärje', 'Zetterberg', 'Wallin', 'Vainio', 'Valli', 'Wirtanen', 'Vesa',
  'Müller', 'Myllys', 'Øster', 'Ødegaard', 'Ohman', 'Aarnio', 'öhman', 'Öberg', 'Æbeltoft', 'Šarić', 'Sand',
  'Zöller', 'Zachris', 'van der Berg', 'Ahde', 'ahde', 'Åkerman', 'Järvi', DECOMPOSED_JARVI, 'Jarvi', 'Jäppinen',
  'Étienne', 'Eklund', 'Etienne', 'Aaltonen', 'Virtanen', 'Korhonen', 'Mäkinen', 'Nieminen', 'Hämäläinen',
];

describe('nordicSortKey', () => {
  it.each(['fi', 'sv'])('orders names as ICU %s does', (locale) => {
    const icu = [...NAMES].sort(new Intl.Collator(locale).compare).map(exactSearchText);
    const byKey = [...NAMES].sort((a, b) => byCodePoint(nordicSortKey(a), nordicSortKey(b))).map(exactSearchText);
    expect(byKey).toEqual(icu);
  });

  it('puts å, ä and ö after z, in that order', () => {
    const sorted = ['Öhman', 'Ärje', 'Åberg', 'Zachris', 'Aalto'].sort((a, b) => byCodePoint(nordicSortKey(a), nordicSortKey(b)));
    expect(sorted).toEqual(['Aalto', 'Zachris', 'Åberg', 'Ärje', 'Öhman']);
  });

  it('gives composed and decomposed forms the same key', () => {
    expect(nordicSortKey(DECOMPOSED_JARVI)).toBe(nordicSortKey('Järvi'));
  });
});
