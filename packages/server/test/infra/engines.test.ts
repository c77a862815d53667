import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * `engines.node` in the root package.json is a promise: Ovi installs and runs on every Node.js
 * version it admits. Each installed package's own `engines.node` must admit all of them too,
 * or `npm install` warns (EBADENGINE) on some of those versions, and the package may not run
 * there. `semver.subset(promised, theirs)` holds when every version in our range is in theirs.
 * When this fails: find who pulls the package (`npm ls <name>`) and pin a version that works
 * on all promised versions (root `overrides`), or narrow the promise (docs/decisions/005-*).
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const WORKSPACES = ['packages/domain', 'packages/server', 'packages/web'];

interface PackageJson {
  name?: string;
  version?: string;
  engines?: { node?: string };
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

const promised = readJson<PackageJson>(join(ROOT, 'package.json')).engines?.node ?? '';

/** Every package folder under a node_modules folder, nested ones too; workspace links are not followed. */
function installedPackages(nodeModules: string): Array<{ path: string; pkg: PackageJson }> {
  const found: Array<{ path: string; pkg: PackageJson }> = [];
  const visit = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      if (name.startsWith('@')) {
        visit(path);
        continue;
      }
      if (lstatSync(path).isSymbolicLink()) continue;
      try {
        found.push({ path, pkg: readJson<PackageJson>(join(path, 'package.json')) });
      } catch {
        continue; // not a package (no package.json)
      }
      visit(join(path, 'node_modules'));
    }
  };
  visit(nodeModules);
  return found;
}

function admitsPromise(range: string): boolean {
  return semver.validRange(range) !== null && semver.subset(promised, range);
}

describe('engines.node', () => {
  it('promises a valid range that the Node.js running the tests is in', () => {
    expect(semver.validRange(promised), `root engines.node '${promised}'`).not.toBeNull();
    expect(semver.satisfies(process.version, promised), `${process.version} in '${promised}'`).toBe(true);
  });

  it('is the same in every workspace package', () => {
    for (const workspace of WORKSPACES) {
      expect(readJson<PackageJson>(join(ROOT, workspace, 'package.json')).engines?.node, workspace).toBe(promised);
    }
  });

  it('of every installed package admits every Node.js version the root promises', () => {
    const installed = [join(ROOT, 'node_modules'), ...WORKSPACES.map((w) => join(ROOT, w, 'node_modules'))].flatMap(installedPackages);
    expect(installed.length).toBeGreaterThan(100);
    const refusing = installed
      .filter(({ pkg }) => pkg.engines?.node !== undefined && !admitsPromise(pkg.engines.node))
      .map(({ path, pkg }) => `${pkg.name}@${pkg.version} (${path.slice(ROOT.length + 1)}) needs node '${pkg.engines?.node}'`);
    expect(refusing, `promised: '${promised}'`).toEqual([]);
  });

  it('of every package in package-lock.json (those for other platforms too) admits them as well', () => {
    const lock = readJson<{ packages: Record<string, PackageJson> }>(join(ROOT, 'package-lock.json'));
    const refusing = Object.entries(lock.packages)
      .filter(([path, pkg]) => path !== '' && pkg.engines?.node !== undefined && !admitsPromise(pkg.engines.node))
      .map(([path, pkg]) => `${path}@${pkg.version} needs node '${pkg.engines?.node}'`);
    expect(refusing, `promised: '${promised}'`).toEqual([]);
  });

  it('the check itself tells a range that leaves out a promised version', () => {
    // The two packages that once warned on Node 20 (content-disposition@3, cookie@2).
    expect(admitsPromise('>=22')).toBe(false);
    expect(admitsPromise('>=18')).toBe(true);
    expect(admitsPromise('^20.19.0 || >=22.12.0')).toBe(true);
    expect(admitsPromise('20 || >=22')).toBe(true);
    expect(admitsPromise('not a range')).toBe(false);
  });
});
