import type { SearchFilter, SearchRequest, SortRule } from '../fhir/searchRequest';
import { parseDateValue } from '../fhir/searchRequest';
import { indexedParameters } from '../fhir/searchParameters';
import { DATE_RULES, approximateRange, dateRuleSql } from '../fhir/datePrefixes';
import { exactSearchText, foldSearchText } from '@ovi/domain/src/searchText';
import { nowMs } from '../time/clock';

/** Builds parameterised SQL for a search; values never enter the SQL text. */
export class SearchSql {
  readonly params: unknown[] = [];

  constructor(private readonly request: SearchRequest) {
    this.params.push(request.resourceType);
  }

  private bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  where(): string {
    return ['r.resource_type = $1', ...this.request.filters.map((f) => this.condition(f))].join(' AND ');
  }

  orderBy(): string {
    const rules = this.request.sort.map((s) => `${this.sortExpression(s)} ${s.descending ? 'DESC' : 'ASC'} NULLS LAST`);
    return [...rules, ...(rules.length === 0 ? ['r.last_updated DESC'] : []), 'r.id'].join(', ');
  }

  private condition(f: SearchFilter): string {
    if (f.modifier === 'missing') {
      const present = `r.id IN (${this.indexRow(f)})`;
      return f.values[0] === 'true' ? `NOT ${present}` : present;
    }
    return `(${f.values.map((v) => this.alternative(f, v)).join(' OR ')})`;
  }

  /** Ids of the resources with an index row of this parameter that meets `extra`; driven by the index. */
  private indexRow(f: SearchFilter, extra = 'TRUE'): string {
    const table = f.kind === 'string' ? 'search_string' : f.kind === 'date' ? 'search_date' : 'search_token';
    return `SELECT x.resource_id FROM ${table} x WHERE x.resource_type = $1 AND x.param = ${this.bind(f.code)} AND ${extra}`;
  }

  private alternative(f: SearchFilter, value: string): string {
    switch (f.kind) {
      case 'id':
        return `r.id = ${this.bind(value)}`;
      case 'lastUpdated':
        return this.dateCondition(f.code, value, 'r.last_updated', 'r.last_updated');
      case 'date':
        return `r.id IN (${this.indexRow(f, this.dateCondition(f.code, value, 'x.low', 'x.high'))})`;
      case 'string':
        return `r.id IN (${this.indexRow(f, this.stringCondition(f, value))})`;
      case 'reference':
        return `r.id IN (${this.indexRow(f, `x.value = ANY(${this.bind(this.referenceValues(f.code, value))}::text[])`)})`;
      default:
        return `r.id IN (${this.indexRow(f, this.tokenCondition(value))})`;
    }
  }

  /** Folded on both sides (storage/searchIndexer.ts folds the index the same way). */
  private stringCondition(f: SearchFilter, value: string): string {
    if (f.modifier === 'exact') return `x.exact = ${this.bind(exactSearchText(value))}`;
    const escaped = foldSearchText(value).replace(/[\\%_]/g, (c) => `\\${c}`);
    const pattern = f.modifier === 'contains' ? `%${escaped}%` : `${escaped}%`;
    return `x.value LIKE ${this.bind(pattern)}`;
  }

  private tokenCondition(value: string): string {
    const bar = value.indexOf('|');
    if (bar < 0) return `x.value = ${this.bind(value)}`;
    const system = value.slice(0, bar);
    const code = value.slice(bar + 1);
    const parts = [system ? `x.system = ${this.bind(system)}` : 'x.system IS NULL'];
    if (code) parts.push(`x.value = ${this.bind(code)}`);
    return parts.join(' AND ');
  }

  /** "Patient/1", or a bare id matched against every target type. */
  private referenceValues(code: string, value: string): string[] {
    const relative = value.replace(/^.*\/fhir\/R4\//, '');
    if (relative.includes('/')) return [relative];
    const targets = indexedParameters(this.request.resourceType).get(code)?.targets ?? [];
    return targets.map((t) => `${t}/${relative}`);
  }

  /** R4's prefix rules (fhir/datePrefixes.ts) over the target's range `low`..`high`. */
  private dateCondition(key: string, value: string, low: string, high: string): string {
    const parsed = parseDateValue(key, value);
    const [searchLow, searchHigh] = parsed.prefix === 'ap' ? approximateRange(parsed.low, parsed.high, nowMs()) : [parsed.low, parsed.high];
    const at = (instant: string) => `${this.bind(instant)}::timestamptz`;
    return dateRuleSql(DATE_RULES[parsed.prefix], { targetLow: () => low, targetHigh: () => high, searchLow: () => at(searchLow), searchHigh: () => at(searchHigh) });
  }

  private sortExpression(s: SortRule): string {
    if (s.kind === 'id') return 'r.id';
    if (s.kind === 'lastUpdated') return 'r.last_updated';
    // Strings sort by their Finnish/Swedish key in plain code-point order, the same in PGlite and PostgreSQL.
    const [table, column] = s.kind === 'date' ? ['search_date', 'low'] : s.kind === 'string' ? ['search_string', 'sort_key COLLATE "C"'] : ['search_token', 'value'];
    const fn = s.descending ? 'max' : 'min';
    return `(SELECT ${fn}(x.${column}) FROM ${table} x WHERE x.resource_type = r.resource_type AND x.resource_id = r.id AND x.param = ${this.bind(s.code)})`;
  }
}
