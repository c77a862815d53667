/**
 * The feedback results' tally counted in the database (feedback_fact with its service, and
 * feedback_statement_fact: migration 045, decision 039) equals the tally of the answers' own
 * documents as the figures read them, for every filter, through new, changed and removed
 * answers; and the published figures from either are the same.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { DEFAULT_FEEDBACK_SURVEY, feedbackFigures, feedbackFiguresOfTally, tallyOf } from '@ovi/domain';
import type { ResourceStore } from '../../src/storage/resourceStore';
import { feedbackAnswers, feedbackTally, type FeedbackFilter } from '../../src/storage/feedbackStore';
import { answerFigures } from '../../src/feedback/feedbackResults';
import { FEEDBACK_QUESTIONNAIRE, feedbackResponse, STATEMENT_PREFIX } from '../../src/feedback/feedbackAnswers';
import { BACKENDS, freshStore, type FreshStore } from '../backup/databases';

const postgresUrl = inject('postgresUrl');
const UNITS = ['Location/loc-a', 'Organization/org-b'];
const SERVICES = ['primary-care', 'oral-health'];
const MONTHS = ['2026-09', '2026-10', '2026-11'];
const STATEMENTS = DEFAULT_FEEDBACK_SURVEY.statements.map((s) => s.id);

/** Answer n: its unit, service, month, score and statement codes vary with n; some add odd items. */
function answer(n: number): QuestionnaireResponse & { id: string } {
  const statements: Record<string, string> = {};
  STATEMENTS.forEach((id, i) => {
    if ((n + i) % 4 !== 0) statements[id] = ['1', '2', '3', '4', '5', 'dont-know', 'retired-code'][(n * 3 + i) % 7] as string;
  });
  const response = feedbackResponse(
    { recommend: n % 11, statements },
    { kind: n % 2 ? 'visit' : 'contact', unit: UNITS[n % 2], service: SERVICES[Math.floor(n / 2) % 2], profession: 'nurse', month: MONTHS[n % 3] as string },
    1,
  );
  const items = response.item ?? [];
  // A statement answered twice (the last counts), one without a code, and no recommendation.
  if (n % 5 === 0) items.push({ linkId: `${STATEMENT_PREFIX}${STATEMENTS[0]}`, answer: [{ valueCoding: { code: '5' } }] });
  if (n % 6 === 0) items.push({ linkId: `${STATEMENT_PREFIX}${STATEMENTS[1]}`, answer: [{ valueString: 'no code' }] });
  if (n % 7 === 0) response.item = items.filter((i) => i.linkId !== 'recommend');
  return { ...response, id: `tally-${String(n).padStart(3, '0')}` } as QuestionnaireResponse & { id: string };
}

describe.each(BACKENDS)('the feedback tally on %s', (backend) => {
  let fresh: FreshStore;
  let store: ResourceStore;
  beforeAll(async () => {
    fresh = await freshStore(backend, postgresUrl);
    store = fresh.store;
  }, 60_000);
  afterAll(async () => fresh?.close());

  const filters: FeedbackFilter[] = [
    { from: '2026-09', to: '2026-11' }, { from: '2026-10', to: '2026-10' }, { from: '2026-01', to: '2026-09' },
    { unit: UNITS[0], from: '2026-09', to: '2026-11' }, { service: SERVICES[1], from: '2026-10', to: '2026-11' },
    { unit: UNITS[1], service: SERVICES[0], from: '2026-09', to: '2026-11' }, { unit: 'Location/none', from: '2026-09', to: '2026-11' },
  ];
  const sortedTally = (t: ReturnType<typeof tallyOf>) => ({ ...t, recommend: [...t.recommend].sort((a, b) => a.score - b.score) });
  async function compare(): Promise<number> {
    let answers = 0;
    for (const filter of filters) {
      const rows = (await feedbackAnswers(fresh.db, FEEDBACK_QUESTIONNAIRE, filter)).map((r) => answerFigures(r.response));
      const counted = await feedbackTally(fresh.db, FEEDBACK_QUESTIONNAIRE, filter);
      expect(sortedTally(counted), JSON.stringify(filter)).toEqual(sortedTally(tallyOf(rows)));
      expect(feedbackFiguresOfTally(DEFAULT_FEEDBACK_SURVEY, counted)).toEqual(feedbackFigures(DEFAULT_FEEDBACK_SURVEY, rows));
      answers += counted.answers;
    }
    return answers;
  }

  it('counts what the answers’ documents give, for every filter, as answers come, change and go', async () => {
    await store.createMany(Array.from({ length: 60 }, (_, n) => answer(n)));
    await Promise.all(Array.from({ length: 10 }, (_, n) => store.createMany([answer(100 + n)])));
    expect(await compare()).toBeGreaterThan(60);
    const whole = await feedbackTally(fresh.db, FEEDBACK_QUESTIONNAIRE, filters[0] as FeedbackFilter);
    expect(whole.answers).toBe(70);
    expect(feedbackFiguresOfTally(DEFAULT_FEEDBACK_SURVEY, whole).nps).not.toBeNull();

    // Another service and month, a statement's answer changed, one answer removed.
    await store.update<QuestionnaireResponse>('QuestionnaireResponse', 'tally-001', (r) => ({
      ...r,
      extension: answer(4).extension,
      item: (r.item ?? []).map((i) => (i.linkId === `${STATEMENT_PREFIX}${STATEMENTS[2]}` ? { ...i, answer: [{ valueCoding: { code: '1' } }] } : i)),
    }));
    await fresh.db.query(`DELETE FROM resource WHERE resource_type = 'QuestionnaireResponse' AND id = 'tally-002'`);
    await compare();
    expect((await feedbackTally(fresh.db, FEEDBACK_QUESTIONNAIRE, filters[0] as FeedbackFilter)).answers).toBe(69);
  });
});
