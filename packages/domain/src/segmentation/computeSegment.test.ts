import { describe, expect, it } from 'vitest';
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { describePairProblem, pairProblems, scoreResponse, segmentFor } from './computeSegment';
import { clientResourcesQuestionnaire, professionalDemandQuestionnaire } from './questionnaires';
import { CLIENT_RESOURCES_QUESTIONNAIRE_URL, ORDINAL_VALUE_EXTENSION_URL, SEGMENTATION_SYSTEMS, segmentationSide } from './segments';
import { DEFAULT_SEGMENTATION_SETTINGS, SEGMENT_CELLS, segmentationSettingsProblems, type SegmentationSettings } from './settings';

const settings = DEFAULT_SEGMENTATION_SETTINGS;

function answers(questionnaire: typeof clientResourcesQuestionnaire, pick: (index: number) => number): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire: questionnaire.url,
    item: (questionnaire.item ?? []).map((q, i) => ({ linkId: q.linkId, answer: [{ valueCoding: q.answerOption?.[pick(i)]?.valueCoding }] })),
  };
}

describe('the two questionnaires', () => {
  it('every answer option carries an ordinalValue, in the right direction', () => {
    for (const q of [clientResourcesQuestionnaire, professionalDemandQuestionnaire]) {
      for (const item of q.item ?? []) {
        const scores = (item.answerOption ?? []).map((o) => o.extension?.find((e) => e.url === ORDINAL_VALUE_EXTENSION_URL)?.valueDecimal);
        expect(scores.every((s) => typeof s === 'number'), item.linkId).toBe(true);
        // Client: first option = most resources; professional: first option = least demanding.
        expect(scores, item.linkId).toEqual(q === clientResourcesQuestionnaire ? [3, 2, 1, 0] : [0, 1, 2, 3]);
        for (const o of item.answerOption ?? []) expect(o.valueCoding?.system).toBe(SEGMENTATION_SYSTEMS.answer);
      }
    }
    expect(clientResourcesQuestionnaire.item?.some((i) => i.linkId === 'digital-skills')).toBe(true);
  });

  it('are told apart by URL, a version or not', () => {
    expect(segmentationSide(CLIENT_RESOURCES_QUESTIONNAIRE_URL)).toBe('client');
    expect(segmentationSide(`${professionalDemandQuestionnaire.url}|1`)).toBe('professional');
    expect(segmentationSide('https://fhir.ovi.fi/Questionnaire/contact-request')).toBeUndefined();
    expect(segmentationSide(undefined)).toBeUndefined();
  });
});

describe('scoreResponse', () => {
  it('is the mean of the chosen options’ scores', () => {
    expect(scoreResponse(clientResourcesQuestionnaire, answers(clientResourcesQuestionnaire, () => 0))).toEqual({ score: 3, answered: 6 });
    expect(scoreResponse(clientResourcesQuestionnaire, answers(clientResourcesQuestionnaire, () => 3))).toEqual({ score: 0, answered: 6 });
    // 3,2,1,0,3,2 → 11/6 = 1.83
    expect(scoreResponse(clientResourcesQuestionnaire, answers(clientResourcesQuestionnaire, (i) => i % 4))?.score).toBe(1.83);
    expect(scoreResponse(professionalDemandQuestionnaire, answers(professionalDemandQuestionnaire, () => 2))).toEqual({ score: 2, answered: 5 });
  });

  it('ignores unknown codes and answers of another system, and gives nothing without a scored answer', () => {
    const r = answers(clientResourcesQuestionnaire, () => 0);
    const item = r.item?.[0];
    if (item?.answer?.[0]?.valueCoding) item.answer[0].valueCoding = { system: 'http://example.org', code: 'well' };
    expect(scoreResponse(clientResourcesQuestionnaire, r)).toEqual({ score: 3, answered: 5 });
    expect(scoreResponse(clientResourcesQuestionnaire, { resourceType: 'QuestionnaireResponse', status: 'completed', item: [] })).toBeUndefined();
  });
});

describe('segmentFor', () => {
  const cases: Array<[resources: number, demand: number, expected: string]> = [
    [3, 0, 'self-acting'],
    [2, 1.49, 'self-acting'], // both exactly at / just under their thresholds
    [2, 1.5, 'cooperating'],
    [1.99, 1.49, 'community'],
    [1.99, 1.5, 'network'],
    [0, 3, 'network'],
    [3, 3, 'cooperating'],
    [0, 0, 'community'],
  ];
  it.each(cases)('resources %s and demand %s give %s (at a threshold counts as above it)', (resources, demand, expected) => {
    expect(segmentFor({ resources, demand }, settings).segment).toBe(expected);
  });

  it('names the cell and both halves', () => {
    expect(segmentFor({ resources: 2, demand: 1.5 }, settings)).toEqual({ segment: 'cooperating', cell: 'strongDemanding', resourcesStrong: true, demanding: true });
  });

  it('follows a changed mapping and changed thresholds', () => {
    const changed: SegmentationSettings = { ...settings, resourcesStrongFrom: 1, demandingFrom: 2.5, mapping: { strongLight: 'self-acting', strongDemanding: 'community', weakLight: 'cooperating', weakDemanding: 'network' } };
    expect(segmentFor({ resources: 1, demand: 2.49 }, changed).segment).toBe('self-acting');
    expect(segmentFor({ resources: 1, demand: 2.5 }, changed).segment).toBe('community');
    expect(segmentFor({ resources: 0.99, demand: 2.49 }, changed).segment).toBe('cooperating');
    expect(segmentFor({ resources: 0.99, demand: 2.5 }, changed).segment).toBe('network');
    // The same scores under the defaults.
    expect(segmentFor({ resources: 1, demand: 2.49 }, settings).segment).toBe('network');
  });

  it('from real answers: the corners', () => {
    const strong = scoreResponse(clientResourcesQuestionnaire, answers(clientResourcesQuestionnaire, () => 0))?.score ?? -1;
    const weak = scoreResponse(clientResourcesQuestionnaire, answers(clientResourcesQuestionnaire, () => 3))?.score ?? -1;
    const light = scoreResponse(professionalDemandQuestionnaire, answers(professionalDemandQuestionnaire, () => 0))?.score ?? -1;
    const heavy = scoreResponse(professionalDemandQuestionnaire, answers(professionalDemandQuestionnaire, () => 3))?.score ?? -1;
    expect(segmentFor({ resources: strong, demand: light }, settings).segment).toBe('self-acting');
    expect(segmentFor({ resources: weak, demand: heavy }, settings).segment).toBe('network');
  });
});

describe('pairProblems', () => {
  const at = new Date('2026-11-29T12:00:00Z');
  const daysAgo = (d: number) => new Date(at.getTime() - d * 86_400_000).toISOString();

  it('names each missing side', () => {
    expect(pairProblems({}, at, settings)).toEqual([{ kind: 'missing', side: 'client' }, { kind: 'missing', side: 'professional' }]);
    expect(pairProblems({ client: { authored: daysAgo(1) } }, at, settings)).toEqual([{ kind: 'missing', side: 'professional' }]);
    expect(describePairProblem({ kind: 'missing', side: 'professional' })).toMatch(/professional's assessment/);
  });

  it('an answer exactly the allowed age is fresh, a day more is stale', () => {
    expect(pairProblems({ client: { authored: daysAgo(90) }, professional: { authored: daysAgo(80) } }, at, settings)).toEqual([]);
    expect(pairProblems({ client: { authored: daysAgo(91) }, professional: { authored: daysAgo(80) } }, at, settings)).toEqual([{ kind: 'stale', side: 'client', ageDays: 91, maxDays: 90 }]);
    expect(describePairProblem({ kind: 'stale', side: 'client', ageDays: 91, maxDays: 90 })).toMatch(/91 days old/);
  });

  it('two answers exactly the allowed gap apart are a pair, a day more are not', () => {
    expect(pairProblems({ client: { authored: daysAgo(30) }, professional: { authored: daysAgo(0) } }, at, settings)).toEqual([]);
    expect(pairProblems({ client: { authored: daysAgo(31) }, professional: { authored: daysAgo(0) } }, at, settings)).toEqual([{ kind: 'apart', gapDays: 31, maxDays: 30 }]);
  });
});

describe('segmentationSettingsProblems', () => {
  it('accepts the defaults and every cell mapped to any segment', () => {
    expect(segmentationSettingsProblems(settings)).toEqual([]);
    expect(segmentationSettingsProblems({ ...settings, mapping: Object.fromEntries(SEGMENT_CELLS.map((c) => [c, 'network'])) })).toEqual([]);
  });

  it('names each wrong field', () => {
    expect(segmentationSettingsProblems(null)).toEqual(['The segmentation setting is an object']);
    expect(segmentationSettingsProblems({ ...settings, resourcesStrongFrom: '2' })).toEqual(['resourcesStrongFrom: a number from 0 to 10']);
    expect(segmentationSettingsProblems({ ...settings, demandingFrom: -1 })).toEqual(['demandingFrom: a number from 0 to 10']);
    expect(segmentationSettingsProblems({ ...settings, mapping: { ...settings.mapping, weakLight: 'vip' } })).toEqual(['mapping.weakLight: one of self-acting, cooperating, community, network']);
    expect(segmentationSettingsProblems({ ...settings, mapping: { ...settings.mapping, middle: 'network' } })).toEqual(['mapping.middle: not a cell (strongLight, strongDemanding, weakLight, weakDemanding)']);
    expect(segmentationSettingsProblems({ ...settings, maxAnswerAgeDays: 0.5 })).toEqual(['maxAnswerAgeDays: a whole number of days from 1 to 3650']);
    expect(segmentationSettingsProblems({ ...settings, carePaths: { ...settings.carePaths, network: { fi: 'x', sv: '', en: 'y' } } })).toEqual(['carePaths.network.sv: a text in sv']);
    expect(segmentationSettingsProblems({ ...settings, labels: { ...settings.labels, vip: settings.labels.network } })).toEqual(['labels.vip: not a segment (self-acting, cooperating, community, network)']);
    expect(segmentationSettingsProblems({ ...settings, extra: 1 })).toEqual(['extra: unknown field']);
  });
});
