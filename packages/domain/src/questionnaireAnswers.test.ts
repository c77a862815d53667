import { describe, it, expect } from 'vitest';
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { extractAnswers } from './questionnaireAnswers';
import { answerValue } from './responseAnswers';

describe('extractAnswers', () => {
  it('reads every value type, codings by their code', () => {
    const r: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      item: [
        { linkId: 'coding', answer: [{ valueCoding: { system: 's', code: 'back-pain', display: 'Selkä' } }] },
        { linkId: 'bool', answer: [{ valueBoolean: false }] },
        { linkId: 'int', answer: [{ valueInteger: 0 }] },
        { linkId: 'dec', answer: [{ valueDecimal: 2.5 }] },
        { linkId: 'str', answer: [{ valueString: 'hei' }] },
        { linkId: 'date', answer: [{ valueDate: '2025-06-16' }] },
        { linkId: 'dt', answer: [{ valueDateTime: '2025-06-16T10:00:00+03:00' }] },
        { linkId: 'time', answer: [{ valueTime: '10:00:00' }] },
        { linkId: 'uri', answer: [{ valueUri: 'https://example.org' }] },
        { linkId: 'qty', answer: [{ valueQuantity: { value: 38.2, unit: 'Cel' } }] },
        { linkId: 'ref', answer: [{ valueReference: { reference: 'Patient/1' } }] },
      ],
    };
    expect(extractAnswers(r)).toEqual({
      coding: ['back-pain'],
      bool: [false],
      int: [0],
      dec: [2.5],
      str: ['hei'],
      date: ['2025-06-16'],
      dt: ['2025-06-16T10:00:00+03:00'],
      time: ['10:00:00'],
      uri: ['https://example.org'],
      qty: [38.2],
      ref: ['Patient/1'],
    });
  });

  it('flattens groups, answer.item and repeats, keeping order', () => {
    const r: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      item: [
        { linkId: 'g', item: [{ linkId: 'name', answer: [{ valueString: 'A' }] }] },
        { linkId: 'g', item: [{ linkId: 'name', answer: [{ valueString: 'B' }] }] },
        {
          linkId: 'kids',
          answer: [{ valueInteger: 2, item: [{ linkId: 'ages', answer: [{ valueInteger: 3 }, { valueInteger: 5 }] }] }],
        },
      ],
    };
    expect(extractAnswers(r)).toEqual({ name: ['A', 'B'], kids: [2], ages: [3, 5] });
  });

  it('leaves out items without usable answers', () => {
    const r: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      status: 'in-progress',
      item: [{ linkId: 'empty' }, { linkId: 'none', answer: [] }, { linkId: 'nocode', answer: [{ valueCoding: { display: 'x' } }] }],
    };
    expect(extractAnswers(r)).toEqual({});
    expect(extractAnswers({ resourceType: 'QuestionnaireResponse', status: 'completed' })).toEqual({});
  });

  it('answerValue returns undefined for an empty answer', () => {
    expect(answerValue({})).toBeUndefined();
  });
});
