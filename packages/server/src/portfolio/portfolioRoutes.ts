import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BENEFIT_GOAL_NAMES, selfAssessment, type Portfolio } from '@ovi/domain';
import type { TokenService } from '../auth/tokens';
import { hasRole, type UserContext } from '../auth/userContext';
import { badRequest, forbidden, notFound } from '../fhir/outcomes';
import { authenticate } from '../http/requestContext';
import { historyNumber, settingIfMatch } from '../http/guidanceRoutes';
import type { PortfolioStore, StoredPortfolio } from './portfolioStore';

type Language = 'fi' | 'sv' | 'en';

/**
 * The development portfolio for managers and administrators (the development coordinator works
 * as either): `GET /api/portfolio`, whole-portfolio `PUT` with If-Match and a dry run, one cell
 * at a time under `/api/portfolio/measures/<id>/maturity/<period>`, the history of every change,
 * and the self-assessment of a period. No client data: configuration-like content, not audited.
 */
export function registerPortfolioRoutes(app: FastifyInstance, { tokens, portfolio }: { tokens: TokenService; portfolio: PortfolioStore }): void {
  const editor = async (request: FastifyRequest, what: string): Promise<UserContext> => {
    const user = await authenticate(request, tokens);
    if (!hasRole(user, 'manager', 'admin')) throw forbidden(`Only managers and administrators ${what} the development portfolio`);
    return user;
  };

  app.get<{ Querystring: { lang?: string } }>('/api/portfolio', async (request, reply) => {
    await editor(request, 'see');
    const stored = await portfolio.get();
    void reply.header('ETag', `W/"${stored.version}"`);
    return shown(stored, language(request.query.lang));
  });

  app.put<{ Querystring: { dryRun?: string; lang?: string } }>('/api/portfolio', async (request, reply) => {
    const user = await editor(request, 'change');
    const dryRun = request.query.dryRun;
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') throw badRequest('dryRun must be true or false');
    if (dryRun === 'true') return portfolio.check(request.body);
    const stored = await portfolio.replace(request.body, user.username, settingIfMatch(request.headers['if-match']));
    void reply.header('ETag', `W/"${stored.version}"`);
    return shown(stored, language(request.query.lang));
  });

  app.put<{ Params: { id: string; period: string }; Querystring: { lang?: string } }>('/api/portfolio/measures/:id/maturity/:period', async (request, reply) => {
    const user = await editor(request, 'change');
    const body = request.body as { level?: unknown } | undefined;
    if (!body || typeof body !== 'object' || !('level' in body)) throw badRequest('level: a whole number from 1 (not started) to 5 (in use)', ['level']);
    const stored = await portfolio.setMaturity(request.params.id, request.params.period, body.level, user.username);
    void reply.header('ETag', `W/"${stored.version}"`);
    return shown(stored, language(request.query.lang));
  });

  app.get<{ Querystring: { period?: string; lang?: string } }>('/api/portfolio/self-assessment', async (request) => {
    await editor(request, 'see');
    const { portfolio: current, version } = await portfolio.get();
    const period = request.query.period ?? current.periods.at(-1);
    if (period === undefined) throw notFound('The portfolio has no reporting periods yet');
    const report = selfAssessment(current, period);
    if (!report) throw badRequest(`period: ${period.slice(0, 20)} is not one of the portfolio's reporting periods`, ['period']);
    const lang = language(request.query.lang);
    return { version, ...report, goals: report.goals.map((g) => ({ ...g, name: BENEFIT_GOAL_NAMES[g.goal][lang] })) };
  });

  app.get<{ Querystring: { limit?: string; before?: string } }>('/api/portfolio/history', async (request) => {
    await editor(request, 'see the history of');
    const limit = historyNumber(request.query.limit, 'limit', 200);
    const before = historyNumber(request.query.before, 'before');
    return { versions: await portfolio.history({ ...(limit ? { limit } : {}), ...(before ? { before } : {}) }) };
  });

  app.get<{ Params: { version: string }; Querystring: { lang?: string } }>('/api/portfolio/history/:version', async (request) => {
    await editor(request, 'see the history of');
    const version = historyNumber(request.params.version, 'version');
    const found = version === undefined ? undefined : await portfolio.version(version);
    if (!found) throw notFound(`Version ${String(request.params.version).slice(0, 20)} of the portfolio was not found`);
    return { version: found.version, updatedAt: found.updatedAt, updatedBy: found.updatedBy, value: shown({ portfolio: found.value, version: found.version }, language(request.query.lang)) };
  });
}

function language(lang: string | undefined): Language {
  if (lang === undefined) return 'fi';
  if (lang === 'fi' || lang === 'sv' || lang === 'en') return lang;
  throw badRequest('lang must be fi, sv or en', ['lang']);
}

/** The portfolio as the API answers it: each goal with its name in the asked language. */
function shown({ portfolio, version }: StoredPortfolio, lang: Language): Omit<Portfolio, 'goals'> & { version: number; goals: Array<Portfolio['goals'][number] & { name: string }> } {
  return { version, periods: portfolio.periods, goals: portfolio.goals.map((g) => ({ id: g.id, name: BENEFIT_GOAL_NAMES[g.id][lang], measures: g.measures })) };
}
