import { describe, it, expect } from 'vitest';
import type { QuestionnaireItem, QuestionnaireItemEnableWhen, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { disabledLinkIds, enableWhenHolds, isItemEnabled } from './enableWhen';

type A = QuestionnaireResponseItemAnswer;
const lookupOf = (answers: Record<string, A[]>) => (linkId: string) => answers[linkId] ?? [];
const holds = (ew: Omit<QuestionnaireItemEnableWhen, 'question'>, answers: A[]) =>
  enableWhenHolds({ question: 'q', ...ew }, lookupOf({ q: answers }));

describe('enableWhenHolds', () => {
  it('exists', () => {
    expect(holds({ operator: 'exists', answerBoolean: true }, [{ valueString: 'x' }])).toBe(true);
    expect(holds({ operator: 'exists', answerBoolean: true }, [])).toBe(false);
    expect(holds({ operator: 'exists', answerBoolean: false }, [])).toBe(true);
    expect(holds({ operator: 'exists', answerBoolean: false }, [{ valueBoolean: false }])).toBe(false);
  });
  it('= and != on booleans, including no answer', () => {
    expect(holds({ operator: '=', answerBoolean: true }, [{ valueBoolean: true }])).toBe(true);
    expect(holds({ operator: '=', answerBoolean: true }, [{ valueBoolean: false }])).toBe(false);
    expect(holds({ operator: '=', answerBoolean: true }, [])).toBe(false);
    expect(holds({ operator: '!=', answerBoolean: true }, [{ valueBoolean: false }])).toBe(true);
    expect(holds({ operator: '!=', answerBoolean: true }, [{ valueBoolean: true }])).toBe(false);
    expect(holds({ operator: '!=', answerBoolean: true }, [])).toBe(true);
  });
  it('codings match on system and code; a missing system matches any', () => {
    const want = { system: 's', code: 'c' };
    expect(holds({ operator: '=', answerCoding: want }, [{ valueCoding: { system: 's', code: 'c' } }])).toBe(true);
    expect(holds({ operator: '=', answerCoding: want }, [{ valueCoding: { code: 'c' } }])).toBe(true);
    expect(holds({ operator: '=', answerCoding: want }, [{ valueCoding: { system: 't', code: 'c' } }])).toBe(false);
    expect(holds({ operator: '=', answerCoding: want }, [{ valueCoding: { system: 's', code: 'd' } }])).toBe(false);
    expect(holds({ operator: '!=', answerCoding: want }, [{ valueCoding: { system: 's', code: 'd' } }])).toBe(true);
    expect(holds({ operator: '=', answerCoding: want }, [{ valueCoding: { code: 'x' } }, { valueCoding: want }])).toBe(true);
  });
  it.each([
    ['>', 5, false],
    ['>', 6, true],
    ['>=', 5, true],
    ['>=', 4, false],
    ['<', 5, false],
    ['<', 4, true],
    ['<=', 5, true],
    ['<=', 6, false],
  ] as const)('%s 5 with answer %i → %s', (operator, value, expected) => {
    expect(holds({ operator, answerInteger: 5 }, [{ valueInteger: value }])).toBe(expected);
  });
  it('compares integers and decimals with each other', () => {
    expect(holds({ operator: '>', answerDecimal: 2.5 }, [{ valueInteger: 3 }])).toBe(true);
    expect(holds({ operator: '=', answerInteger: 3 }, [{ valueDecimal: 3 }])).toBe(true);
  });
  it('orders dates and strings; ignores answers of another type', () => {
    expect(holds({ operator: '<', answerDate: '2025-01-01' }, [{ valueDate: '2024-12-31' }])).toBe(true);
    expect(holds({ operator: '>=', answerString: 'b' }, [{ valueString: 'a' }])).toBe(false);
    expect(holds({ operator: '>', answerInteger: 1 }, [{ valueString: '5' }])).toBe(false);
  });
  it('compares quantities only in the same unit', () => {
    const want = { value: 38, unit: 'Cel' };
    expect(holds({ operator: '>=', answerQuantity: want }, [{ valueQuantity: { value: 38.5, unit: 'Cel' } }])).toBe(true);
    expect(holds({ operator: '>=', answerQuantity: want }, [{ valueQuantity: { value: 100, unit: '[degF]' } }])).toBe(false);
  });
  it('compares references by their reference string', () => {
    const want = { reference: 'Patient/1' };
    expect(holds({ operator: '=', answerReference: want }, [{ valueReference: { reference: 'Patient/1' } }])).toBe(true);
    expect(holds({ operator: '=', answerReference: want }, [{ valueReference: { reference: 'Patient/2' } }])).toBe(false);
  });
});

describe('isItemEnabled', () => {
  const item = (enableBehavior?: 'all' | 'any'): QuestionnaireItem => ({
    linkId: 'x',
    type: 'string',
    enableBehavior,
    enableWhen: [
      { question: 'a', operator: '=', answerBoolean: true },
      { question: 'b', operator: '=', answerBoolean: true },
    ],
  });
  const one = lookupOf({ a: [{ valueBoolean: true }], b: [{ valueBoolean: false }] });
  const both = lookupOf({ a: [{ valueBoolean: true }], b: [{ valueBoolean: true }] });
  it('is enabled without conditions', () => {
    expect(isItemEnabled({ linkId: 'x', type: 'string' }, one)).toBe(true);
  });
  it('needs all conditions by default and with "all"', () => {
    expect(isItemEnabled(item(), one)).toBe(false);
    expect(isItemEnabled(item('all'), one)).toBe(false);
    expect(isItemEnabled(item('all'), both)).toBe(true);
  });
  it('needs one condition with "any"', () => {
    expect(isItemEnabled(item('any'), one)).toBe(true);
    expect(isItemEnabled(item('any'), lookupOf({})), 'no answers').toBe(false);
  });
});

describe('disabledLinkIds', () => {
  const items: QuestionnaireItem[] = [
    { linkId: 'c', type: 'boolean', enableWhen: [{ question: 'b', operator: '=', answerBoolean: true }] },
    { linkId: 'b', type: 'boolean', enableWhen: [{ question: 'a', operator: '=', answerBoolean: true }] },
    { linkId: 'a', type: 'boolean' },
    {
      linkId: 'g',
      type: 'group',
      enableWhen: [{ question: 'a', operator: '=', answerBoolean: true }],
      item: [{ linkId: 'g1', type: 'string' }],
    },
  ];
  it('follows chains in any order and disables the children of a disabled group', () => {
    const answers = new Map<string, A[]>([
      ['a', [{ valueBoolean: false }]],
      ['b', [{ valueBoolean: true }]],
    ]);
    expect([...disabledLinkIds(items, answers)].sort()).toEqual(['b', 'c', 'g', 'g1']);
  });
  it('enables the chain when the root answer allows it', () => {
    const answers = new Map<string, A[]>([
      ['a', [{ valueBoolean: true }]],
      ['b', [{ valueBoolean: true }]],
    ]);
    expect([...disabledLinkIds(items, answers)]).toEqual([]);
  });
});
