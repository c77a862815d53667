import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOvi } from '../../src/app';
import { restoreFromFile } from '../../src/backup/backupReader';
import { backupToFile } from '../../src/backup/backupWriter';
import { SIGNING_KEY_SETTING } from '../../src/auth/tokens';
import { openDatabase } from '../../src/db/openDatabase';
import { ensurePrivateFolder } from '../../src/db/pgliteDatabase';

/**
 * Nothing personal lies open at rest: a backup file is readable by its owner only and holds no
 * token-signing key (a restored database makes a new one, so older tokens stop working); the
 * embedded database's folder is private to the server's user.
 */
const mode = (path: string) => statSync(path).mode & 0o777;
const config = { port: 0, host: '127.0.0.1', logLevel: 'silent' as const, bodyLimit: 1 << 20, reminderIntervalMinutes: 0 };

let dir: string;
let previousUmask: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ovi-modes-'));
  // The widest umask: whatever is private below is private because Ovi made it so.
  previousUmask = process.umask(0);
});

afterAll(() => {
  process.umask(previousUmask);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a backup file', () => {
  it('is readable by its owner only (0600), holds no signing key, and a restore makes a new key that old tokens do not pass', async () => {
    const sourceDir = join(dir, 'source', 'data');
    const source = await createOvi({ ...config, dataDir: sourceDir, seedDemo: true });
    const file = join(dir, 'ovi-backup.jsonl.gz');
    let oldToken: string;
    let oldKey: string;
    try {
      const login = await source.app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'resident', password: 'demo' } });
      expect(login.statusCode).toBe(200);
      oldToken = login.json().access_token as string;
      const key = await source.services.db.query<{ value: string }>('SELECT value::text AS value FROM app_setting WHERE name = $1', [SIGNING_KEY_SETTING]);
      oldKey = String(key.rows[0]?.value);
      expect(oldKey.length).toBeGreaterThan(20);
      // A file of that name already there, readable by all: the backup replaces it, private.
      writeFileSync(file, 'old');
      chmodSync(file, 0o644);
      await backupToFile(source.services.db, file);
    } finally {
      await source.close();
    }
    expect(mode(file)).toBe(0o600);
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    expect(text).toContain('"table":"app_setting"');
    expect(text).not.toContain(SIGNING_KEY_SETTING);
    expect(text).not.toContain(JSON.parse(oldKey) as string);

    const targetDir = join(dir, 'target', 'data');
    const target = await openDatabase({ dataDir: targetDir });
    try {
      await restoreFromFile(target, file);
      const key = await target.query('SELECT 1 FROM app_setting WHERE name = $1', [SIGNING_KEY_SETTING]);
      expect(key.rows).toHaveLength(0);
    } finally {
      await target.close();
    }
    const restored = await createOvi({ ...config, dataDir: targetDir, seedDemo: true });
    try {
      const key = await restored.services.db.query<{ value: string }>('SELECT value::text AS value FROM app_setting WHERE name = $1', [SIGNING_KEY_SETTING]);
      expect(key.rows[0]?.value).toBeDefined();
      expect(key.rows[0]?.value).not.toBe(oldKey);
      const old = await restored.app.inject({ method: 'GET', url: '/auth/me', headers: { authorization: `Bearer ${oldToken}` } });
      expect(old.statusCode).toBe(401);
      const login = await restored.app.inject({ method: 'POST', url: '/auth/login', payload: { username: 'resident', password: 'demo' } });
      expect(login.statusCode).toBe(200);
    } finally {
      await restored.close();
    }
    expect(mode(sourceDir)).toBe(0o700);
    expect(mode(targetDir)).toBe(0o700);
  }, 120_000);
});

describe('the embedded database folder', () => {
  it('is created private to the server user (0700), parents included', () => {
    const folder = join(dir, 'new', 'nested', 'data');
    ensurePrivateFolder(folder);
    expect(mode(folder)).toBe(0o700);
    expect(mode(join(dir, 'new'))).toBe(0o700);
  });

  it('is made private when others may read or write it, with a warning', () => {
    const folder = join(dir, 'open');
    mkdirSync(folder, { mode: 0o777 });
    chmodSync(folder, 0o777);
    const warnings: string[] = [];
    ensurePrivateFolder(folder, (m) => warnings.push(m));
    expect(mode(folder)).toBe(0o700);
    expect(warnings.join('\n')).toMatch(/mode 0777.*now private to this user \(0700\)/);
    // Already private: nothing to say.
    ensurePrivateFolder(folder, (m) => warnings.push(m));
    expect(warnings).toHaveLength(1);
  });

  it('refuses a file where the folder should be, with a clear message', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    expect(() => ensurePrivateFolder(file)).toThrow(/OVI_DATA_DIR .*not-a-folder is not a folder/);
    await expect(openDatabase({ dataDir: join(file, 'data') })).rejects.toThrow(/OVI_DATA_DIR .*is not a folder and cannot be made one/);
  });
});
