// Fetches Electron's binary after install. package.json's allowScripts keeps Electron's own
// download out of `npm ci` so that installs pass on machines without internet (CI, offline
// laptops); here we try the same download and only warn when it fails, because the app still
// runs in browser mode (`npm start` explains this) and every test runs without Electron.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const dir = electronDir();
if (!dir) process.exit(0);
if (existsSync(path.join(dir, 'path.txt'))) process.exit(0);
if (process.env.CI || process.env.AUDIENCE_STUDIO_SKIP_ELECTRON_DOWNLOAD) {
  console.log(
    'postinstall: skipping the Electron binary download (CI); browser mode is available.',
  );
  process.exit(0);
}
const result = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
  stdio: 'pipe',
  timeout: 120_000,
  encoding: 'utf8',
});
if (result.status === 0) {
  console.log('postinstall: Electron binary installed.');
} else {
  console.log(
    'postinstall: the Electron binary could not be downloaded (no internet?). ' +
      '`npm start` will serve the app to your browser instead.',
  );
}
