/**
 * Visit types, weekly schedule templates and schedule exceptions of a professional.
 * Times of day are Helsinki wall-clock 'HH:MM'. Validation: validateScheduleTemplate.ts.
 */
import type { LocalizedText } from './types';

export const VISIT_MODES = ['on-site', 'phone', 'video', 'home-visit'] as const;
export type VisitMode = (typeof VISIT_MODES)[number];

export interface VisitType {
  code: string;
  label: LocalizedText;
  /** Length of one visit in minutes. */
  minutes: number;
  modes: VisitMode[];
  selfBookable: boolean;
  /** A non-urgent visit: its free slots count for T3. */
  nonUrgent: boolean;
}

export interface TemplateBlock {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  /** 'HH:MM', Helsinki wall-clock time; `end` is exclusive. */
  start: string;
  end: string;
  visitType: string;
  modes: VisitMode[];
}

export interface WeeklyTemplate {
  id: string;
  /** 'Practitioner/<id>' */
  practitioner: string;
  location?: string;
  /** 'YYYY-MM-DD', inclusive. */
  validFrom: string;
  validTo?: string;
  blocks: TemplateBlock[];
}

export interface ScheduleException {
  practitioner: string;
  /** ISO instants; no slot overlapping [start, end) is generated. */
  start: string;
  end: string;
  reason: 'absence' | 'training' | 'other';
  note?: string;
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of a 'HH:MM' time (00:00–23:59), or undefined for anything else. */
export function parseClockTime(value: unknown): number | undefined {
  const match = typeof value === 'string' ? CLOCK.exec(value) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}
