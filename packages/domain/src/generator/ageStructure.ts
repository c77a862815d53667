/**
 * The age structure of the synthetic region: shares of the population by five-year band, an
 * approximation of Statistics Finland's population structure for the whole country at the end
 * of 2023 (StatFin table 11rd, "Väestö iän (5-v.) mukaan"), rounded to 0.1 percentage points
 * and adjusted to sum to 100. An assumption documented in decision 029: the demo municipalities
 * (Kokkola, Kannus) are given the country's structure, not their own.
 */
import type { Random } from './random';

export interface AgeBand {
  /** First age of the band, inclusive. */
  from: number;
  /** Last age of the band, inclusive. */
  to: number;
  /** Per cent of the population. */
  percent: number;
}

export const FINNISH_AGE_BANDS: readonly AgeBand[] = [
  { from: 0, to: 4, percent: 4.3 },
  { from: 5, to: 9, percent: 5.2 },
  { from: 10, to: 14, percent: 5.6 },
  { from: 15, to: 19, percent: 5.6 },
  { from: 20, to: 24, percent: 5.7 },
  { from: 25, to: 29, percent: 6.1 },
  { from: 30, to: 34, percent: 6.5 },
  { from: 35, to: 39, percent: 6.4 },
  { from: 40, to: 44, percent: 6.3 },
  { from: 45, to: 49, percent: 5.8 },
  { from: 50, to: 54, percent: 6.0 },
  { from: 55, to: 59, percent: 6.2 },
  { from: 60, to: 64, percent: 6.4 },
  { from: 65, to: 69, percent: 6.3 },
  { from: 70, to: 74, percent: 6.4 },
  { from: 75, to: 79, percent: 5.2 },
  { from: 80, to: 84, percent: 3.3 },
  { from: 85, to: 89, percent: 1.8 },
  { from: 90, to: 99, percent: 0.9 },
];

/** A whole age drawn from the bands: the band by its share, the age uniformly within it. */
export function drawAge(random: Random, bands: readonly AgeBand[] = FINNISH_AGE_BANDS): number {
  const total = bands.reduce((s, b) => s + b.percent, 0);
  let x = random.next() * total;
  for (const band of bands) {
    x -= band.percent;
    if (x < 0) return band.from + random.int(band.to - band.from + 1);
  }
  const last = bands[bands.length - 1]!;
  return last.to;
}

/** The band an age falls in (the last band for ages past it). */
export function ageBandOf(age: number, bands: readonly AgeBand[] = FINNISH_AGE_BANDS): AgeBand {
  return bands.find((b) => age >= b.from && age <= b.to) ?? bands[bands.length - 1]!;
}

/**
 * How often a person of this age contacts primary health and social care, relative to a working-
 * age adult (1.0). Assumption after the shape of THL's Avohilmo visit rates by age (high for small
 * children and the oldest, lowest for school-age children and young adults); decision 029.
 */
export function contactRateByAge(age: number): number {
  if (age < 5) return 1.3;
  if (age < 15) return 0.6;
  if (age < 25) return 0.75;
  if (age < 45) return 0.85;
  if (age < 65) return 1.0;
  if (age < 75) return 1.4;
  if (age < 85) return 1.9;
  return 2.4;
}

/**
 * The demo municipalities' shares of the region's residents: Kokkola about 48 000 and Kannus about
 * 5 500 inhabitants (Statistics Finland 2023, rounded), so 89.7 % and 10.3 %.
 */
export const MUNICIPALITY_SHARES = { kokkola: 48_000, kannus: 5_500 } as const;
export type RegionMunicipality = keyof typeof MUNICIPALITY_SHARES;
