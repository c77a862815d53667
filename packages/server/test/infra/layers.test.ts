import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
}

/** Layers point one way: domain (no I/O) ← server ← web (HTTP only). */
describe('architecture layers', () => {
  it('keeps the domain free of I/O and of the outer layers', () => {
    const offending = sourceFiles(join(root, 'packages/domain/src')).flatMap((file) =>
      imports(file)
        .filter((spec) => /^(node:|pg$|@electric-sql|fastify|@fastify|react|\.\.\/\.\.\/server|\.\.\/\.\.\/web|@ovi\/server|@ovi\/web)/.test(spec))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('keeps SQL inside the database and storage layers of the server', () => {
    const allowed = ['db/', 'storage/', 'backup/', 'access/relationships.ts', 'settings/', 'auth/accounts.ts', 'guidance/guidanceStats.ts', 'demo/seedDemo.ts', 'app.ts'];
    const offending = sourceFiles(join(root, 'packages/server/src'))
      .filter((file) => !file.endsWith('.test.ts'))
      .filter((file) => /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(join(root, 'packages/server/src'), file))
      .filter((file) => !allowed.some((prefix) => file.startsWith(prefix)));
    expect(offending).toEqual([]);
  });

  it('lets the web app reach the server only over HTTP', () => {
    const offending = sourceFiles(join(root, 'packages/web/src')).flatMap((file) =>
      imports(file)
        .filter((spec) => /server|^pg$|@electric-sql|fastify/.test(spec))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });
});
