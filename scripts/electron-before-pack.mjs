// electron-builder's beforePack hook (electron-builder.yml): the package must carry better-sqlite3
// built for Electron's ABI and the target platform, or the app cannot open a workspace; so a
// missing build stops packaging here rather than shipping an app that fails at its first query.
import { buildElectronNative } from './build-electron-native.mjs';

const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

export default async function beforePack(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch] ?? process.arch;
  const result = buildElectronNative({ force: true, platform, arch, needBinary: false });
  if (!result.ok) {
    throw new Error(`better-sqlite3 for Electron (${platform}-${arch}): ${result.reason}`);
  }
  console.log(`beforePack: better-sqlite3 for Electron ${platform}-${arch} (${result.reason})`);
}
