import { describe, it, expect } from 'vitest';
import { LANGUAGES } from '../validation';
import { defaultSafetyScreen as screen } from './defaultSafetyScreen';
import { validateSafetyScreen } from './validateSafetyScreen';

const sign = (code: string) => screen.signs.find((s) => s.code === code);
const group = (id: string) => screen.wordGroups.find((g) => g.id === id);

describe('defaultSafetyScreen', () => {
  it('screens the contact questionnaire: the danger-sign question, "none", the description', () => {
    expect(screen).toMatchObject({ version: 1, questionLinkId: 'danger-signs', noneCode: 'none', textLinkIds: ['description'] });
    expect(validateSafetyScreen(screen).errors).toEqual([]);
  });

  it('makes every danger sign emergent with 112', () => {
    expect(screen.signs.map((s) => s.code)).toEqual(['chest', 'stroke', 'bleeding', 'unconscious', 'allergy', 'suicide-plan', 'danger-to-others']);
    for (const s of screen.signs) {
      expect(s.urgency, s.code).toBe('emergent');
      expect(s.advice, s.code).toContain('call-112');
    }
  });

  it('adds the crisis line to a suicide plan and the social emergency service to danger to others', () => {
    expect(sign('suicide-plan')).toMatchObject({ advice: ['call-112', 'crisis-line'], profession: 'psychiatric-nurse' });
    expect(sign('danger-to-others')).toMatchObject({
      advice: ['call-112', 'social-emergency'],
      profession: 'social-worker',
      service: 'social-services',
    });
  });

  it('writes every sign in plain words in three languages', () => {
    for (const s of screen.signs) {
      for (const lang of LANGUAGES) expect(s.label[lang].length, `${s.code} ${lang}`).toBeGreaterThan(10);
      expect(new Set(LANGUAGES.map((lang) => s.label[lang])).size, s.code).toBe(3);
    }
  });

  it('has word groups for the dangers the signs name, and more', () => {
    for (const id of [
      'chest-pain',
      'heart-or-breathing',
      'stroke',
      'bleeding',
      'unconscious',
      'anaphylaxis',
      'sepsis',
      'meningitis',
      'worst-headache',
      'suicidal-thoughts',
      'suicide-plan',
      'violence',
      'poisoning',
    ]) {
      expect(group(id), id).toBeDefined();
    }
  });

  it('makes suicidal words without a plan urgent with the crisis line, and a plan emergent with 112 too', () => {
    expect(group('suicidal-thoughts')).toMatchObject({ urgency: 'urgent', advice: ['crisis-line'], profession: 'psychiatric-nurse' });
    expect(group('suicide-plan')).toMatchObject({ urgency: 'emergent', advice: ['call-112', 'crisis-line'] });
    expect(group('violence')).toMatchObject({ urgency: 'emergent', advice: ['call-112', 'social-emergency'], service: 'social-services' });
  });

  it('names who should see a raised contact in every group', () => {
    for (const g of screen.wordGroups) {
      expect(g.profession, g.id).toBeDefined();
      expect(g.service, g.id).toBeDefined();
    }
  });
});
