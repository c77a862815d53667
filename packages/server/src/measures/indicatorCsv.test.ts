import { describe, expect, it } from 'vitest';
import { indicatorById, publishIndicator, type IndicatorDefinition } from '@ovi/domain';
import { csvField, indicatorCsv } from './indicatorCsv';

describe('CSV of an indicator', () => {
  it('quotes fields as RFC 4180 asks and keeps formulas from running', () => {
    expect(csvField('Kokkola')).toBe('Kokkola');
    expect(csvField('Kokkola, keskusta')).toBe('"Kokkola, keskusta"');
    expect(csvField('Asema "Uusi"')).toBe('"Asema ""Uusi"""');
    expect(csvField('rivi\r\nkaksi')).toBe('"rivi\r\nkaksi"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-1)).toBe('-1');
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
  });

  it('starts with a byte-order mark, ends lines with CRLF, leaves hidden cells empty and marks them', () => {
    const definition = indicatorById('digital-share') as IndicatorDefinition;
    const published = publishIndicator(definition, [
      { stratifier: null, value: '', population: 40, numerators: { digital: 20 } },
      { stratifier: 'unit', value: 'Organization/a', population: 37, numerators: { digital: 18 } },
      { stratifier: 'unit', value: 'Organization/b', population: 3, numerators: { digital: 2 } },
    ]);
    const csv = indicatorCsv({ definition, published, period: { from: '2025-03-01', to: '2025-03-31' }, stratifier: 'unit', label: (_s, v) => (v === 'Organization/a' ? 'Asema A, Kälviä' : undefined) });
    expect(csv.startsWith('\uFEFFindicator,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toBe('digital-share,2025-03-01,2025-03-31,digital,,,,40,20,0.5,share,');
    // b is under five, so a is hidden too (40 − 37 would give b away).
    expect(lines[2]).toBe('digital-share,2025-03-01,2025-03-31,digital,unit,Organization/a,"Asema A, Kälviä",,,,share,suppressed');
    expect(lines[3]).toBe('digital-share,2025-03-01,2025-03-31,digital,unit,Organization/b,Organization/b,,,,share,suppressed');
  });
});
