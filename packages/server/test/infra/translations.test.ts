import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web', 'src');
const LANGS = ['fi', 'sv', 'en'] as const;
const bundles = Object.fromEntries(LANGS.map((l) => [l, JSON.parse(readFileSync(join(web, 'i18n', `${l}.json`), 'utf8')) as Record<string, unknown>]));

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every visible string comes from the translations: the three languages and the code agree. */
describe('translations', () => {
  const fiKeys = new Set(keys(bundles.fi));

  it.each(['sv', 'en'] as const)('%s has exactly the Finnish keys', (lang) => {
    const other = new Set(keys(bundles[lang]));
    expect([...fiKeys].filter((k) => !other.has(k)), `missing in ${lang}`).toEqual([]);
    expect([...other].filter((k) => !fiKeys.has(k)), `only in ${lang}`).toEqual([]);
  });

  it('has no empty text in any language', () => {
    for (const lang of LANGS) {
      const empty = keys(bundles[lang]).filter((k) => {
        const value = k.split('.').reduce<unknown>((v, part) => (v as Record<string, unknown>)?.[part], bundles[lang]);
        return typeof value === 'string' && value.trim() === '';
      });
      expect(empty, `empty texts in ${lang}`).toEqual([]);
    }
  });

  it('knows every literal key the web app asks for', () => {
    const asked = sources(web).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)].map((m) => ({ key: m[1] ?? '', file })));
    const unknown = asked.filter(({ key }) => !fiKeys.has(key) && ![...fiKeys].some((k) => k.startsWith(`${key}_`)));
    expect(unknown.map(({ key, file }) => `${key} (${file.slice(web.length + 1)})`)).toEqual([]);
  });
});
