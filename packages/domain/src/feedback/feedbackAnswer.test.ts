import { describe, expect, it } from 'vitest';
import { checkFeedbackAnswer, MAX_FREE_TEXT } from './feedbackAnswer';
import { DEFAULT_FEEDBACK_SURVEY } from './feedbackSurvey';

const check = (body: unknown) => checkFeedbackAnswer(DEFAULT_FEEDBACK_SURVEY, body);
const problems = (body: unknown) => {
  const r = check(body);
  return r.ok ? [] : r.problems;
};

describe('a feedback answer', () => {
  it('needs only the recommendation; statements, free text and contact are optional', () => {
    expect(check({ recommend: 0 })).toEqual({ ok: true, answer: { recommend: 0, statements: {} } });
    expect(check({ recommend: 10, statements: { safety: '5', access: 'dont-know' }, freeText: '  Kiitos!  ', contact: { email: 'aino@example.fi', name: 'Aino' } })).toEqual({
      ok: true,
      answer: { recommend: 10, statements: { safety: '5', access: 'dont-know' }, freeText: 'Kiitos!', contact: { email: 'aino@example.fi', name: 'Aino' } },
    });
    // An empty free text is no free text.
    expect(check({ recommend: 5, freeText: '   ' })).toEqual({ ok: true, answer: { recommend: 5, statements: {} } });
  });

  it('refuses a missing, fractional, out-of-range or text recommendation', () => {
    for (const recommend of [undefined, -1, 11, 7.5, '9', null]) expect(problems({ recommend })).toEqual(['recommend: required, a whole number from 0 to 10']);
  });

  it('refuses unknown statements, unknown answer codes, unknown properties and too long texts', () => {
    expect(problems({ recommend: 9, statements: { nope: '5' } })).toEqual(['statements.nope: no such statement in the survey']);
    expect(problems({ recommend: 9, statements: { safety: '6' } })[0]).toMatch(/^statements.safety: must be one of 1, 2, 3, 4, 5, dont-know/);
    expect(problems({ recommend: 9, statements: { safety: 5 } })[0]).toMatch(/^statements.safety/);
    expect(problems({ recommend: 9, statements: ['5'] })).toEqual(['statements: must be an object of statement id → answer code']);
    expect(problems({ recommend: 9, patient: 'Patient/1' })).toEqual(['patient: unknown property']);
    expect(problems({ recommend: 9, freeText: 'x'.repeat(MAX_FREE_TEXT + 1) })).toEqual([`freeText: at most ${MAX_FREE_TEXT} characters`]);
    expect(problems({ recommend: 9, freeText: 7 })).toEqual(['freeText: must be text']);
    expect(problems([])).toEqual(['the answer must be a JSON object']);
  });

  it('takes contact details only with a valid e-mail address', () => {
    expect(problems({ recommend: 3, contact: { name: 'Aino' } })).toEqual(['contact.email: a valid e-mail address is needed for a reply']);
    expect(problems({ recommend: 3, contact: { email: 'not an address' } })).toEqual(['contact.email: a valid e-mail address is needed for a reply']);
    expect(problems({ recommend: 3, contact: { email: 'a@b.fi', phone: '040' } })).toEqual(['contact.phone: unknown property']);
    expect(problems({ recommend: 3, contact: 'a@b.fi' })).toEqual(['contact: must be an object with email (and name)']);
  });

  it('refuses "don\'t know" when the survey does not offer it', () => {
    const survey = { ...DEFAULT_FEEDBACK_SURVEY, dontKnow: { ...DEFAULT_FEEDBACK_SURVEY.dontKnow, offered: false } };
    expect(checkFeedbackAnswer(survey, { recommend: 9, statements: { safety: 'dont-know' } }).ok).toBe(false);
  });
});
