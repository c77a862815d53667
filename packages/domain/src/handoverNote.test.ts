import { describe, expect, it } from 'vitest';
import { handoverOf, withoutStaffOnlyParts } from './handoverNote';

const input = (code: string, valueString: string) => ({ type: { coding: [{ system: 'https://fhir.ovi.fi/CodeSystem/task-parameter', code }] }, valueString });

describe('the hand-over note', () => {
  it('is read from the Task and left out of what a resident reads', () => {
    const task = { resourceType: 'Task', id: 't1', input: [input('urgency', 'x'), input('handover', 'Soita aamulla')] };
    expect(handoverOf(task)).toBe('Soita aamulla');
    const seen = withoutStaffOnlyParts(task);
    expect(seen.input).toEqual([input('urgency', 'x')]);
    expect(handoverOf(seen)).toBeUndefined();
    expect(task.input).toHaveLength(2); // the stored Task is not changed
  });

  it('leaves other resources and Tasks without a note as they are', () => {
    const plain = { resourceType: 'Task', input: [input('urgency', 'x')] };
    expect(withoutStaffOnlyParts(plain)).toBe(plain);
    const other = { resourceType: 'Communication', input: [input('handover', 'x')] };
    expect(withoutStaffOnlyParts(other)).toBe(other);
    expect(withoutStaffOnlyParts({ resourceType: 'Task', input: [input('handover', 'x')] })).toEqual({ resourceType: 'Task' });
  });
});
