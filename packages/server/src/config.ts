/** Typed configuration, read once from the environment and checked with every problem listed. */
export interface OviConfig {
  port: number;
  host: string;
  /** PostgreSQL server; when absent Ovi runs on embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** PGlite data folder; undefined keeps the embedded database in memory (tests). */
  dataDir?: string;
  /** Load the demo region when the database is empty. */
  seedDemo: boolean;
  /** Token signing secret; when absent a key is generated once and kept in the database. */
  tokenSecret?: string;
  /** Folder of the built web app; not served when absent. */
  webDir?: string;
  logLevel: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /** Largest accepted request body in bytes. */
  bodyLimit: number;
  /** SMTP server for e-mail to residents (smtp://host:port); no e-mail without it. */
  smtpUrl?: string;
  mailFrom?: string;
  /** `OVI_PUBLIC_URL`: the address residents open Ovi at, for links in e-mail (else the address of the request that sent it). */
  publicUrl?: string;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** `OVI_METRICS_PUBLIC=true`: GET /metrics without a token (otherwise it is closed unless a token is set). */
  metricsPublic?: boolean;
  /** Failed log-ins allowed per account and per client address (absent: from the environment's defaults). */
  loginLimits?: LoginLimits;
  /** How long a process may trust what it last read of an account (logged out, disabled) for tokens, in seconds. */
  tokenRecheckSeconds?: number;
  /** How often appointment reminders are sent; 0 turns the job off. */
  reminderIntervalMinutes?: number;
  /**
   * `OVI_CONTINUITY_KEEP_MINUTES`: how often the continuity figures of the dashboard's periods
   * are kept ahead of their readers (decision 044); 0 or absent turns the job off.
   */
  continuityKeepMinutes?: number;
  /** `OVI_CLOCK`: the moment the care clock starts at (demos and tests); never in production. */
  clockStart?: Date;
  /** `OVI_BUNDLE_MAX_ENTRIES`, `OVI_BUNDLE_BODY_LIMIT`: the largest batch or transaction taken (absent: 1000 entries, 10 MiB). */
  bundleLimits?: { maxEntries: number; bodyLimit: number };
  /** Staff sign-in through the region's OpenID Connect provider (`OVI_REGION_OIDC_*`, decision 027). */
  regionSignIn?: RegionSignInConfig;
}

/** The region's identity provider: its users are mapped to Practitioners by their Terhikki (or other) identifier. */
export interface RegionSignInConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claim carrying the professional's identifier (default `terhikki`). */
  claim: string;
  /** The Practitioner identifier system it is matched against (default Terhikki, urn:oid:1.2.246.537.26). */
  identifierSystem: string;
}

function regionSignInFromEnvironment(env: NodeJS.ProcessEnv, problems: string[]): RegionSignInConfig | undefined {
  const issuer = env.OVI_REGION_OIDC_ISSUER;
  if (!issuer) return undefined;
  if (!/^https:\/\//.test(issuer) && !/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(issuer)) problems.push('OVI_REGION_OIDC_ISSUER must be an https address (http only on localhost)');
  if (!env.OVI_REGION_OIDC_CLIENT_ID || !env.OVI_REGION_OIDC_CLIENT_SECRET) problems.push('OVI_REGION_OIDC_CLIENT_ID and OVI_REGION_OIDC_CLIENT_SECRET are needed with OVI_REGION_OIDC_ISSUER');
  return {
    issuer,
    clientId: env.OVI_REGION_OIDC_CLIENT_ID ?? '',
    clientSecret: env.OVI_REGION_OIDC_CLIENT_SECRET ?? '',
    claim: env.OVI_REGION_OIDC_CLAIM ?? 'terhikki',
    identifierSystem: env.OVI_REGION_OIDC_IDENTIFIER_SYSTEM ?? 'urn:oid:1.2.246.537.26',
  };
}

export function configFromEnvironment(env: NodeJS.ProcessEnv, defaults: { webDir?: string }): OviConfig {
  const problems: string[] = [];
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number (0–65535), got '${env.PORT}'`);
  if (env.DATABASE_URL && !/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  if (env.OVI_TOKEN_SECRET !== undefined && env.OVI_TOKEN_SECRET.length < 32) problems.push('OVI_TOKEN_SECRET must be at least 32 characters');
  const logLevel = (env.LOG_LEVEL ?? 'info') as OviConfig['logLevel'];
  if (!['silent', 'error', 'warn', 'info', 'debug'].includes(logLevel)) problems.push(`LOG_LEVEL must be silent, error, warn, info or debug, got '${logLevel}'`);
  if (env.SMTP_URL && !/^smtps?:\/\//.test(env.SMTP_URL)) problems.push('SMTP_URL must start with smtp:// or smtps://');
  if (env.OVI_PUBLIC_URL && !/^https?:\/\/[^/\s]+\/?$/.test(env.OVI_PUBLIC_URL)) problems.push('OVI_PUBLIC_URL must be an address such as https://ovi.example.fi (no path)');
  const clockStart = parseClock(env, problems);
  const loginLimits = loginLimitsFromEnvironment(env, problems);
  const tokenRecheckSeconds = tokenRecheckSecondsFromEnvironment(env, problems);
  const metricsPublic = metricsPublicFromEnvironment(env, problems);
  const bundleLimits = bundleLimitsFromEnvironment(env, problems);
  const regionSignIn = regionSignInFromEnvironment(env, problems);
  const reminderIntervalMinutes = jobMinutesFromEnvironment(env, 'OVI_REMINDER_INTERVAL_MINUTES', 15, problems);
  const continuityKeepMinutes = jobMinutesFromEnvironment(env, 'OVI_CONTINUITY_KEEP_MINUTES', 60, problems);
  if (problems.length > 0) throw new Error(`Ovi cannot start; fix the configuration:\n- ${problems.join('\n- ')}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.OVI_DATA_DIR ?? './data',
    seedDemo: env.OVI_DEMO !== 'false',
    tokenSecret: env.OVI_TOKEN_SECRET,
    webDir: env.OVI_WEB_DIR ?? defaults.webDir,
    logLevel,
    bodyLimit: 1024 * 1024,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.OVI_MAIL_FROM ?? 'Ovi <no-reply@ovi.invalid>',
    ...(env.OVI_PUBLIC_URL ? { publicUrl: env.OVI_PUBLIC_URL.replace(/\/$/, '') } : {}),
    reminderIntervalMinutes,
    continuityKeepMinutes,
    metricsToken: env.OVI_METRICS_TOKEN || undefined,
    metricsPublic,
    loginLimits,
    tokenRecheckSeconds,
    ...(clockStart ? { clockStart } : {}),
    bundleLimits,
    ...(regionSignIn ? { regionSignIn } : {}),
  };
}

/**
 * A background job's period in whole minutes, 0 (off) to 1440. A negative or longer one would
 * reach Node's timers as under 1 ms or past their limit (about 24.8 days), and both fire at once,
 * again and again.
 */
export function jobMinutesFromEnvironment(env: NodeJS.ProcessEnv, name: string, fallback: number, problems: string[]): number {
  // Empty is unset, as for the other variables (a compose file's `NAME=`).
  const raw = env[name]?.trim() || String(fallback);
  const minutes = Number(raw);
  if (!/^\d{1,4}$/.test(raw) || minutes > 1440) {
    problems.push(`${name} must be a whole number of minutes from 0 (off) to 1440, got '${raw}'`);
    return fallback;
  }
  return minutes;
}

/** Limits of one batch or transaction Bundle (decision 025). */
export function bundleLimitsFromEnvironment(env: NodeJS.ProcessEnv, problems: string[] = []): { maxEntries: number; bodyLimit: number } {
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) {
      problems.push(`${name} must be a whole number above zero, got '${raw}'`);
      return fallback;
    }
    return value;
  };
  return { maxEntries: read('OVI_BUNDLE_MAX_ENTRIES', 1000), bodyLimit: read('OVI_BUNDLE_BODY_LIMIT', 10 * 1024 * 1024) };
}

/** Limits on failed log-ins; every server process on one database shares the counts. */
export interface LoginLimits {
  /** `OVI_LOGIN_ACCOUNT_ATTEMPTS`: failed log-ins to one account before it is locked (5 s, doubling up to 15 min). */
  accountAttempts: number;
  /** `OVI_LOGIN_ADDRESS_ATTEMPTS`: failed log-ins from one client address within the window before it must wait. */
  addressAttempts: number;
  /** `OVI_LOGIN_ADDRESS_WINDOW_SECONDS`: the window of the address limit. */
  addressWindowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { accountAttempts: 5, addressAttempts: 30, addressWindowSeconds: 15 * 60 };
export const DEFAULT_TOKEN_RECHECK_SECONDS = 5;
const MAX_TOKEN_RECHECK_SECONDS = 60;

export function loginLimitsFromEnvironment(env: NodeJS.ProcessEnv, problems?: string[]): LoginLimits {
  const own: string[] = [];
  const limits: LoginLimits = {
    accountAttempts: wholeNumber(env, 'OVI_LOGIN_ACCOUNT_ATTEMPTS', DEFAULT_LOGIN_LIMITS.accountAttempts, 1, 1000, own),
    addressAttempts: wholeNumber(env, 'OVI_LOGIN_ADDRESS_ATTEMPTS', DEFAULT_LOGIN_LIMITS.addressAttempts, 1, 1_000_000, own),
    addressWindowSeconds: wholeNumber(env, 'OVI_LOGIN_ADDRESS_WINDOW_SECONDS', DEFAULT_LOGIN_LIMITS.addressWindowSeconds, 1, 7 * 24 * 3600, own),
  };
  return settle(limits, own, problems);
}

export function tokenRecheckSecondsFromEnvironment(env: NodeJS.ProcessEnv, problems?: string[]): number {
  const own: string[] = [];
  return settle(wholeNumber(env, 'OVI_TOKEN_RECHECK_SECONDS', DEFAULT_TOKEN_RECHECK_SECONDS, 0, MAX_TOKEN_RECHECK_SECONDS, own), own, problems);
}

export function metricsPublicFromEnvironment(env: NodeJS.ProcessEnv, problems?: string[]): boolean {
  const value = env.OVI_METRICS_PUBLIC?.trim();
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return settle(false, [`OVI_METRICS_PUBLIC must be true or false, got '${value}'`], problems);
}

/** Problems go to the caller's list when it has one (all listed at start-up), else they throw. */
function settle<T>(value: T, own: string[], problems?: string[]): T {
  if (own.length === 0) return value;
  if (problems) {
    problems.push(...own);
    return value;
  }
  throw new Error(`Ovi cannot start; fix the configuration:\n- ${own.join('\n- ')}`);
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got '${raw}'`);
    return fallback;
  }
  return value;
}

/** An ISO date-time with its zone; a demo clock in production would put false times on care. */
function parseClock(env: NodeJS.ProcessEnv, problems: string[]): Date | undefined {
  const value = env.OVI_CLOCK?.trim();
  if (!value) return undefined;
  if (env.NODE_ENV === 'production') {
    problems.push('OVI_CLOCK is for demos and tests and is never allowed when NODE_ENV=production');
    return undefined;
  }
  const start = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? new Date(value) : undefined;
  if (!start || Number.isNaN(start.getTime())) {
    problems.push(`OVI_CLOCK must be an ISO date-time with a time zone, e.g. 2026-11-29T19:30:00+02:00, got '${value}'`);
    return undefined;
  }
  return start;
}
