import { describe, expect, it } from 'vitest';
import { MEASUREMENT_CONTEXT_EXTENSION, measurementObservation, readMeasurement } from './observation';
import type { Measurement } from './measures';

const facts = { patient: 'Patient/p1', issued: '2026-03-01T10:00:00.000Z', identifier: 'abc', language: 'fi' };
const bp: Measurement = { kind: 'blood-pressure', at: '2026-03-01T08:00:00+02:00', values: { systolic: 142, diastolic: 91, pulse: 70 }, contexts: ['morning'] };

describe('home measurements as Kanta PHR Observations', () => {
  it('writes a blood pressure with the PHR profile, panel code, components in mm[Hg], the resident as performer', () => {
    const obs = measurementObservation(bp, { ...facts, interpretation: 'H' });
    expect(obs.meta?.profile).toEqual(['http://phr.kanta.fi/StructureDefinition/fiphr-sd-bloodpressure']);
    expect(obs.code.coding?.[0]).toMatchObject({ system: 'http://loinc.org', code: '85354-9' });
    expect(obs.component?.map((c) => [c.code.coding?.[0]?.code, c.valueQuantity?.value, c.valueQuantity?.code])).toEqual([['8480-6', 142, 'mm[Hg]'], ['8462-4', 91, 'mm[Hg]'], ['8867-4', 70, '/min']]);
    expect(obs).toMatchObject({ status: 'final', performer: [{ reference: 'Patient/p1' }], subject: { reference: 'Patient/p1' }, issued: facts.issued, language: 'fi', effectiveDateTime: bp.at });
    expect(obs.text?.div).toContain('142/91');
    expect(obs.identifier?.[0]?.value).toBe('abc');
    expect(obs.interpretation?.[0]?.coding?.[0]?.code).toBe('H');
    expect(obs.extension).toEqual([{ url: MEASUREMENT_CONTEXT_EXTENSION, valueCode: 'morning' }]);
  });

  it('writes glucose, weight and PEF with their codes and units', () => {
    const g = measurementObservation({ kind: 'blood-glucose', at: bp.at, values: { glucose: 5.2 }, contexts: [] }, facts);
    expect([g.meta?.profile?.[0], g.code.coding?.[0]?.code, g.valueQuantity?.code]).toEqual(['http://phr.kanta.fi/StructureDefinition/fiphr-sd-bloodglucose', '15074-8', 'mmol/L']);
    const w = measurementObservation({ kind: 'weight', at: bp.at, values: { weight: 80 }, contexts: [] }, facts);
    expect([w.code.coding?.[0]?.code, w.valueQuantity?.code]).toEqual(['29463-7', 'kg']);
    const p = measurementObservation({ kind: 'pef', at: bp.at, values: { pef: 400 }, contexts: [] }, facts);
    expect([p.meta?.profile?.[0], p.code.coding?.[0]?.code, p.valueQuantity?.code]).toEqual(['http://phr.kanta.fi/StructureDefinition/fiphr-sd-vitalsigns', '19935-6', 'L/min']);
  });

  it('reads back what it writes', () => {
    const read = readMeasurement(measurementObservation(bp, facts));
    expect(read.problems).toEqual([]);
    expect(read.measurement).toEqual(bp);
    expect(read.units).toEqual({ systolic: 'mm[Hg]', diastolic: 'mm[Hg]', pulse: '/min' });
  });

  it('reads capillary glucose (14743-9) as glucose', () => {
    const obs = { ...measurementObservation({ kind: 'blood-glucose', at: bp.at, values: { glucose: 5.2 }, contexts: [] }, facts), code: { coding: [{ system: 'http://loinc.org', code: '14743-9' }] } };
    expect(readMeasurement(obs).measurement?.values).toEqual({ glucose: 5.2 });
  });

  it('says what is wrong with a device’s Observation', () => {
    const good = measurementObservation(bp, facts);
    expect(readMeasurement({ ...good, code: { coding: [{ system: 'http://loinc.org', code: '8310-5' }] } }).problems[0]?.message).toMatch(/not a home measurement/);
    expect(readMeasurement({ ...good, code: { coding: [{ system: 'http://snomed.info/sct', code: '75367002' }] } }).problems[0]?.field).toBe('code');
    expect(readMeasurement({ ...good, status: 'preliminary' }).problems.map((p) => p.field)).toEqual(['status']);
    expect(readMeasurement({ ...good, meta: { profile: ['http://phr.kanta.fi/StructureDefinition/fiphr-sd-bodyweight'] } }).problems.map((p) => p.field)).toEqual(['meta.profile']);
    const { effectiveDateTime: _e, ...noTime } = good;
    expect(readMeasurement(noTime).problems.map((p) => p.field)).toEqual(['effectiveDateTime']);
    const foreign = { ...good, component: [{ code: { coding: [{ system: 'http://loinc.org', code: '29463-7' }] }, valueQuantity: { value: 80, code: 'kg' } }] };
    expect(readMeasurement(foreign).problems[0]?.field).toBe('component[0]');
    const noSystem = { ...good, component: [{ code: { coding: [{ system: 'http://loinc.org', code: '8480-6' }] }, valueQuantity: { value: 80, system: 'http://example.org', code: 'mm[Hg]' } }] };
    expect(readMeasurement(noSystem).problems[0]?.message).toMatch(/UCUM/);
    expect(readMeasurement({ ...good, extension: [{ url: MEASUREMENT_CONTEXT_EXTENSION, valueCode: 'asleep' }] }).problems[0]?.field).toBe('contexts');
  });

  it('keeps the units a device sent so that a wrong one is refused later', () => {
    const w = measurementObservation({ kind: 'weight', at: bp.at, values: { weight: 180 }, contexts: [] }, facts);
    expect(readMeasurement({ ...w, valueQuantity: { value: 180, unit: 'lb', system: 'http://unitsofmeasure.org', code: '[lb_av]' } }).units).toEqual({ weight: '[lb_av]' });
  });
});
