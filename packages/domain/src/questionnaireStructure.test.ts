import type { Questionnaire } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { contactQuestionnaire } from './contactQuestionnaire';
import { checkQuestionnaireStructure, isHelpItem, ITEM_CONTROL_URL } from './questionnaireStructure';
import { translationsElement } from './translation';

const copy = (): Questionnaire & { item: NonNullable<Questionnaire['item']> } => structuredClone(contactQuestionnaire) as never;
const texts = (fi: string) => ({ text: fi, _text: translationsElement({ fi, sv: `${fi} (sv)`, en: `${fi} (en)` }) });
const messages = (q: Questionnaire) => checkQuestionnaireStructure(q).map((p) => p.message);
const itemOf = (q: Questionnaire, linkId: string) => q.item!.find((i) => i.linkId === linkId)!;

describe('checkQuestionnaireStructure', () => {
  it('finds nothing wrong with the built-in contact questionnaire', () => {
    expect(checkQuestionnaireStructure(contactQuestionnaire)).toEqual([]);
  });

  it('refuses a linkId used twice, naming the second item', () => {
    const q = copy();
    q.item.push({ linkId: 'reason', type: 'string', ...texts('Toinen') });
    expect(checkQuestionnaireStructure(q)).toContainEqual({ expression: `Questionnaire.item[${q.item.length - 1}].linkId`, linkId: 'reason', message: 'The linkId "reason" is used by two items.' });
  });

  it('refuses a linkId with spaces and an empty one', () => {
    const q = copy();
    q.item.push({ linkId: 'two words', type: 'string', ...texts('A') }, { linkId: '', type: 'string', ...texts('B') });
    expect(messages(q).filter((m) => m.includes('not a usable linkId'))).toHaveLength(2);
  });

  it('refuses an item without Swedish or English text, naming the languages', () => {
    const q = copy();
    q.item.push({ linkId: 'extra', type: 'string', text: 'Vain suomeksi' });
    expect(messages(q)).toContain('Item "extra" has no text in sv, en.');
  });

  it('refuses a title without all three languages', () => {
    const q = copy() as Questionnaire & { _title?: unknown };
    delete q._title;
    expect(messages(q)).toContain('The title has no text in sv, en.');
  });

  it('refuses a choice without options, an option without a code and a code used twice', () => {
    const q = copy();
    q.item.push({ linkId: 'empty-choice', type: 'choice', ...texts('Valitse') });
    const reason = itemOf(q, 'reason');
    reason.answerOption!.push({ valueCoding: { display: 'Ei koodia' } }, structuredClone(reason.answerOption![0]!));
    const found = messages(q);
    expect(found).toContain('Choice "empty-choice" has no answer options.');
    expect(found.some((m) => m.startsWith('Answer 7 of "reason" has no code'))).toBe(true);
    expect(found).toContain('The code "back-pain" is used twice in "reason".');
  });

  it('refuses an answer whose text is missing in a language', () => {
    const q = copy();
    itemOf(q, 'duration').answerOption!.push({ valueCoding: { code: 'years', display: 'Vuosia' } });
    expect(messages(q)).toContain('The answer "years" of "duration" has no text in sv, en.');
  });

  it('refuses answer options on an item that is not a choice, and repeats on a yes/no question', () => {
    const q = copy();
    q.item.push({ linkId: 'flag', type: 'boolean', repeats: true, answerOption: [{ valueCoding: { code: 'x' } }], ...texts('Kyllä?') });
    const found = messages(q);
    expect(found).toContain('Item "flag" is a boolean item: only a choice has answer options.');
    expect(found).toContain('Only a choice can take several answers; "flag" is a boolean item.');
  });

  it('refuses a type the forms cannot show, a required display item and an empty group', () => {
    const q = copy();
    q.item.push({ linkId: 'when', type: 'dateTime', ...texts('Milloin?') }, { linkId: 'note', type: 'display', required: true, ...texts('Huom') }, { linkId: 'box', type: 'group', ...texts('Ryhmä') });
    const found = messages(q);
    expect(found.some((m) => m.startsWith('Item "when" has the type "dateTime"'))).toBe(true);
    expect(found).toContain('Item "note" only shows text: it cannot be required or repeat.');
    expect(found).toContain('Group "box" has no questions.');
  });

  it('refuses a condition on a question that does not exist or comes later', () => {
    const q = copy();
    itemOf(q, 'duration').enableWhen = [{ question: 'nowhere', operator: 'exists', answerBoolean: true }];
    itemOf(q, 'reason').enableWhen = [{ question: 'duration', operator: 'exists', answerBoolean: true }];
    const found = checkQuestionnaireStructure(q);
    expect(found).toContainEqual(expect.objectContaining({ linkId: 'duration', message: 'Condition 1 of "duration" asks about "nowhere", which is not a question before it.' }));
    expect(found).toContainEqual(expect.objectContaining({ linkId: 'reason', expression: 'Questionnaire.item[1].enableWhen[0].question' }));
  });

  it('refuses a condition whose answer the earlier question cannot give', () => {
    const q = copy();
    q.item.push(
      { linkId: 'a', type: 'string', enableWhen: [{ question: 'reason', operator: '=', answerCoding: { code: 'toothache' } }], ...texts('A') },
      { linkId: 'b', type: 'string', enableWhen: [{ question: 'chest-severe', operator: '=', answerInteger: 1 }], ...texts('B') },
      { linkId: 'c', type: 'string', enableWhen: [{ question: 'severity', operator: '>', answerInteger: 5 }], ...texts('C') },
      { linkId: 'd', type: 'string', enableWhen: [{ question: 'reason', operator: '>', answerCoding: { code: 'other' } }], ...texts('D') },
      { linkId: 'e', type: 'string', enableWhen: [{ question: 'severity', operator: 'exists', answerBoolean: true }, { question: 'duration', operator: '=', answerCoding: { code: 'days' } }], ...texts('E') },
    );
    const found = messages(q);
    expect(found).toContain('Condition 1 of "a": "reason" has no answer option "toothache".');
    expect(found).toContain('Condition 1 of "b": it must compare with yes (true) or no (false).');
    expect(found.filter((m) => m.includes('"c"'))).toEqual([]);
    expect(found).toContain('Condition 1 of "d": a choice can only be compared with = or !=.');
    expect(found).toContain('Item "e" has several conditions: say whether all or any of them must hold.');
  });

  it('accepts a new question shown when an earlier answer holds, and recognises a help text', () => {
    const q = copy();
    const help = { linkId: 'pets-help', type: 'display' as const, ...texts('Esimerkiksi koira'), extension: [{ url: ITEM_CONTROL_URL, valueCodeableConcept: { coding: [{ code: 'help' }] } }] };
    q.item.push({ linkId: 'pets', type: 'boolean', required: true, enableWhen: [{ question: 'reason', operator: '=', answerCoding: { code: 'other' } }], ...texts('Onko lemmikkejä?'), item: [help] });
    expect(checkQuestionnaireStructure(q)).toEqual([]);
    expect(isHelpItem(help)).toBe(true);
    expect(isHelpItem({ linkId: 'x', type: 'display' })).toBe(false);
  });
});
