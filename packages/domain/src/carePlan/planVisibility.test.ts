import { describe, expect, it } from 'vitest';
import { latestAssessmentPerParticipant, planForViewer, type SharedPlanView } from './planVisibility';

const plan: SharedPlanView = {
  id: 'cp', versionId: '1', patient: 'Patient/p', title: 'Plan', status: 'active', start: '2026-01-01', reviewDates: [], responsibleWorker: 'Practitioner/sw',
  goals: [{ goal: 'Goal/g', text: 'Oma asunto' }],
  activities: [
    { index: 0, description: 'Own', owner: 'Patient/p', status: 'not-started' },
    { index: 1, description: 'Social', owner: 'Practitioner/sw', status: 'in-progress', register: 'social' },
    { index: 2, description: 'Health', owner: 'Practitioner/nurse', status: 'in-progress', register: 'health' },
    { index: 3, description: 'Kela', owner: 'Practitioner/kela', status: 'not-started' },
  ],
  team: [
    { member: 'Practitioner/sw', organization: 'Organization/r', responsible: true, outside: false },
    { member: 'Practitioner/nurse', organization: 'Organization/r', responsible: false, outside: false },
    { member: 'Practitioner/kela', organization: 'Organization/kela', responsible: false, outside: true },
  ],
  assessments: [
    { reference: 'Observation/a', by: 'Practitioner/nurse', date: '2026-01-02', summary: 'care need', register: 'health' },
    { reference: 'Observation/b', by: 'Practitioner/sw', date: '2026-01-03', summary: 'service need', register: 'social' },
  ],
  comments: [{ author: 'Patient/p', time: '2026-01-05T10:00:00Z', text: 'Kiitos' }],
};

describe('planForViewer', () => {
  it('shows the client everything', () => expect(planForViewer(plan, { kind: 'client' })).toEqual(plan));
  it('shows a health professional without consent nothing of the social register', () => {
    const v = planForViewer(plan, { kind: 'professional', own: ['Practitioner/nurse'], outside: false, registers: ['health'] });
    expect(v.activities.map((a) => a.index)).toEqual([0, 2, 3]);
    expect(v.assessments.map((a) => a.reference)).toEqual(['Observation/a']);
    expect(v.limited).toBe('register');
  });
  it('shows both registers with consent', () => {
    const v = planForViewer(plan, { kind: 'professional', own: ['Practitioner/nurse'], outside: false, registers: ['health', 'social'] });
    expect(v.activities).toHaveLength(4);
    expect(v.limited).toBeUndefined();
  });
  it('shows an outside participant only the goals, the responsible worker and their own actions', () => {
    const v = planForViewer(plan, { kind: 'professional', own: ['Practitioner/kela', 'Organization/kela'], outside: true, registers: ['health', 'social'] });
    expect(v.goals).toEqual(plan.goals);
    expect(v.activities.map((a) => a.index)).toEqual([3]);
    expect(v.team.map((m) => m.member)).toEqual(['Practitioner/sw', 'Practitioner/kela']);
    expect(v.assessments).toEqual([]);
    expect(v.comments).toEqual([]);
    expect(v.limited).toBe('outside-region');
  });
});

describe('latestAssessmentPerParticipant', () => {
  it('keeps the newest of each participant, newest first', () => {
    const list = latestAssessmentPerParticipant([
      { reference: 'Observation/1', by: 'Practitioner/a', date: '2026-01-01', summary: '' },
      { reference: 'Observation/2', by: 'Practitioner/a', date: '2026-02-01', summary: '' },
      { reference: 'Observation/3', by: 'Practitioner/b', date: '2026-01-15', summary: '' },
    ]);
    expect(list.map((a) => a.reference)).toEqual(['Observation/2', 'Observation/3']);
  });
});
