/**
 * Managers' counts of clients by latest segment and municipality (pure), with the
 * small-number rules of smallNumbers.ts: every cell, row and column under five hidden and
 * enough others hidden that none can be worked out; shown counts rounded to fives.
 */
import { publishCounts, type Breakdown } from '../smallNumbers';
import { SEGMENTS, type Segment } from './segments';

export interface SegmentedClient {
  segment: Segment;
  /** Municipality code; '' when not recorded. */
  municipality: string;
}

export interface SegmentCountTable {
  municipalities: string[];
  /** `count` null: hidden. */
  cells: Array<{ segment: Segment; municipality: string; count: number | null }>;
  bySegment: Array<{ segment: Segment; count: number | null }>;
  byMunicipality: Array<{ municipality: string; count: number | null }>;
  total: number | null;
}

const cellKey = (s: string, m: string) => `cell:${s}|${m}`;

export function segmentCounts(clients: readonly SegmentedClient[]): SegmentCountTable {
  const municipalities = [...new Set(clients.map((c) => c.municipality))].sort();
  const counts: Record<string, number> = { total: clients.length };
  for (const s of SEGMENTS) counts[`seg:${s}`] = 0;
  for (const m of municipalities) counts[`mun:${m}`] = 0;
  for (const s of SEGMENTS) for (const m of municipalities) counts[cellKey(s, m)] = 0;
  for (const c of clients) {
    counts[`seg:${c.segment}`] = (counts[`seg:${c.segment}`] ?? 0) + 1;
    counts[`mun:${c.municipality}`] = (counts[`mun:${c.municipality}`] ?? 0) + 1;
    counts[cellKey(c.segment, c.municipality)] = (counts[cellKey(c.segment, c.municipality)] ?? 0) + 1;
  }
  const breakdowns: Breakdown[] = [];
  if (municipalities.length > 0) {
    breakdowns.push({ total: 'total', cells: SEGMENTS.map((s) => `seg:${s}`) });
    breakdowns.push({ total: 'total', cells: municipalities.map((m) => `mun:${m}`) });
    for (const s of SEGMENTS) breakdowns.push({ total: `seg:${s}`, cells: municipalities.map((m) => cellKey(s, m)) });
    for (const m of municipalities) breakdowns.push({ total: `mun:${m}`, cells: SEGMENTS.map((s) => cellKey(s, m)) });
  }
  const published = publishCounts({ counts, breakdowns }).counts;
  const shown = (key: string) => published[key] ?? null;
  return {
    municipalities,
    cells: SEGMENTS.flatMap((segment) => municipalities.map((municipality) => ({ segment, municipality, count: shown(cellKey(segment, municipality)) }))),
    bySegment: SEGMENTS.map((segment) => ({ segment, count: shown(`seg:${segment}`) })),
    byMunicipality: municipalities.map((municipality) => ({ municipality, count: shown(`mun:${municipality}`) })),
    total: shown('total'),
  };
}
