// better-sqlite3 for Electron: Electron's Node ABI differs from the system Node's, so the app loads
// a separate build (made by scripts/build-electron-native.mjs into resources/native/, shipped
// outside the asar) through better-sqlite3's nativeBinding option. Tests and the CLI keep using the
// Node build in node_modules.
import { existsSync } from 'node:fs';
import path from 'node:path';

export const NATIVE_FILE = 'better_sqlite3.node';

export function electronNativeBinding(
  isPackaged: boolean,
  appPath: string,
  resourcesPath: string,
): string | undefined {
  const file = isPackaged
    ? path.join(resourcesPath, 'native', NATIVE_FILE)
    : path.join(appPath, 'resources', 'native', NATIVE_FILE);
  return existsSync(file) ? file : undefined;
}
