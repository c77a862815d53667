import { emptyPortfolio, normalisePortfolio, portfolioProblems, withMaturity, type Portfolio } from '@ovi/domain';
import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { FhirError, badRequest, invalidResource, notFound } from '../fhir/outcomes';
import type { SettingVersion, SettingVersionInfo, SettingsStore } from '../settings/settingsStore';

/** The setting the portfolio is kept in: each change a version, with who saved it and when. */
export const PORTFOLIO_SETTING = 'development-portfolio';

export interface StoredPortfolio {
  portfolio: Portfolio;
  /** 0 before anyone has saved one. */
  version: number;
}

/** How many times a one-cell change is tried again when someone saved another change meanwhile. */
const CELL_ATTEMPTS = 5;

/**
 * The region's development portfolio, kept as one versioned setting in the database so that
 * every server process sees the same and every change stays in the history.
 */
export class PortfolioStore {
  constructor(private readonly settings: SettingsStore) {}

  async get(): Promise<StoredPortfolio> {
    const stored = await this.settings.get<Portfolio>(PORTFOLIO_SETTING);
    return stored ? { portfolio: stored.value, version: Number(stored.version) } : { portfolio: emptyPortfolio(), version: 0 };
  }

  /** What the check says of a portfolio, nothing stored. */
  check(value: unknown): { valid: boolean; problems: string[] } {
    const problems = portfolioProblems(withoutVersion(value));
    return { valid: problems.length === 0, problems };
  }

  /** Replaces the whole portfolio (If-Match: `expectedVersion`, else 412). */
  async replace(value: unknown, by: string, expectedVersion?: number): Promise<StoredPortfolio> {
    const plain = withoutVersion(value);
    const problems = portfolioProblems(plain);
    if (problems.length > 0) throw invalidResource(problems.map(issue));
    const stored = await this.settings.put(PORTFOLIO_SETTING, normalisePortfolio(plain as Portfolio), by, expectedVersion);
    return { portfolio: stored.value, version: stored.version };
  }

  /**
   * Sets one measure's level in one period. Two coordinators filling in different cells at once
   * both keep their change: a save that finds a newer version reads it and applies the cell again.
   */
  async setMaturity(measureId: string, period: string, level: unknown, by: string): Promise<StoredPortfolio> {
    for (let attempt = 1; ; attempt += 1) {
      const { portfolio, version } = await this.get();
      const next = withMaturity(portfolio, measureId, period, level);
      if (next === 'unknown-measure') throw notFound(`No development measure ${measureId.slice(0, 80)} in the portfolio`);
      if (next === 'unknown-period') throw badRequest(`period: ${period.slice(0, 20)} is not one of the portfolio's reporting periods`, ['period']);
      if (next === 'invalid-level') throw badRequest('level: a whole number from 1 (not started) to 5 (in use)', ['level']);
      try {
        const stored = await this.settings.put(PORTFOLIO_SETTING, next, by, version);
        return { portfolio: stored.value, version: stored.version };
      } catch (e) {
        if (!(e instanceof FhirError) || e.status !== 412 || attempt >= CELL_ATTEMPTS) throw e;
      }
    }
  }

  history(options: { limit?: number; before?: number }): Promise<SettingVersionInfo[]> {
    return this.settings.history(PORTFOLIO_SETTING, options);
  }

  version(version: number): Promise<SettingVersion<Portfolio> | undefined> {
    return this.settings.version<Portfolio>(PORTFOLIO_SETTING, version);
  }
}

/** The value without the `version` a client sends back with it (the version goes in If-Match). */
function withoutVersion(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const { version: _version, ...rest } = value as Record<string, unknown>;
  return rest;
}

function issue(problem: string): OperationOutcomeIssue {
  const colon = problem.indexOf(': ');
  const path = colon > 0 && /^[\w.[\]-]+$/.test(problem.slice(0, colon)) ? problem.slice(0, colon) : undefined;
  const text = `Invalid portfolio: ${problem}`;
  return { severity: 'error', code: 'invalid', details: { text }, diagnostics: text, ...(path ? { expression: [path] } : {}) };
}
