// Where the app keeps its workspace when none is named: the folder Electron calls userData for an
// app named "Audience Studio", so the desktop app and browser mode open the same workspace.
import path from 'node:path';

export const APP_FOLDER = 'Audience Studio';
export const WORKSPACE_FILE = 'workspace.sqlite';

function userDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (env.AUDIENCE_STUDIO_HOME) return path.resolve(env.AUDIENCE_STUDIO_HOME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  if (platform === 'win32') {
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  }
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
}

export function defaultWorkspacePath(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  home: string,
): string {
  return path.join(userDataDir(env, platform, home), WORKSPACE_FILE);
}
