import { describe, expect, it } from 'vitest';
import { ANSWERED_VERSION_KEPT_MS, questionnaireToCheck } from './answeredVersion';

const now = new Date('2025-03-10T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('questionnaireToCheck', () => {
  it('uses the current version when the response names none', () => {
    expect(questionnaireToCheck('current', undefined, now)).toBe('current');
  });
  it('uses the named version when it is the current one', () => {
    expect(questionnaireToCheck('current', { questionnaire: 'named' }, now)).toBe('named');
  });
  it('keeps a version replaced within the last day', () => {
    expect(questionnaireToCheck('current', { questionnaire: 'old', supersededAt: ago(60_000) }, now)).toBe('old');
    expect(questionnaireToCheck('current', { questionnaire: 'old', supersededAt: ago(ANSWERED_VERSION_KEPT_MS) }, now)).toBe('old');
  });
  it('checks against the current version when the named one was replaced more than a day ago', () => {
    expect(questionnaireToCheck('current', { questionnaire: 'old', supersededAt: ago(ANSWERED_VERSION_KEPT_MS + 1) }, now)).toBe('current');
  });
});
