/**
 * The CPU cost of publishing one indicator with its strata (suppression with complements and
 * its audit, `@ovi/domain` publishIndicator), apart from the database: synthetic strata shaped
 * like a region's (units of skewed size, 9 municipalities, 4 age groups, 12 professions) with
 * some tiny units that must be hidden with their complements.
 * `node --import tsx packages/server/bench/indicatorSuppressionBench.ts`
 */
import { indicatorById, publishIndicator, type StratumCounts } from '@ovi/domain';

let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

for (const [units, groups, tiny] of [[30, 20000, 0], [30, 20000, 3], [30, 2000, 8], [60, 20000, 10], [30, 300, 12]] as const) {
  const definition = indicatorById('first-contact-resolution');
  if (!definition) throw new Error('no indicator');
  const strata = new Map<string, StratumCounts>();
  const add = (s: StratumCounts['stratifier'], value: string, n: number, r: number) => {
    const key = `${s}|${value}`;
    const x = strata.get(key) ?? { stratifier: s, value, population: 0, numerators: { resolved: 0 }, professionals: 3 };
    x.population += n;
    (x.numerators as Record<string, number>).resolved = ((x.numerators as Record<string, number>).resolved ?? 0) + r;
    strata.set(key, x);
  };
  const person = (u: string, m: number, a: number, p: number, n: number, r: number) => {
    add(null, '', n, r);
    add('unit', u, n, r);
    add('municipality', `m${m}`, n, r);
    add('age-group', `a${a}`, n, r);
    add('profession', `p${p}`, n, r);
  };
  for (let g = 0; g < groups; g++) {
    const u = Math.floor(Math.pow(rnd(), 2.5) * units);
    const n = 1 + Math.floor(rnd() * 15);
    person(`u${u}`, u % 9, Math.floor(rnd() * 4), Math.floor(Math.pow(rnd(), 2) * 12), n, Math.floor(n * rnd()));
  }
  for (let t = 0; t < tiny; t++) person(`tiny${t}`, t % 9, t % 4, t % 12, 1 + (t % 4), t % 2);
  const rows = [...strata.values()];
  const started = performance.now();
  const out = publishIndicator(definition, rows);
  const ms = performance.now() - started;
  const all = Object.values(out.strata).flat();
  console.log(`${rows.length} strata (${units} units + ${tiny} tiny): ${ms.toFixed(0)} ms; hidden strata ${all.filter((s) => s?.hidden).length}, hidden shares ${all.filter((s) => s?.scores.resolved === null).length}`);
}
