import { describe, expect, it } from 'vitest';
import { defaultReplyTemplates, describeReplyTemplateProblem, REPLY_TEMPLATE_LIMITS, templatesFor, validateReplyTemplates } from './replyTemplates';

const template = (over: Record<string, unknown> = {}) => ({
  id: 'solved-x',
  outcome: 'solved',
  title: { fi: 'Otsikko', sv: 'Rubrik', en: 'Title' },
  text: { fi: 'Teksti', sv: 'Text', en: 'Text' },
  ...over,
});

describe('reply templates', () => {
  it('accepts the defaults, with every outcome but booked covered', () => {
    const { set, problems } = validateReplyTemplates(defaultReplyTemplates);
    expect(problems).toEqual([]);
    expect(set?.templates).toHaveLength(defaultReplyTemplates.templates.length);
    for (const outcome of ['solved', 'self-care', 'routed', 'emergency'] as const) expect(templatesFor(defaultReplyTemplates, outcome).length).toBeGreaterThan(0);
  });

  it('trims texts and lets the version ride along', () => {
    const { set } = validateReplyTemplates({ version: 3, templates: [template({ text: { fi: '  Teksti ', sv: 'Text', en: 'Text' } })] });
    expect(set?.templates[0]?.text.fi).toBe('Teksti');
  });

  it('refuses unknown outcomes, missing languages, long texts and duplicate ids, naming the place', () => {
    const { set, problems } = validateReplyTemplates({
      templates: [
        template({ outcome: 'maybe' }),
        template({ id: 'solved-y', text: { fi: 'Teksti', en: 'Text' } }),
        template({ id: 'solved-z', title: { fi: 'x'.repeat(REPLY_TEMPLATE_LIMITS.title + 1), sv: 'R', en: 'T' } }),
        template({ id: 'solved-z' }),
        template({ id: 'Bad Id' }),
      ],
    });
    expect(set).toBeUndefined();
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'templates[0].outcome', code: 'unknown-outcome' },
        { path: 'templates[1].text.sv', code: 'required' },
        { path: 'templates[2].title.fi', code: 'too-long', max: REPLY_TEMPLATE_LIMITS.title },
        { path: 'templates[3].id', code: 'duplicate-id' },
        { path: 'templates[4].id', code: 'bad-id', max: REPLY_TEMPLATE_LIMITS.id },
      ]),
    );
    for (const p of problems) expect(describeReplyTemplateProblem(p)).toContain(p.path);
  });

  it('refuses other shapes and too many templates', () => {
    expect(validateReplyTemplates([]).problems[0]?.code).toBe('not-object');
    expect(validateReplyTemplates({ templates: {} }).problems[0]?.code).toBe('not-list');
    expect(validateReplyTemplates({ templates: [], extra: 1 }).problems[0]).toEqual({ path: 'extra', code: 'unknown-property' });
    const many = Array.from({ length: REPLY_TEMPLATE_LIMITS.perOutcome + 1 }, (_, i) => template({ id: `solved-${i}` }));
    expect(validateReplyTemplates({ templates: many }).problems.map((p) => p.code)).toContain('too-many-for-outcome');
  });
});
