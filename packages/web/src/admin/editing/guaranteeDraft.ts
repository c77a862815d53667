/**
 * A care-guarantee rule as the form edits it: ages as youngest and oldest (inclusive), the limit
 * either as calendar time (months and days) or as working days, dates as people write them.
 */
import type { TFunction } from 'i18next';
import type { Language, LocalizedText } from '@ovi/domain/src/types';
import type { CareGuaranteeConfig, CareGuaranteeRule } from '../../api/admin.resource';
import { pickText } from '../../api/fhir';
import { missingLanguages } from './texts';
import { sameValue } from './sameValue';

export interface GuaranteeDraft {
  id: string;
  isNew: boolean;
  kind: string;
  service: string;
  urgency: string;
  youngest: string;
  oldest: string;
  limitKind: 'calendar' | 'working';
  months: string;
  days: string;
  workingDays: string;
  from: 'contact' | 'assessment';
  /** The stored rule named `from` itself (kept so an unchanged rule stays the same). */
  namedFrom: boolean;
  inForceFrom: string;
  inForceUntil: string;
  label: LocalizedText;
  source: string;
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

export function toGuaranteeDraft(rule: CareGuaranteeRule): GuaranteeDraft {
  return {
    id: rule.id,
    isNew: false,
    kind: rule.kind,
    service: rule.service,
    urgency: rule.urgency,
    youngest: text(rule.minAge),
    oldest: rule.maxAgeExclusive === undefined ? '' : String(rule.maxAgeExclusive - 1),
    limitKind: rule.limit.workingDays !== undefined ? 'working' : 'calendar',
    months: text(rule.limit.months),
    days: text(rule.limit.days),
    workingDays: text(rule.limit.workingDays),
    from: rule.from ?? 'contact',
    namedFrom: rule.from !== undefined,
    inForceFrom: rule.inForce?.from ?? '',
    inForceUntil: rule.inForce?.until ?? '',
    label: { ...rule.label },
    source: rule.source ?? '',
  };
}

export function newGuaranteeDraft(config: CareGuaranteeConfig): GuaranteeDraft {
  const ids = new Set(config.rules.map((r) => r.id));
  let n = config.rules.length + 1;
  while (ids.has(`limit-${n}`)) n += 1;
  return {
    id: `limit-${n}`,
    isNew: true,
    kind: 'regional',
    service: '',
    urgency: 'non-urgent',
    youngest: '',
    oldest: '',
    limitKind: 'calendar',
    months: '',
    days: '',
    workingDays: '',
    from: 'contact',
    namedFrom: false,
    inForceFrom: '',
    inForceUntil: '',
    label: { fi: '', sv: '', en: '' },
    source: '',
  };
}

/** A whole number ≥ 0 as written, or undefined (also for an empty field). */
export function wholeNumber(value: string): number | undefined {
  const clean = value.trim();
  return /^\d{1,4}$/.test(clean) ? Number(clean) : undefined;
}

/** 'YYYY-MM-DD' from "2027-01-01" or "1.1.2027"; undefined when it is not a real date. */
export function parseDate(value: string): string | undefined {
  const clean = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(clean);
  const fi = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(clean);
  const [y, m, d] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : fi ? [Number(fi[3]), Number(fi[2]), Number(fi[1])] : [0, 0, 0];
  if (!y) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function fromGuaranteeDraft(d: GuaranteeDraft): CareGuaranteeRule {
  const youngest = wholeNumber(d.youngest);
  const oldest = wholeNumber(d.oldest);
  const months = wholeNumber(d.months);
  const days = wholeNumber(d.days);
  const from = parseDate(d.inForceFrom);
  const until = parseDate(d.inForceUntil);
  return {
    id: d.id.trim(),
    kind: d.kind as CareGuaranteeRule['kind'],
    service: d.service,
    urgency: d.urgency as CareGuaranteeRule['urgency'],
    ...(youngest !== undefined ? { minAge: youngest } : {}),
    ...(oldest !== undefined ? { maxAgeExclusive: oldest + 1 } : {}),
    limit:
      d.limitKind === 'working'
        ? { workingDays: wholeNumber(d.workingDays) }
        : { ...(months !== undefined ? { months } : {}), ...(days !== undefined ? { days } : {}) },
    ...(d.from === 'assessment' || d.namedFrom ? { from: d.from } : {}),
    ...(from || until ? { inForce: { ...(from ? { from } : {}), ...(until ? { until } : {}) } } : {}),
    label: { fi: d.label.fi.trim(), sv: d.label.sv.trim(), en: d.label.en.trim() },
    ...(d.source.trim() ? { source: d.source.trim() } : {}),
  };
}

/** Problems by field id (`limit-months`, `limit-label-sv` …); empty when the form may be done. */
export function checkGuaranteeDraft(d: GuaranteeDraft, otherIds: string[], t: TFunction): Record<string, string> {
  const problems: Record<string, string> = {};
  if (d.isNew) {
    const id = d.id.trim();
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) problems['limit-id'] = t('adminEdit.rules.problems.id');
    else if (otherIds.includes(id)) problems['limit-id'] = t('adminEdit.rules.problems.idTaken');
  }
  if (!d.kind) problems['limit-kind-0'] = t('adminEdit.problems.choose');
  if (!d.service) problems['limit-service'] = t('adminEdit.problems.choose');
  if (!d.urgency) problems['limit-urgency'] = t('adminEdit.problems.choose');
  const youngest = wholeNumber(d.youngest);
  const oldest = wholeNumber(d.oldest);
  if (d.youngest.trim() && (youngest === undefined || youngest > 149)) problems['limit-youngest'] = t('adminEdit.problems.age');
  if (d.oldest.trim() && (oldest === undefined || oldest > 149)) problems['limit-oldest'] = t('adminEdit.problems.age');
  else if (youngest !== undefined && oldest !== undefined && oldest < youngest) problems['limit-oldest'] = t('adminEdit.guarantee.problems.ages');
  if (d.limitKind === 'working') {
    const n = wholeNumber(d.workingDays);
    if (n === undefined || n > 400) problems['limit-working-days'] = t('adminEdit.guarantee.problems.workingDays');
  } else {
    const months = wholeNumber(d.months);
    const days = wholeNumber(d.days);
    if (d.months.trim() && (months === undefined || months > 120)) problems['limit-months'] = t('adminEdit.guarantee.problems.months');
    if (d.days.trim() && (days === undefined || days > 3660)) problems['limit-days'] = t('adminEdit.guarantee.problems.days');
    if (!d.months.trim() && !d.days.trim()) problems['limit-months'] = t('adminEdit.guarantee.problems.noLimit');
  }
  const from = parseDate(d.inForceFrom);
  const until = parseDate(d.inForceUntil);
  if (d.inForceFrom.trim() && !from) problems['limit-in-force-from'] = t('adminEdit.problems.date');
  if (d.inForceUntil.trim() && !until) problems['limit-in-force-until'] = t('adminEdit.problems.date');
  else if (from && until && until < from) problems['limit-in-force-until'] = t('adminEdit.guarantee.problems.dates');
  Object.assign(problems, missingLanguages('limit-label', d.label, t('adminEdit.problems.language')));
  return problems;
}


export function describeGuaranteeChanges(before: CareGuaranteeConfig, after: CareGuaranteeConfig, t: TFunction, lang: Language): string[] {
  const name = (r: CareGuaranteeRule) => pickText(r.label, lang) || r.id;
  const was = new Map(before.rules.map((r) => [r.id, r]));
  const now = new Set(after.rules.map((r) => r.id));
  const lines: string[] = [];
  for (const rule of after.rules) {
    const old = was.get(rule.id);
    if (!old) lines.push(t('adminEdit.rules.changes.added', { rule: name(rule) }));
    else if (!sameValue(old, rule)) lines.push(t('adminEdit.guarantee.changed', { rule: name(rule), before: limitWords(old, t), after: limitWords(rule, t) }));
  }
  for (const rule of before.rules) if (!now.has(rule.id)) lines.push(t('adminEdit.rules.changes.removed', { rule: name(rule) }));
  return lines;
}

/** "3 months + 14 days from the contact", "3 working days from the assessment". */
export function limitWords(rule: CareGuaranteeRule, t: TFunction): string {
  const l = rule.limit;
  const span =
    l.workingDays !== undefined
      ? t('adminEdit.guarantee.workingDaysValue', { count: l.workingDays })
      : [l.months ? t('admin.guarantee.months', { count: l.months }) : '', l.days !== undefined ? t('admin.guarantee.days', { count: l.days }) : ''].filter(Boolean).join(' + ');
  return `${span} ${t(rule.from === 'assessment' ? 'adminEdit.guarantee.fromAssessment' : 'adminEdit.guarantee.fromContact')}`;
}
