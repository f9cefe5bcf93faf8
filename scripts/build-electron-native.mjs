// Builds (or fetches) better-sqlite3 for Electron's ABI into resources/native/better_sqlite3.node,
// leaving node_modules' Node build alone for tests and the CLI. The app loads it through
// better-sqlite3's nativeBinding option. Runs only where the Electron binary is installed, and
// never fails the caller: without it the app still runs in browser mode.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'resources', 'native', 'better_sqlite3.node');

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, {
    cwd,
    stdio: 'pipe',
    encoding: 'utf8',
    timeout: 600_000,
  });
  return result.status === 0;
}

/**
 * `platform`/`arch` default to this machine; packaging for another one (electron-builder's
 * beforePack) can only fetch a prebuilt binary, not compile it.
 */
export function buildElectronNative({
  force = false,
  platform = process.platform,
  arch = process.arch,
  needBinary = true,
} = {}) {
  if (needBinary && !electronBinary()) {
    return { ok: false, reason: 'the Electron binary is not installed' };
  }
  if (existsSync(target) && !force) return { ok: true, reason: 'already built' };
  const electronVersion = require('electron/package.json').version;
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = mkdtempSync(path.join(tmpdir(), 'as-electron-sqlite-'));
  try {
    const copy = path.join(work, 'better-sqlite3');
    cpSync(source, copy, {
      recursive: true,
      filter: (p) => !p.startsWith(path.join(source, 'build')),
    });
    const prebuild = path.join(root, 'node_modules', 'prebuild-install', 'bin.js');
    const gyp = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    const fetched =
      existsSync(prebuild) &&
      run(
        process.execPath,
        [
          prebuild,
          '--runtime',
          'electron',
          '--target',
          electronVersion,
          '--platform',
          platform,
          '--arch',
          arch,
        ],
        copy,
      );
    const built =
      fetched ||
      (platform === process.platform &&
        arch === process.arch &&
        existsSync(gyp) &&
        run(
          process.execPath,
          [
            gyp,
            'rebuild',
            '--release',
            `--target=${electronVersion}`,
            `--arch=${arch}`,
            '--dist-url=https://electronjs.org/headers',
          ],
          copy,
        ));
    const output = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (!built || !existsSync(output)) {
      return {
        ok: false,
        reason: `no Electron ${electronVersion} build of better-sqlite3 could be fetched or compiled`,
      };
    }
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(output, target);
    return { ok: true, reason: `built for Electron ${electronVersion}` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = buildElectronNative({ force: process.argv.includes('--force') });
  console.log(
    result.ok
      ? `electron native: ${path.relative(root, target)} (${result.reason})`
      : `electron native: skipped, ${result.reason}; the app still runs in browser mode.`,
  );
}
