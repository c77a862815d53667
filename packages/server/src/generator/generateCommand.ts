/**
 * `npm run generate -- --residents 200000 --months 12 --seed 1`: a synthetic region-year into
 * the configured database (PGlite in OVI_DATA_DIR by default, PostgreSQL with DATABASE_URL).
 * The demo region (accounts, units, settings) is set up first as `npm start` would, so the
 * server starts on the result and the manager account sees the figures.
 */
import { configFromEnvironment } from '../config';
import { createOvi } from '../app';
import { reportDemoProgressTo } from '../demo/seedDemo';
import { now } from '../time/clock';
import { generateRegion } from './generateRegion';

export interface GenerateArguments {
  residents: number;
  months: number;
  seed: number;
}

const LIMITS: Record<keyof GenerateArguments, [min: number, max: number]> = { residents: [1, 2_000_000], months: [1, 36], seed: [0, 2 ** 31 - 1] };

/** Reads `--residents N --months N --seed N` (also `--name=N`); throws a plain sentence on a bad one. */
export function parseGenerateArguments(argv: string[]): GenerateArguments {
  const values: GenerateArguments = { residents: 200_000, months: 12, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag = '', inline] = (argv[i] ?? '').split('=', 2);
    const name = flag.replace(/^--/, '') as keyof GenerateArguments;
    if (!flag.startsWith('--') || !(name in LIMITS)) throw new Error(`Unknown option ${argv[i]}: use --residents, --months and --seed`);
    const raw = inline ?? argv[++i];
    const value = Number(raw);
    const [min, max] = LIMITS[name];
    if (raw === undefined || !Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, got ${raw ?? 'nothing'}`);
    values[name] = value;
  }
  return values;
}

async function main(): Promise<void> {
  const args = parseGenerateArguments(process.argv.slice(2));
  const config = configFromEnvironment(process.env, {});
  process.stderr.write(`Generating into ${config.databaseUrl ? 'the PostgreSQL server of DATABASE_URL' : `the embedded database in ${config.dataDir}`}…\n`);
  reportDemoProgressTo((line) => process.stderr.write(`${line}\n`));
  const ovi = await createOvi({ ...config, seedDemo: true, logLevel: 'silent', reminderIntervalMinutes: 0, continuityKeepMinutes: 0 }).finally(() => reportDemoProgressTo(undefined));
  try {
    await generateRegion(ovi.services, { ...args, now: now() });
  } finally {
    await ovi.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/.*\/packages\//, '/packages/'))) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
