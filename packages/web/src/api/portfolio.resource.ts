/**
 * The development portfolio (`/api/portfolio`, managers and administrators): the five benefit
 * goals with their development measures and each measure's maturity per reporting period.
 */
import type { BenefitGoalId, DevelopmentMeasure, MaturityLevel, Portfolio } from '@ovi/domain/src/portfolio/portfolio';
import { api } from './client';
import type { Language } from '@ovi/domain/src/types';

export interface ShownPortfolio extends Portfolio {
  version: number;
  goals: Array<{ id: BenefitGoalId; name: string; measures: DevelopmentMeasure[] }>;
}

export const PORTFOLIO_PATH = '/api/portfolio';

export function fetchPortfolio(lang: Language): Promise<ShownPortfolio> {
  return api.get<ShownPortfolio>(`${PORTFOLIO_PATH}?lang=${lang}`);
}

/** Saves the whole portfolio over the version it was read as (412 when someone saved meanwhile). */
export async function savePortfolio(portfolio: ShownPortfolio, lang: Language): Promise<ShownPortfolio> {
  const { version, ...value } = portfolio;
  return (await api.put<ShownPortfolio>(`${PORTFOLIO_PATH}?lang=${lang}`, value, { 'If-Match': `W/"${version}"` })).data;
}

/** Sets one measure's level in one period (kept even when someone else saved another cell meanwhile). */
export async function saveLevel(measureId: string, period: string, level: MaturityLevel, lang: Language): Promise<ShownPortfolio> {
  return (await api.put<ShownPortfolio>(`${PORTFOLIO_PATH}/measures/${encodeURIComponent(measureId)}/maturity/${encodeURIComponent(period)}?lang=${lang}`, { level })).data;
}
