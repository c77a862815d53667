import { describe, expect, it } from 'vitest';
import { registrationFieldProblems, registrationProblems } from './appRegistration';

const good = { clientId: 'home-diary', name: 'Home diary', redirectUris: ['https://diary.example/callback'], origins: ['https://diary.example'] };

describe('SMART app registration', () => {
  it('accepts https apps and loopback http for development', () => {
    expect(registrationProblems(good)).toEqual([]);
    expect(registrationProblems({ ...good, redirectUris: ['http://127.0.0.1:5173/cb'], origins: ['http://127.0.0.1:5173'] })).toEqual([]);
    expect(registrationProblems({ ...good, origins: [] })).toEqual([]);
  });

  it('refuses what an attacker or a typo would send', () => {
    expect(registrationProblems(null)).toHaveLength(1);
    expect(registrationProblems({ ...good, clientId: 'a' })).toHaveLength(1);
    expect(registrationProblems({ ...good, clientId: 'has space' })).toHaveLength(1);
    expect(registrationProblems({ ...good, name: ' ' })).toHaveLength(1);
    expect(registrationProblems({ ...good, redirectUris: [] })).toHaveLength(1);
    expect(registrationProblems({ ...good, redirectUris: ['http://diary.example/cb'] })).toHaveLength(1);
    expect(registrationProblems({ ...good, redirectUris: ['https://diary.example/cb#x'] })).toHaveLength(1);
    expect(registrationProblems({ ...good, redirectUris: ['not a url'] })).toHaveLength(1);
    expect(registrationProblems({ ...good, redirectUris: ['https://user:pw@diary.example/cb'] })).toHaveLength(1);
    expect(registrationProblems({ ...good, origins: ['https://diary.example/'] })).toHaveLength(1);
    expect(registrationProblems({ ...good, origins: ['*'] })).toHaveLength(1);
    expect(registrationProblems({ ...good, origins: ['http://diary.example'] })).toHaveLength(1);
    expect(registrationProblems({ ...good, origins: 'https://diary.example' })).toHaveLength(1);
  });

  it('names the field and the line of each problem, for the administrator’s form', () => {
    expect(registrationFieldProblems({ ...good, clientId: 'a', name: '' })).toEqual([{ field: 'clientId' }, { field: 'name' }]);
    expect(registrationFieldProblems({ ...good, redirectUris: ['https://ok.example/cb', 'http://diary.example/cb'] })).toEqual([
      { field: 'redirectUris', kind: 'address', index: 1, value: 'http://diary.example/cb' },
    ]);
    expect(registrationFieldProblems({ ...good, origins: Array(11).fill('https://diary.example') })).toEqual([{ field: 'origins', kind: 'count' }]);
    expect(registrationFieldProblems('text')).toEqual([{ field: 'body' }]);
    expect(registrationProblems({ ...good, redirectUris: ['http://diary.example/cb'] })[0]).toMatch(/http:\/\/diary.example\/cb must be an https address/);
  });
});
