import type { Questionnaire } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { contactQuestionnaire } from './contactQuestionnaire';
import { defaultRoutingRuleSet } from './defaultRoutingRules';
import { checkQuestionnaireChange } from './questionnaireChange';
import { describeQuestionnaireChange } from './questionnaireFindings';
import { defaultSafetyScreen } from './safety/defaultSafetyScreen';
import { translationsElement } from './translation';

const copy = (): Questionnaire & { item: NonNullable<Questionnaire['item']> } => structuredClone(contactQuestionnaire) as never;
const context = { previous: contactQuestionnaire, safetyScreen: defaultSafetyScreen, routing: defaultRoutingRuleSet };
const messages = (q: Questionnaire) => checkQuestionnaireChange(q, context).map((p) => p.message);
const itemOf = (q: Questionnaire, linkId: string) => q.item!.find((i) => i.linkId === linkId)!;
const texts = (fi: string) => ({ text: fi, _text: translationsElement({ fi, sv: `${fi} (sv)`, en: `${fi} (en)` }) });

describe('checkQuestionnaireChange', () => {
  it('accepts the questionnaire as it is, and a new conditional question', () => {
    expect(checkQuestionnaireChange(contactQuestionnaire, context)).toEqual([]);
    const q = copy();
    q.item.splice(3, 0, { linkId: 'pets', type: 'boolean', enableWhen: [{ question: 'reason', operator: '=', answerCoding: { code: 'other' } }], ...texts('Lemmikki?') });
    expect(checkQuestionnaireChange(q, context)).toEqual([]);
  });

  it('refuses removing the danger-sign question', () => {
    const q = copy();
    q.item.shift();
    expect(messages(q)).toContain('Danger-sign screen: questionLinkId: the questionnaire has no item "danger-signs"');
  });

  it('refuses moving the danger-sign question after another, making it optional or conditional', () => {
    const q = copy();
    const [signs, reason] = q.item;
    q.item[0] = { ...reason!, enableWhen: undefined };
    q.item[1] = { ...signs!, required: false, enableWhen: [{ question: 'reason', operator: 'exists', answerBoolean: true }] };
    const found = messages(q);
    expect(found).toContain('The danger-sign question "danger-signs" must stay the first question: someone in danger is told to call 112 before anything else.');
    expect(found).toContain('The danger-sign question "danger-signs" must stay required.');
    expect(found).toContain('The danger-sign question "danger-signs" must always be shown: it cannot have conditions.');
  });

  it('refuses removing a danger sign from the options', () => {
    const q = copy();
    itemOf(q, 'danger-signs').answerOption!.shift();
    expect(messages(q).some((m) => m.startsWith('Danger-sign screen: signs[0].code'))).toBe(true);
  });

  it('refuses removing or retyping the free text the danger-word scan reads', () => {
    const removed = copy();
    removed.item = removed.item.filter((i) => i.linkId !== 'description');
    expect(messages(removed)).toContain('Danger-sign screen: textLinkIds[0]: the questionnaire has no item "description"');
    const retyped = copy();
    itemOf(retyped, 'description').type = 'string';
    expect(messages(retyped)).toEqual([]);
    itemOf(retyped, 'description').type = 'integer';
    expect(messages(retyped)).toContain('"description" cannot change from text to integer: the danger-word scan read its answer as text.');
  });

  it('refuses making optional a required question a routing rule asks about', () => {
    const q = copy();
    itemOf(q, 'chest-severe').required = false;
    expect(messages(q).some((m) => m.startsWith('"chest-severe" must stay required: the routing rule'))).toBe(true);
  });

  it('refuses removing an answer option a routing rule names, naming the rule', () => {
    const q = copy();
    const reason = itemOf(q, 'reason');
    reason.answerOption = reason.answerOption!.filter((o) => o.valueCoding?.code !== 'chest');
    q.item = q.item.filter((i) => i.linkId !== 'chest-severe');
    const found = checkQuestionnaireChange(q, context);
    const rule = defaultRoutingRuleSet.rules.find((r) => r.when.some((c) => 'linkId' in c && c.linkId === 'reason' && c.anyOf?.includes('chest')))!;
    expect(found).toContainEqual(expect.objectContaining({ linkId: 'reason', message: expect.stringContaining(`Routing rule "${rule.id}"`) }));
    expect(found.some((p) => p.message.includes('"chest-severe", which is not an item'))).toBe(true);
  });

  it('lets optional questions nothing depends on change freely', () => {
    const q = copy();
    itemOf(q, 'severity').required = true;
    const preference = itemOf(q, 'contact-preference');
    preference.required = false;
    expect(messages(q)).toEqual([]);
  });
});

describe('describeQuestionnaireChange', () => {
  it('names what is added, removed, moved, retyped, made optional, and the rules that ask about it', () => {
    const q = copy();
    q.item = q.item.filter((i) => i.linkId !== 'severity');
    q.item.push({ linkId: 'pets', type: 'boolean', ...texts('Lemmikki?') });
    const duration = q.item.findIndex((i) => i.linkId === 'duration');
    const [moved] = q.item.splice(duration, 1);
    q.item.push(moved!);
    itemOf(q, 'description').type = 'string';
    itemOf(q, 'contact-preference').required = false;
    itemOf(q, 'reason').answerOption!.push({ valueCoding: { code: 'teeth', display: 'Hampaat' } });
    itemOf(q, 'back-red-flags').enableWhen = [{ question: 'reason', operator: '=', answerCoding: { code: 'other' } }];
    const found = describeQuestionnaireChange(contactQuestionnaire, q, defaultRoutingRuleSet);
    expect(found).toContainEqual({ kind: 'added', linkId: 'pets' });
    expect(found).toContainEqual({ kind: 'removed', linkId: 'severity' });
    expect(found).toContainEqual({ kind: 'moved', linkId: 'duration' });
    expect(found).toContainEqual({ kind: 'type', linkId: 'description', from: 'text', to: 'string' });
    expect(found).toContainEqual({ kind: 'required', linkId: 'contact-preference', required: false });
    expect(found).toContainEqual({ kind: 'option-added', linkId: 'reason', code: 'teeth' });
    expect(found).toContainEqual({ kind: 'conditions', linkId: 'back-red-flags' });
    expect(found.filter((f) => f.kind === 'rule-affected' && f.linkId === 'reason').length).toBeGreaterThan(0);
  });

  it('finds nothing in an unchanged questionnaire', () => {
    expect(describeQuestionnaireChange(contactQuestionnaire, copy(), defaultRoutingRuleSet)).toEqual([]);
  });
});
