import { describe, expect, it } from 'vitest';
import { answerCodes, checkFeedbackSurvey, DEFAULT_FEEDBACK_SURVEY, surveyIn, type FeedbackStatement } from './feedbackSurvey';

const t = (text: string) => ({ fi: text, sv: text, en: text });
const statement = (id: string, theme: FeedbackStatement['theme']): FeedbackStatement => ({ id, theme, text: t(id) });
const withStatements = (statements: FeedbackStatement[]) => checkFeedbackSurvey({ ...DEFAULT_FEEDBACK_SURVEY, statements });

describe('the feedback survey definition', () => {
  it('the default follows the national structure and says its wording is unverified', () => {
    expect(checkFeedbackSurvey(DEFAULT_FEEDBACK_SURVEY)).toEqual([]);
    expect(DEFAULT_FEEDBACK_SURVEY.source).toMatch(/UNVERIFIED/);
    expect(answerCodes(DEFAULT_FEEDBACK_SURVEY)).toEqual(['1', '2', '3', '4', '5', 'dont-know']);
  });

  it('needs two to seven basic statements, at most five own ones, own ones last', () => {
    expect(withStatements([statement('a', 'access')])).toEqual(['statements: the national structure has 2–7 basic statements, this has 1']);
    const eight = ['access', 'encounter', 'participation', 'safety', 'information', 'usefulness', 'access', 'safety'].map((theme, i) => statement(`s${i}`, theme as FeedbackStatement['theme']));
    expect(withStatements(eight)).toEqual(['statements: the national structure has 2–7 basic statements, this has 8']);
    const own = [1, 2, 3, 4, 5, 6].map((i) => statement(`own${i}`, 'own'));
    expect(withStatements([statement('a', 'access'), statement('b', 'safety'), ...own])).toEqual(['statements: at most 5 own statements, this has 6']);
    expect(withStatements([statement('a', 'access'), statement('o', 'own'), statement('b', 'safety')])).toEqual(['statements: the own statements must come after the basic statements']);
    expect(withStatements([statement('a', 'access'), statement('b', 'safety'), statement('o', 'own')])).toEqual([]);
  });

  it('reports missing languages, duplicate ids, unknown themes and properties with their paths', () => {
    const problems = checkFeedbackSurvey({
      ...DEFAULT_FEEDBACK_SURVEY,
      extra: 1,
      title: { fi: 'Palaute', sv: '', en: 'Feedback' },
      statements: [statement('a', 'access'), statement('a', 'safety'), { id: 'B C', theme: 'mood', text: t('x') }],
      linkValidDays: 0,
      contactOutcomes: ['solved', 'lost'],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'extra: unknown property',
        'title.sv: must be a non-empty string, got ""',
        'statements[1].id: duplicate id "a" (also statements[0])',
        'statements[2].id: must be lower-case letters, digits and - (at most 40)',
        expect.stringMatching(/^statements\[2\].theme: must be one of/),
        'linkValidDays: must be an integer between 1 and 60, got 0',
        expect.stringMatching(/^contactOutcomes\[1\]: must be one of/),
      ]),
    );
    expect(checkFeedbackSurvey(null)).toEqual(['(root): must be an object, got null']);
    expect(checkFeedbackSurvey({ ...DEFAULT_FEEDBACK_SURVEY, scale: [{ code: 'dont-know', text: t('x') }, { code: '2', text: t('y') }] })[0]).toMatch(/^scale\[0\].code/);
  });

  it('shows the resident the texts in their language', () => {
    const sv = surveyIn(DEFAULT_FEEDBACK_SURVEY, 'sv');
    expect(sv.title).toBe('Hur lyckades vi?');
    expect(sv.statements.map((s) => s.id)).toEqual(DEFAULT_FEEDBACK_SURVEY.statements.map((s) => s.id));
    expect(sv.dontKnow).toEqual({ code: 'dont-know', text: 'Kan inte säga' });
  });
});
