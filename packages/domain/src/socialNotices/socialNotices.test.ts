import { describe, expect, it } from 'vitest';
import { noticeDeadlines, type NoticeDeadline } from './noticeDeadlines';
import { parseNoticeDraft } from './noticeDraft';

const due = (list: NoticeDeadline[], code: string) => list.find((d) => d.code === code)?.due;
// Helsinki end of day in winter (UTC+2) and summer (UTC+3).
const endOf = (date: string) => new Date(`${date}T23:59:59.999+02:00`).toISOString();

describe('child-welfare notification deadlines (LSL 26 §, 27 §)', () => {
  it('a Tuesday notification: urgency the same day, the decision by Thursday of the next week, the investigation in 3 months', () => {
    const d = noticeDeadlines('child-welfare-notification', new Date('2026-11-03T14:00:00+02:00'));
    expect(due(d.deadlines, 'urgency-assessment')).toBe(endOf('2026-11-03'));
    expect(due(d.deadlines, 'investigation-decision')).toBe(endOf('2026-11-12'));
    expect(due(d.deadlines, 'investigation-complete')).toBe(endOf('2027-02-03'));
    expect(d.workTo.toISOString()).toBe(endOf('2026-11-12'));
    expect(d.assessmentDue.toISOString()).toBe(endOf('2026-11-03'));
    expect(d.workToIsLegal).toBe(true);
    expect(d.deadlines.map((x) => x.source)).toEqual(['LSL 417/2007 26 § 1 mom.', 'LSL 417/2007 26 § 3 mom.', 'LSL 417/2007 27 § 1 mom.; SHL 1301/2014 36 § 3 mom.']);
    expect(d.deadlines.every((x) => x.label.fi && x.label.sv && x.label.en)).toBe(true);
  });

  it('does not count Christmas Eve, Christmas, Boxing Day or the weekend', () => {
    const d = noticeDeadlines('child-welfare-notification', new Date('2026-12-15T10:00:00+02:00'));
    expect(due(d.deadlines, 'investigation-decision')).toBe(endOf('2026-12-28'));
  });

  it('counts from the next working day when the notification comes at the weekend, and ends 3 months on a working day', () => {
    // Saturday 14 November 2026: Monday is day 1, so the 7th is Tuesday 24th; 14 February 2027 is a Sunday → Friday 12th.
    const d = noticeDeadlines('child-welfare-notification', new Date('2026-11-14T22:30:00+02:00'));
    expect(due(d.deadlines, 'urgency-assessment')).toBe(endOf('2026-11-14'));
    expect(due(d.deadlines, 'investigation-decision')).toBe(endOf('2026-11-24'));
    expect(due(d.deadlines, 'investigation-complete')).toBe(endOf('2027-02-12'));
  });

  it('reads the receiving day in Helsinki time (late evening UTC is the next day there)', () => {
    const d = noticeDeadlines('child-welfare-notification', new Date('2026-11-02T22:30:00Z')); // Tuesday 00:30 in Helsinki
    expect(due(d.deadlines, 'urgency-assessment')).toBe(endOf('2026-11-03'));
  });
});

describe('social-welfare contact and application deadlines (SHL 36 §)', () => {
  const at = new Date('2026-11-03T10:00:00+02:00');

  it('a person aged 75 or over: the assessment starts by the 7th working day', () => {
    const d = noticeDeadlines('social-welfare-contact', at, { birthDate: '1950-01-01' });
    expect(due(d.deadlines, 'assessment-start')).toBe(endOf('2026-11-12'));
    expect(d.workToIsLegal).toBe(true);
    expect(d.deadlines.find((x) => x.code === 'assessment-start')?.source).toContain('36 § 2 mom.');
    expect(due(d.deadlines, 'assessment-complete')).toBeUndefined();
  });

  it('the 75th birthday counts on the day of receipt', () => {
    expect(due(noticeDeadlines('social-welfare-contact', at, { birthDate: '1951-11-03' }).deadlines, 'assessment-start')).toBe(endOf('2026-11-12'));
    expect(due(noticeDeadlines('social-welfare-contact', at, { birthDate: '1951-11-04' }).deadlines, 'assessment-start')).toBeUndefined();
  });

  it('the highest care allowance at any age', () => {
    const d = noticeDeadlines('application', at, { birthDate: '1990-05-05', highestCareAllowance: true });
    expect(due(d.deadlines, 'assessment-start')).toBe(endOf('2026-11-12'));
  });

  it('an adult under 75: without undue delay, no date in law; Ovi works to the 7th working day', () => {
    const d = noticeDeadlines('social-welfare-contact', at, { birthDate: '1980-05-05' });
    const start = d.deadlines.find((x) => x.code === 'assessment-start');
    expect(start?.due).toBeUndefined();
    expect(start?.label.en).toContain('without undue delay');
    expect(d.workTo.toISOString()).toBe(endOf('2026-11-12'));
    expect(d.workToIsLegal).toBe(false);
  });

  it('a child: the assessment done within 3 months', () => {
    const d = noticeDeadlines('application', at, { birthDate: '2020-05-05' });
    expect(due(d.deadlines, 'assessment-complete')).toBe(endOf('2027-02-03'));
  });

  it('age not known: the stricter limit stands', () => {
    const d = noticeDeadlines('social-welfare-contact', at);
    expect(due(d.deadlines, 'assessment-start')).toBe(endOf('2026-11-12'));
    expect(d.deadlines.find((x) => x.code === 'assessment-start')?.label.en).toContain('age not known');
  });
});

describe('notice drafts', () => {
  const today = '2026-11-03';
  const child = { kind: 'child-welfare-notification', about: { name: 'Eetu', birthDate: '2018-04-01' }, description: 'Lapsi on usein yksin kotona myöhään illalla.' };

  it('anyone may notify about a child without a name', () => {
    const r = parseNoticeDraft({ ...child, reporter: { anonymous: true } }, 'public', today);
    expect(r.issues).toEqual([]);
    expect(r.draft?.reporter).toEqual({ anonymous: true });
  });

  it('a public notice without a name must say it is anonymous; an anonymous one carries no contact details', () => {
    expect(parseNoticeDraft(child, 'public', today).issues.map((i) => i.field)).toEqual(['reporter.name']);
    expect(parseNoticeDraft({ ...child, reporter: { anonymous: true, phone: '0401234567' } }, 'public', today).issues.map((i) => i.field)).toEqual(['reporter']);
  });

  it('a professional never notifies anonymously', () => {
    expect(parseNoticeDraft({ ...child, reporter: { anonymous: true } }, 'professional', today).issues[0]?.message).toContain('by name');
    expect(parseNoticeDraft({ ...child, reporter: { organisation: 'Koulu' } }, 'professional', today).draft?.reporter).toEqual({ anonymous: false, organisation: 'Koulu' });
  });

  it('a social-welfare contact from someone else names them and a way to reach them; never anonymous', () => {
    const contact = { kind: 'social-welfare-contact', about: { name: 'Irma', birthDate: '1940-02-02' }, description: 'Naapuri ei ole käynyt kaupassa viikkoon.' };
    expect(parseNoticeDraft({ ...contact, reporter: { name: 'Pekka', phone: '040 765 4321' } }, 'public', today).draft?.reporter).toEqual({ anonymous: false, name: 'Pekka', phone: '+358407654321' });
    expect(parseNoticeDraft({ ...contact, reporter: { name: 'Pekka' } }, 'public', today).issues.map((i) => i.field)).toEqual(['reporter.phone']);
    expect(parseNoticeDraft({ ...contact, reporter: { anonymous: true } }, 'public', today).issues.map((i) => i.field)).toEqual(['reporter.anonymous']);
  });

  it('an application is the logged-in resident’s, for a listed service', () => {
    const app = { kind: 'application', service: 'home-help', description: 'Tarvitsen apua siivouksessa leikkauksen jälkeen.' };
    expect(parseNoticeDraft(app, 'resident', today).draft).toEqual({ kind: 'application', about: {}, reporter: { anonymous: false }, description: app.description, service: 'home-help' });
    expect(parseNoticeDraft(app, 'public', today).issues.map((i) => i.field)).toContain('kind');
    expect(parseNoticeDraft({ ...app, service: 'taxi' }, 'resident', today).issues.map((i) => i.field)).toEqual(['service']);
    expect(parseNoticeDraft({ ...app, service: undefined }, 'resident', today).issues.map((i) => i.field)).toEqual(['service']);
    expect(parseNoticeDraft({ ...app, about: { patient: 'Patient/p1' } }, 'resident', today).draft?.about).toEqual({ patient: 'Patient/p1' });
  });

  it('checks the person: identity code, birth date, an adult is not a child-welfare matter', () => {
    const withCode = parseNoticeDraft({ ...child, about: { name: 'Eetu', identityCode: '010418A123N' }, reporter: { anonymous: true } }, 'public', today);
    expect(withCode.issues.length === 0 ? withCode.draft?.about.birthDate : withCode.issues).toBeDefined();
    expect(parseNoticeDraft({ ...child, about: { name: 'Eetu', identityCode: '010418A1234' }, reporter: { anonymous: true } }, 'public', today).issues.map((i) => i.field)).toEqual(['about.identityCode']);
    expect(parseNoticeDraft({ ...child, about: { name: 'Eetu', birthDate: '2027-01-01' }, reporter: { anonymous: true } }, 'public', today).issues.map((i) => i.field)).toEqual(['about.birthDate']);
    expect(parseNoticeDraft({ ...child, about: { name: 'Aikuinen', birthDate: '2000-01-01' }, reporter: { anonymous: true } }, 'public', today).issues[0]?.message).toContain('under 18');
    expect(parseNoticeDraft({ ...child, about: { birthDate: '2018-01-01' }, reporter: { anonymous: true } }, 'public', today).issues.map((i) => i.field)).toEqual(['about.name']);
  });

  it('refuses unknown kinds and fields, wrong types and missing text', () => {
    expect(parseNoticeDraft({ ...child, kind: 'complaint' }, 'public', today).issues.map((i) => i.field)).toEqual(['kind']);
    expect(parseNoticeDraft({ ...child, reporter: { anonymous: 'yes' }, extra: 1 }, 'public', today).issues.map((i) => i.field).sort()).toEqual(['extra', 'reporter.anonymous', 'reporter.name']);
    expect(parseNoticeDraft({ ...child, description: 5, reporter: { anonymous: true } }, 'public', today).issues.map((i) => i.field)).toContain('description');
    expect(parseNoticeDraft('x', 'public', today).issues[0]?.field).toBe('');
    expect(parseNoticeDraft({ ...child, about: 'Eetu', reporter: { anonymous: true } }, 'public', today).issues.map((i) => i.field)).toEqual(['about']);
  });
});
