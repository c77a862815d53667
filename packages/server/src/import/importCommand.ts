import { readFile } from 'node:fs/promises';
import type { OviConfig } from '../config';
import { createOvi } from '../app';
import { isStaff } from '../auth/userContext';
import { FhirError } from '../fhir/outcomes';
import { ImportRefused } from './syntheaMapping';
import { clientByIdentityCode, describeReport, importSyntheaBundle, type ImportReport } from './syntheaImport';

export interface ImportOptions {
  files: string[];
  /** Personal identity codes: file i is loaded for client i. */
  clients: string[];
  /** The professional the records are written as (an Ovi user name). */
  as: string;
  reason: string;
}

/** `--client` and `--as` and `--reason` among the arguments; the rest are files. */
export function parseImportArguments(args: string[]): ImportOptions | string {
  const options: ImportOptions = { files: [], clients: [], as: 'physician', reason: '' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const value = args[i + 1];
    if (arg === '--client' || arg === '--as' || arg === '--reason') {
      if (!value || value.startsWith('--')) return `${arg} needs a value`;
      if (arg === '--client') options.clients.push(value.trim().toUpperCase());
      else if (arg === '--as') options.as = value;
      else options.reason = value;
      i++;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else options.files.push(arg);
  }
  if (options.files.length === 0) return 'name at least one bundle file';
  if (options.clients.length !== options.files.length) return `give one --client per file, in the same order (${options.files.length} file(s), ${options.clients.length} client(s))`;
  return options;
}

/**
 * Loads each bundle for its client as the named professional, through the FHIR service with
 * its checks and audit, on a recorded reason (the professional rarely works with the demo
 * resident the data is mapped to). Returns the exit code: 0 all loaded, 1 something refused.
 */
export async function runImport(config: OviConfig, options: ImportOptions, print: (line: string) => void): Promise<number> {
  const ovi = await createOvi({ ...config, seedDemo: false, logLevel: 'silent', reminderIntervalMinutes: 0, continuityKeepMinutes: 0, webDir: undefined });
  try {
    const { fhir, accounts } = ovi.services;
    const user = await accounts.userByName(options.as);
    if (!user || !isStaff(user)) throw new ImportRefused(`${options.as} is not an active professional's user name; name the professional the records are written as with --as <username>`);
    let failed = 0;
    for (const [i, file] of options.files.entries()) {
      const reason = options.reason || `Loading test data from ${file.split('/').pop()}`;
      const ctx = { user, reason, baseUrl: 'urn:ovi:import', address: 'cli' };
      const bundle = JSON.parse(await readFile(file, 'utf8')) as unknown;
      const client = await clientByIdentityCode(fhir, ctx, options.clients[i] ?? '');
      const report: ImportReport = await importSyntheaBundle(fhir, ctx, bundle, client);
      print(`${file} as ${user.username}:`);
      for (const line of describeReport(report)) print(`  ${line}`);
      failed += report.failed.length;
    }
    return failed > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof FhirError) throw new ImportRefused(error.message);
    throw error;
  } finally {
    await ovi.close();
  }
}
