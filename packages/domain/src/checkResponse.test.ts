import { describe, it, expect } from 'vitest';
import type { Questionnaire, QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { checkResponseAgainstQuestionnaire as check } from './checkResponse';
import { CONTACT_CODE_SYSTEMS, contactQuestionnaire } from './contactQuestionnaire';

const response = (item: QuestionnaireResponseItem[]): QuestionnaireResponse => ({
  resourceType: 'QuestionnaireResponse',
  status: 'completed',
  item,
});
const coding = (system: string, code: string): QuestionnaireResponseItem['answer'] => [{ valueCoding: { system, code } }];
const reason = (code: string): QuestionnaireResponseItem => ({ linkId: 'reason', answer: coding(CONTACT_CODE_SYSTEMS.reason, code) });
const yesNo = (linkId: string, value: boolean): QuestionnaireResponseItem => ({ linkId, answer: [{ valueBoolean: value }] });
const signs = (...codes: string[]): QuestionnaireResponseItem => ({
  linkId: 'danger-signs',
  answer: codes.map((code) => ({ valueCoding: { system: CONTACT_CODE_SYSTEMS.dangerSign, code } })),
});
const rest: QuestionnaireResponseItem[] = [
  signs('none'),
  { linkId: 'duration', answer: coding(CONTACT_CODE_SYSTEMS.duration, 'days') },
  { linkId: 'severity', answer: [{ valueInteger: 4 }] },
  { linkId: 'description', answer: [{ valueString: 'Selkä kipeä kolme päivää.' }] },
  { linkId: 'contact-preference', answer: coding(CONTACT_CODE_SYSTEMS.contactPreference, 'message') },
];
const contact = (...extra: QuestionnaireResponseItem[]) => check(contactQuestionnaire, response([...extra, ...rest]));
const withRest = (linkId: string, item: QuestionnaireResponseItem) =>
  check(contactQuestionnaire, response([reason('other'), ...rest.map((r) => (r.linkId === linkId ? item : r))]));

describe('checkResponseAgainstQuestionnaire — contact questionnaire', () => {
  it.each([
    ['back-pain', 'back-red-flags'],
    ['chest', 'chest-severe'],
    ['low-mood', 'self-harm'],
  ])('accepts a complete %s contact with its follow-up question', (code, followUp) => {
    expect(contact(reason(code), yesNo(followUp, false))).toEqual([]);
  });
  it.each(['money-housing', 'child-family', 'other'])('accepts a complete %s contact', (code) => {
    expect(contact(reason(code))).toEqual([]);
  });
  it('accepts a contact without the optional severity', () => {
    expect(check(contactQuestionnaire, response([reason('other'), ...rest.filter((r) => r.linkId !== 'severity')]))).toEqual([]);
  });

  it('lists every missing required item', () => {
    expect(check(contactQuestionnaire, response([]))).toEqual([
      { linkId: 'danger-signs', message: 'Required item "danger-signs" is not answered' },
      { linkId: 'reason', message: 'Required item "reason" is not answered' },
      { linkId: 'duration', message: 'Required item "duration" is not answered' },
      { linkId: 'description', message: 'Required item "description" is not answered' },
      { linkId: 'contact-preference', message: 'Required item "contact-preference" is not answered' },
    ]);
  });
  it('treats an item without answers as missing', () => {
    expect(withRest('description', { linkId: 'description', answer: [] })).toEqual([
      { linkId: 'description', message: 'Required item "description" is not answered' },
    ]);
  });
  it('requires the follow-up question once it is enabled', () => {
    expect(contact(reason('chest'))).toEqual([{ linkId: 'chest-severe', message: 'Required item "chest-severe" is not answered' }]);
  });
  it('refuses answers to a follow-up question that is not enabled', () => {
    expect(contact(reason('back-pain'), yesNo('back-red-flags', false), yesNo('self-harm', true))).toEqual([
      { linkId: 'self-harm', message: 'Item "self-harm" must not be answered: its enableWhen conditions are not met' },
    ]);
  });
  it('reports unknown linkIds', () => {
    expect(contact(reason('other'), { linkId: 'favourite-colour', answer: [{ valueString: 'blue' }] })).toEqual([
      { linkId: 'favourite-colour', message: 'Unknown item "favourite-colour": the questionnaire has no such item here' },
    ]);
  });
  it('reports the wrong answer type for the item type', () => {
    expect(contact(reason('chest'), { linkId: 'chest-severe', answer: [{ valueString: 'yes' }] })).toEqual([
      { linkId: 'chest-severe', message: 'Item "chest-severe" (type boolean) takes valueBoolean, not valueString' },
    ]);
    expect(withRest('severity', { linkId: 'severity', answer: [{ valueDecimal: 4.5 }] })).toEqual([
      { linkId: 'severity', message: 'Item "severity" (type integer) takes valueInteger, not valueDecimal' },
    ]);
    expect(check(contactQuestionnaire, response([{ linkId: 'reason', answer: [{ valueString: 'chest' }] }, ...rest]))).toEqual([
      { linkId: 'reason', message: 'Item "reason" (type choice) takes valueCoding, not valueString' },
    ]);
  });
  it('reports a JSON value of the wrong kind', () => {
    expect(withRest('severity', { linkId: 'severity', answer: [{ valueInteger: 4.5 }] })).toEqual([
      { linkId: 'severity', message: 'The valueInteger answer to "severity" is not a valid value: 4.5' },
    ]);
  });
  it('reports a coding that is not an answer option (code or system)', () => {
    expect(contact(reason('headache'))).toEqual([
      {
        linkId: 'reason',
        message: 'The answer code "headache" (https://fhir.ovi.fi/CodeSystem/contact-reason) to "reason" is not one of its answer options',
      },
    ]);
    expect(contact({ linkId: 'reason', answer: coding('http://example.org/other', 'other') })).toHaveLength(1);
    expect(contact({ linkId: 'reason', answer: [{ valueCoding: { code: 'other' } }] })).toEqual([
      { linkId: 'reason', message: 'The answer code "other" to "reason" is not one of its answer options' },
    ]);
  });
  it.each([
    [0, []],
    [10, []],
    [-1, ['The answer -1 to "severity" is below the minimum 0']],
    [11, ['The answer 11 to "severity" is above the maximum 10']],
  ])('checks severity %i against 0–10', (value, messages) => {
    expect(withRest('severity', { linkId: 'severity', answer: [{ valueInteger: value }] }).map((i) => i.message)).toEqual(messages);
  });
  it('checks the description length in characters (2000 allowed, 2001 not)', () => {
    const text = (n: number) => ({ linkId: 'description', answer: [{ valueString: 'ä'.repeat(n) }] });
    expect(withRest('description', text(2000))).toEqual([]);
    expect(withRest('description', text(2001))).toEqual([
      { linkId: 'description', message: 'The answer to "description" is 2001 characters long; the maximum is 2000' },
    ]);
    expect(withRest('description', { linkId: 'description', answer: [{ valueString: '😀'.repeat(2000) }] })).toEqual([]);
  });
  it('rejects a blank description', () => {
    expect(withRest('description', { linkId: 'description', answer: [{ valueString: '   ' }] })).toEqual([
      { linkId: 'description', message: 'The answer to "description" is blank' },
    ]);
  });
  it('rejects more than one answer to a non-repeating item', () => {
    const two = { linkId: 'reason', answer: [...coding(CONTACT_CODE_SYSTEMS.reason, 'other')!, ...coding(CONTACT_CODE_SYSTEMS.reason, 'chest')!] };
    expect(contact(two, yesNo('chest-severe', false))).toEqual([
      { linkId: 'reason', message: 'Item "reason" takes one answer but has 2' },
    ]);
    expect(contact(reason('other'), reason('other')).map((i) => i.message)).toEqual([
      'Item "reason" occurs 2 times but does not repeat',
      'Item "reason" takes one answer but has 2',
    ]);
  });
  it('accepts several danger signs as several codings, in one item or repeated items', () => {
    expect(withRest('danger-signs', signs('chest', 'stroke', 'danger-to-others'))).toEqual([]);
    expect(check(contactQuestionnaire, response([reason('other'), signs('chest'), signs('bleeding'), ...rest.slice(1)]))).toEqual([]);
  });
  it('refuses "none of these" together with a danger sign (the option is exclusive)', () => {
    expect(withRest('danger-signs', signs('none', 'chest'))).toEqual([
      {
        linkId: 'danger-signs',
        message: 'The answer code "none" (https://fhir.ovi.fi/CodeSystem/danger-sign) to "danger-signs" cannot be given together with other answers',
      },
    ]);
    expect(check(contactQuestionnaire, response([reason('other'), signs('stroke'), ...rest]))).toHaveLength(1);
  });
  it('refuses the same danger sign twice', () => {
    expect(withRest('danger-signs', signs('chest', 'chest')).map((i) => i.message)).toEqual([
      'The answer code "chest" (https://fhir.ovi.fi/CodeSystem/danger-sign) to "danger-signs" is given twice',
    ]);
    expect(withRest('danger-signs', signs('none', 'none')).map((i) => i.message)).toEqual([
      'The answer code "none" (https://fhir.ovi.fi/CodeSystem/danger-sign) to "danger-signs" is given twice',
    ]);
  });
  it('refuses an unknown danger sign', () => {
    expect(withRest('danger-signs', signs('headache')).map((i) => i.message)).toEqual([
      'The answer code "headache" (https://fhir.ovi.fi/CodeSystem/danger-sign) to "danger-signs" is not one of its answer options',
    ]);
  });
  it('requires exactly one value[x] per answer', () => {
    expect(withRest('severity', { linkId: 'severity', answer: [{}] })[0]?.message).toBe(
      'An answer to "severity" must have exactly one value[x], found none',
    );
    expect(withRest('severity', { linkId: 'severity', answer: [{ valueInteger: 1, valueString: '1' }] })[0]?.message).toBe(
      'An answer to "severity" must have exactly one value[x], found valueInteger, valueString',
    );
  });
});

describe('checkResponseAgainstQuestionnaire — nesting and enableWhen chains', () => {
  const q: Questionnaire = {
    resourceType: 'Questionnaire',
    status: 'active',
    item: [
      { linkId: 'a', type: 'boolean', required: true },
      { linkId: 'b', type: 'boolean', required: true, enableWhen: [{ question: 'a', operator: '=', answerBoolean: true }] },
      { linkId: 'c', type: 'string', required: true, enableWhen: [{ question: 'b', operator: '=', answerBoolean: true }] },
      {
        linkId: 'g',
        type: 'group',
        required: true,
        repeats: true,
        item: [
          { linkId: 'g.name', type: 'string', required: true },
          { linkId: 'g.kids', type: 'integer', item: [{ linkId: 'g.kids.ages', type: 'string' }] },
        ],
      },
      { linkId: 'note', type: 'display', text: 'Thanks' },
    ],
  };
  const group = (name?: string): QuestionnaireResponseItem => ({
    linkId: 'g',
    item: name ? [{ linkId: 'g.name', answer: [{ valueString: name }] }] : [],
  });

  it('accepts a full chain and repeated groups with nested answers', () => {
    const kids = { linkId: 'g.kids', answer: [{ valueInteger: 2, item: [{ linkId: 'g.kids.ages', answer: [{ valueString: '3, 5' }] }] }] };
    const g2 = { ...group('Bo'), item: [...(group('Bo').item ?? []), kids] };
    expect(check(q, response([yesNo('a', true), yesNo('b', true), { linkId: 'c', answer: [{ valueString: 'x' }] }, group('Aino'), g2]))).toEqual([]);
  });
  it('disables the whole chain when the first answer turns it off', () => {
    const issues = check(q, response([yesNo('a', false), yesNo('b', true), { linkId: 'c', answer: [{ valueString: 'x' }] }, group('A')]));
    expect(issues).toEqual([
      { linkId: 'b', message: 'Item "b" must not be answered: its enableWhen conditions are not met' },
      { linkId: 'c', message: 'Item "c" must not be answered: its enableWhen conditions are not met' },
    ]);
  });
  it('checks required items inside a group and a missing required group', () => {
    expect(check(q, response([yesNo('a', false), group()]))).toEqual([
      { linkId: 'g.name', message: 'Required item "g.name" is not answered' },
    ]);
    expect(check(q, response([yesNo('a', false)]))).toEqual([{ linkId: 'g', message: 'Required group "g" is missing' }]);
  });
  it('knows where an item belongs', () => {
    const misplaced = check(q, response([yesNo('a', false), group('A'), { linkId: 'g.name', answer: [{ valueString: 'x' }] }]));
    expect(misplaced).toEqual([{ linkId: 'g.name', message: 'Unknown item "g.name": the questionnaire has no such item here' }]);
    const underItem = { linkId: 'g.kids', answer: [{ valueInteger: 1 }], item: [{ linkId: 'g.kids.ages' }] };
    expect(check(q, response([yesNo('a', false), { ...group('A'), item: [...(group('A').item ?? []), underItem] }]))).toEqual([
      { linkId: 'g.kids', message: 'Nested items of question "g.kids" belong under its answer, not under the item' },
    ]);
  });
  it('refuses answers to display items and groups', () => {
    expect(check(q, response([yesNo('a', false), group('A'), { linkId: 'note', answer: [{ valueString: 'hi' }] }]))).toEqual([
      { linkId: 'note', message: 'Item "note" is display text and cannot be answered' },
    ]);
    expect(check(q, response([yesNo('a', false), { ...group('A'), answer: [{ valueString: 'x' }] }]))).toEqual([
      { linkId: 'g', message: 'Group "g" cannot have answers of its own' },
    ]);
  });
  it('accepts a questionnaire without items only with an empty response', () => {
    const empty: Questionnaire = { resourceType: 'Questionnaire', status: 'active' };
    expect(check(empty, response([]))).toEqual([]);
    expect(check(empty, response([yesNo('x', true)]))).toHaveLength(1);
  });
});
