import { describe, expect, it } from 'vitest';
import { figureScope, teamFigureShown } from './teamFigures';

describe('figureScope', () => {
  it('is a team figure only with two professionals or more', () => {
    expect(figureScope(0)).toBe('none');
    expect(figureScope(1)).toBe('one-professional');
    expect(figureScope(2)).toBe('team');
    expect(figureScope(40)).toBe('team');
  });
  it('refuses a count that is not one', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => figureScope(bad)).toThrow(RangeError);
  });
});

describe('teamFigureShown', () => {
  it('hides a performance figure of one professional, shows capacity (labelled by the caller)', () => {
    expect(teamFigureShown('performance', 'one-professional')).toBe(false);
    expect(teamFigureShown('performance', 'team')).toBe(true);
    expect(teamFigureShown('performance', 'none')).toBe(true);
    expect(teamFigureShown('capacity', 'one-professional')).toBe(true);
    expect(teamFigureShown('capacity', 'team')).toBe(true);
  });
});
