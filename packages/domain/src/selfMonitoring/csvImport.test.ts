import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_ROWS, parseMeasurementCsv, parseMeterTime } from './csvImport';

const now = new Date('2026-03-10T12:00:00Z');

describe('reading a home meter’s CSV export', () => {
  it('reads a blood pressure meter’s file with Finnish times', () => {
    const r = parseMeasurementCsv('Date;Time;SYS;DIA;Pulse\n1.3.2026;7:30;142;91;70\n1.3.2026;21:05;131;84;66\n', now);
    expect(r.fileProblems).toEqual([]);
    expect(r.rows.map((row) => row.measurement)).toEqual([
      { kind: 'blood-pressure', at: '2026-03-01T05:30:00.000Z', values: { systolic: 142, diastolic: 91, pulse: 70 }, contexts: [] },
      { kind: 'blood-pressure', at: '2026-03-01T19:05:00.000Z', values: { systolic: 131, diastolic: 84, pulse: 66 }, contexts: [] },
    ]);
  });

  it('reads typed rows with units, decimal commas and contexts', () => {
    const r = parseMeasurementCsv('time;type;value;unit;context\n2026-03-02T07:00:00+02:00;blood-glucose;5,8;mmol/L;fasting morning\n2026-03-02 08:00;weight;82,4;kg;\n', now);
    expect(r.rows.map((row) => [row.line, row.measurement?.values, row.measurement?.contexts])).toEqual([[2, { glucose: 5.8 }, ['fasting', 'morning']], [3, { weight: 82.4 }, []]]);
  });

  it('reports each broken row with its line and what is wrong, and keeps the good rows', () => {
    const csv = ['time,systolic,diastolic,pulse', '2026-03-01T07:00:00+02:00,400,90,70', 'yesterday,140,90,70', '2026-03-01T08:00:00+02:00,140,abc,70', '', '2026-03-01T09:00:00+02:00,138,88,', '2026-03-20T09:00:00+02:00,138,88,60', '"2026-03-01T10:00:00+02:00",90,140,60'].join('\r\n');
    const r = parseMeasurementCsv(csv, now);
    expect(r.rows.map((row) => [row.line, row.problems.map((p) => p.field)])).toEqual([
      [2, ['systolic']],
      [3, ['at']],
      [4, ['diastolic']],
      [6, []],
      [7, ['at']],
      [8, ['diastolic']],
    ]);
    expect(r.rows[0]?.problems[0]?.message).toMatch(/400 mm\[Hg\] is not possible/);
    expect(r.rows[3]?.measurement?.values).toEqual({ systolic: 138, diastolic: 88 });
  });

  it('refuses a wrong unit on a row', () => {
    expect(parseMeasurementCsv('time,type,value,unit\n2026-03-01T07:00:00Z,blood-glucose,110,mg/dL', now).rows[0]?.problems[0]?.message).toMatch(/mmol\/L/);
  });

  it('refuses files it cannot read as a whole', () => {
    expect(parseMeasurementCsv('', now).fileProblems.length).toBeGreaterThan(0);
    expect(parseMeasurementCsv('time,systolic,diastolic\n', now).fileProblems).toEqual(['The file has no measurements']);
    expect(parseMeasurementCsv('when,systolic\n1,2', now).fileProblems[0]).toMatch(/Unknown columns: when/);
    const big = ['time,weight', ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => '2026-03-01T07:00:00Z,80')].join('\n');
    expect(parseMeasurementCsv(big, now).fileProblems[0]).toMatch(/at most/);
  });

  it('says a row without a measurement has none', () => {
    expect(parseMeasurementCsv('time,type,value\n2026-03-01T07:00:00Z,temperature,37', now).rows[0]?.problems[0]?.field).toBe('kind');
  });

  it('reads meter times as Helsinki time and refuses impossible dates', () => {
    expect(parseMeterTime('1.7.2026 7.30')).toBe('2026-07-01T04:30:00.000Z');
    expect(parseMeterTime('2026-03-01T07:30:00+02:00')).toBe('2026-03-01T07:30:00+02:00');
    expect(parseMeterTime('31.2.2026 7:30')).toBeUndefined();
    expect(parseMeterTime('2026-03-01')).toBeUndefined();
    expect(parseMeterTime('1.3.2026 25:00')).toBeUndefined();
  });
});
