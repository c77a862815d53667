/**
 * A weekly template as the form edits it, checked here the way the server checks it (times,
 * visit length, ways of meeting the visit type allows, no overlaps on one day), and its
 * changes in words for the check before saving.
 */
import type { TFunction } from 'i18next';
import type { Language } from '@ovi/domain/src/types';
import { pickText } from '../../api/fhir';
import type { VisitTypeView } from '../../api/schedule.resource';
import type { WeeklyTemplate } from '../../api/scheduleTemplateEdit.resource';
import { formatDate } from '../../i18n/format';
import { parseDate } from './guaranteeDraft';

export interface BlockDraft {
  key: number;
  weekday: string;
  start: string;
  end: string;
  visitType: string;
  modes: string[];
}

export interface TemplateDraft {
  validFrom: string;
  validTo: string;
  blocks: BlockDraft[];
}

let nextKey = 1;

export function toTemplateDraft(template: WeeklyTemplate): TemplateDraft {
  return {
    validFrom: template.validFrom,
    validTo: template.validTo ?? '',
    blocks: template.blocks.map((b) => ({ key: nextKey++, weekday: String(b.weekday), start: b.start, end: b.end, visitType: b.visitType, modes: [...b.modes] })),
  };
}

export const newBlock = (visitTypes: VisitTypeView[]): BlockDraft => {
  const first = visitTypes[0];
  return { key: nextKey++, weekday: '1', start: '', end: '', visitType: first?.code ?? '', modes: first ? [...first.modes] : [] };
};

/** 'HH:MM' from "8:00", "08.00" or "0800"; undefined when it is not a time of day. */
export function parseClock(value: string): string | undefined {
  const m = /^(\d{1,2})[:.]?(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return undefined;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

export const blockFieldId = (index: number, part: string) => `block-${index}-${part}`;

export function fromTemplateDraft(d: TemplateDraft, base: WeeklyTemplate): WeeklyTemplate {
  const validTo = parseDate(d.validTo);
  return {
    id: base.id,
    practitioner: base.practitioner,
    ...(base.location ? { location: base.location } : {}),
    validFrom: parseDate(d.validFrom) ?? d.validFrom,
    ...(validTo ? { validTo } : {}),
    blocks: d.blocks.map((b) => ({
      weekday: Number(b.weekday) as WeeklyTemplate['blocks'][number]['weekday'],
      start: parseClock(b.start) ?? b.start,
      end: parseClock(b.end) ?? b.end,
      visitType: b.visitType,
      modes: [...b.modes] as WeeklyTemplate['blocks'][number]['modes'],
    })),
  };
}

export function checkTemplateDraft(d: TemplateDraft, visitTypes: VisitTypeView[], t: TFunction): Record<string, string> {
  const problems: Record<string, string> = {};
  const from = parseDate(d.validFrom);
  const to = parseDate(d.validTo);
  if (!from) problems['template-valid-from'] = t('adminEdit.problems.date');
  if (d.validTo.trim() && !to) problems['template-valid-to'] = t('adminEdit.problems.date');
  else if (from && to && to < from) problems['template-valid-to'] = t('adminEdit.guarantee.problems.dates');
  const spans: Array<{ index: number; weekday: string; from: number; to: number }> = [];
  d.blocks.forEach((b, i) => {
    const start = parseClock(b.start);
    const end = parseClock(b.end);
    const type = visitTypes.find((v) => v.code === b.visitType);
    if (!start) problems[blockFieldId(i, 'start')] = t('adminEdit.templates.problems.time');
    if (!end) problems[blockFieldId(i, 'end')] = t('adminEdit.templates.problems.time');
    else if (start && minutes(end) <= minutes(start)) problems[blockFieldId(i, 'end')] = t('adminEdit.templates.problems.endAfterStart');
    else if (start && type?.minutes && minutes(end) - minutes(start) < type.minutes) problems[blockFieldId(i, 'end')] = t('adminEdit.templates.problems.tooShort', { minutes: type.minutes });
    if (!type) problems[blockFieldId(i, 'visit-type')] = t('adminEdit.problems.choose');
    if (b.modes.length === 0) problems[`${blockFieldId(i, 'modes')}-0`] = t('adminEdit.templates.problems.modes');
    else if (type && b.modes.some((m) => !type.modes.includes(m))) problems[`${blockFieldId(i, 'modes')}-0`] = t('adminEdit.templates.problems.modeNotAllowed');
    if (start && end && minutes(end) > minutes(start)) {
      const overlapping = spans.find((s) => s.weekday === b.weekday && s.from < minutes(end) && minutes(start) < s.to);
      if (overlapping) problems[blockFieldId(i, 'start')] = t('adminEdit.templates.problems.overlap', { n: overlapping.index + 1 });
      spans.push({ index: i, weekday: b.weekday, from: minutes(start), to: minutes(end) });
    }
  });
  return problems;
}

/** A template in words: when it is valid, then each time (a version in the history). */
export function templateInWords(template: WeeklyTemplate, visitTypes: VisitTypeView[], t: TFunction, lang: Language): string[] {
  const validity = template.validTo
    ? t('adminSchedules.validRange', { from: formatDate(template.validFrom, lang), to: formatDate(template.validTo, lang) })
    : t('adminSchedules.validFrom', { from: formatDate(template.validFrom, lang) });
  return [validity, ...[...(template.blocks ?? [])].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)).map((b) => blockWords(b, visitTypes, t, lang))];
}

function blockWords(b: WeeklyTemplate['blocks'][number], visitTypes: VisitTypeView[], t: TFunction, lang: Language): string {
  return `${t(`weekday.${b.weekday}`)} ${b.start}–${b.end} ${pickText(visitTypes.find((v) => v.code === b.visitType)?.label, lang) || b.visitType} (${b.modes.map((m) => t(`visitMode.${m}`, { defaultValue: m })).join(', ')})`;
}

/** What a template change does, in words: times added and removed, validity changed. */
export function describeTemplateChanges(before: WeeklyTemplate, after: WeeklyTemplate, visitTypes: VisitTypeView[], t: TFunction, lang: Language): string[] {
  const words = (b: WeeklyTemplate['blocks'][number]) => blockWords(b, visitTypes, t, lang);
  const key = (b: WeeklyTemplate['blocks'][number]) => JSON.stringify([b.weekday, b.start, b.end, b.visitType, [...b.modes].sort()]);
  const was = new Set(before.blocks.map(key));
  const now = new Set(after.blocks.map(key));
  const lines: string[] = [];
  const sorted = (blocks: WeeklyTemplate['blocks']) => [...blocks].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  for (const b of sorted(after.blocks)) if (!was.has(key(b))) lines.push(t('adminEdit.templates.changes.added', { block: words(b) }));
  for (const b of sorted(before.blocks)) if (!now.has(key(b))) lines.push(t('adminEdit.templates.changes.removed', { block: words(b) }));
  const validity = (x: WeeklyTemplate) => (x.validTo ? `${formatDate(x.validFrom, lang)}–${formatDate(x.validTo, lang)}` : t('adminEdit.templates.fromOn', { from: formatDate(x.validFrom, lang) }));
  if (before.validFrom !== after.validFrom || (before.validTo ?? '') !== (after.validTo ?? '')) {
    lines.push(t('adminEdit.templates.changes.validity', { before: validity(before), after: validity(after) }));
  }
  return lines;
}
