import { describe, it, expect } from 'vitest';
import { findPattern, MAX_GAP, normaliseWord, parsePattern, tokenize, type ParsedPattern } from './wordPattern';

const parsed = (pattern: string): ParsedPattern => {
  const p = parsePattern(pattern);
  if (typeof p === 'string') throw new Error(p);
  return p;
};
const find = (pattern: string, text: string) => findPattern(parsed(pattern), tokenize(text));
const hits = (pattern: string, text: string): boolean => find(pattern, text) !== undefined;

describe('normaliseWord', () => {
  it.each([
    ['RINTAKIPU', 'rintakipu'],
    ['Äkillinen', 'akillinen'],
    ['a\u0308killinen', 'akillinen'], // decomposed ä
    ['Bröstsmärta', 'brostsmarta'],
    ['självmord', 'sjalvmord'],
    ['Å', 'a'],
    ['café', 'cafe'],
    ["can't", 'cant'],
    ['can’t', 'cant'],
    ['ﬁnland', 'finland'], // compatibility ligature
    ['ＡＢＣ', 'abc'], // full-width letters
  ])('%s → %s', (word, normal) => {
    expect(normaliseWord(word)).toBe(normal);
  });
});

describe('tokenize', () => {
  it('keeps offsets into the NFC text and the words as written', () => {
    const { source, tokens } = tokenize('Rinta-\nkipua!! (kova)');
    expect(tokens.map((t) => source.slice(t.start, t.end))).toEqual(['Rinta', 'kipua', 'kova']);
    expect(tokens.map((t) => t.norm)).toEqual(['rinta', 'kipua', 'kova']);
  });
  it('composes decomposed text so the offsets show whole letters', () => {
    const { source, tokens } = tokenize('pa\u0308a\u0308nsa\u0308rky');
    expect(source).toBe('päänsärky');
    expect(tokens).toEqual([{ norm: 'paansarky', start: 0, end: 9, sentence: 0 }]);
  });
  it('keeps decimal numbers and apostrophes inside words', () => {
    expect(tokenize("kuumetta 39,5 ja 40.2, can't").tokens.map((t) => t.norm)).toEqual(['kuumetta', '39,5', 'ja', '40.2', 'cant']);
  });
  it('counts sentences at . ! ? ; and line breaks, not at commas, decimal marks or an ellipsis', () => {
    expect(tokenize('a, b. c! d? e; f\ng 3.5 h… i... j').tokens.map((t) => t.sentence)).toEqual([0, 0, 1, 2, 3, 4, 5, 5, 5, 5, 5]);
  });
  it('has no tokens for empty or punctuation-only text', () => {
    expect(tokenize('').tokens).toEqual([]);
    expect(tokenize(' ... !!! ').tokens).toEqual([]);
  });
});

describe('parsePattern', () => {
  it('reads words, alternatives, prefixes and & parts', () => {
    expect(parsed('Rinta|rinnassa kipu* & KUUME')).toEqual({
      source: 'Rinta|rinnassa kipu* & KUUME',
      parts: [
        [
          [
            { stem: 'rinta', prefix: false },
            { stem: 'rinnassa', prefix: false },
          ],
          [{ stem: 'kipu', prefix: true }],
        ],
        [[{ stem: 'kuume', prefix: false }]],
      ],
    });
  });
  it('collapses extra spaces', () => {
    expect(parsed('  puhe   sammal*  ').source).toBe('puhe sammal*');
  });
  it('allows short number stems (temperatures) but not short word stems', () => {
    expect(parsed('40*').parts).toEqual([[[{ stem: '40', prefix: true }]]]);
    expect(parsePattern('ei*')).toBe('"ei*": the stem "ei" before * is shorter than 3 characters');
    expect(typeof parsePattern('eik*')).toBe('object');
  });
  it.each([
    ['', 'a pattern must not be empty'],
    ['   ', 'a pattern must not be empty'],
    ['a||b', '"a||b": empty alternative (check the | signs)'],
    ['|kipu', '"|kipu": empty alternative (check the | signs)'],
    ['ki*pu', '"ki*pu": "ki*pu" is not a word (letters and digits, optionally ending in *)'],
    ['kipu**', '"kipu**": "kipu**" is not a word (letters and digits, optionally ending in *)'],
    ['rinta-kipu', '"rinta-kipu": "rinta-kipu" is not a word (letters and digits, optionally ending in *)'],
    ['kipu.', '"kipu.": "kipu." is not a word (letters and digits, optionally ending in *)'],
    ['*', '"*": "*" is not a word (letters and digits, optionally ending in *)'],
    ["'*", `"'*": "'*" has no letters or digits`],
    ['& kipu', '"& kipu": & needs words on both sides'],
    ['kipu &', '"kipu &": & needs words on both sides'],
    ['kipu & & kuume', '"kipu & & kuume": & needs words on both sides'],
    ['kipu &kuume', '"kipu &kuume": "&kuume" is not a word (letters and digits, optionally ending in *)'],
  ])('refuses %j', (pattern, message) => {
    expect(parsePattern(pattern)).toBe(message);
  });
});

describe('findPattern', () => {
  it('matches whole words exactly and prefixes with *', () => {
    expect(hits('rinta', 'rinta kipeä')).toBe(true);
    expect(hits('rinta', 'rintakipu')).toBe(false);
    expect(hits('rinta*', 'rintakipu')).toBe(true);
    expect(hits('rintakip*', 'selkäkipu')).toBe(false);
  });
  it('ignores case, diacritics, punctuation and decomposed letters', () => {
    expect(hits('päänsär*', 'PÄÄNSÄRKY!!!')).toBe(true);
    expect(hits('päänsär*', 'paansarky')).toBe(true);
    expect(hits('päänsär*', 'pa\u0308a\u0308nsa\u0308rky')).toBe(true);
    expect(hits('bröstsmärt*', '"Bröst\u00ADsmär\u200Bta"')).toBe(true); // soft hyphen, zero-width space
    expect(hits('cant breathe', "I CAN'T... breathe")).toBe(true);
  });
  it(`allows at most ${MAX_GAP} other words between the words of a sequence, in order`, () => {
    expect(hits('puhe sammal*', 'puhe sammaltaa')).toBe(true);
    expect(hits('puhe sammal*', 'puhe on nyt vähän sammaltavaa')).toBe(true); // 3 between
    expect(hits('puhe sammal*', 'puhe on nyt ihan vähän sammaltavaa')).toBe(false); // 4 between
    expect(hits('puhe sammal*', 'sammaltaa puhe')).toBe(false);
  });
  it('does not let a sequence cross a sentence end', () => {
    expect(hits('chest pain', 'my chest. pain in the leg')).toBe(false);
    expect(hits('chest pain', 'my chest, pain')).toBe(true);
  });
  it('tries later starts and later words when the first choice leads nowhere', () => {
    // the first "a" cannot finish, the second can; the first "b" is too far from "c", the second is not
    expect(hits('a b c', 'a x x x x a b c')).toBe(true);
    expect(hits('a b c', 'a b x b x x c')).toBe(true);
  });
  it('matches & parts anywhere in the text, in any order, across sentences', () => {
    expect(hits('kuume* & niska* jäyk*', 'Niska on jäykkä. Illalla nousi kuume.')).toBe(true);
    expect(hits('kuume* & niska* jäyk*', 'Niska on jäykkä.')).toBe(false);
  });
  it('returns the first occurrence and the words as written, & parts in text order', () => {
    expect(find('kipu*', 'Ei kipua. Nyt KIPUA taas')).toEqual({ start: 3, matched: 'kipua' });
    expect(find('puhe sammal*', 'Isän Puhe on Sammaltavaa.')).toEqual({ start: 5, matched: 'Puhe on Sammaltavaa' });
    expect(find('kuume* & sekav*', 'Äiti on sekava, ja kuumetta 39.')).toEqual({ start: 8, matched: 'sekava … kuumetta' });
  });
  it('finds nothing in empty text', () => {
    expect(find('kipu*', '')).toBeUndefined();
  });
});
