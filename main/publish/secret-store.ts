import type { SecretStore } from './publish-types';

// The CLI's secrets: a connection names an environment variable, read when publishing. The CLI
// never stores a secret (it would sit in a file); the desktop app uses the OS keychain instead.

export class EnvSecretStore implements SecretStore {
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  get(ref: string): string | undefined {
    const v = this.env[ref];
    return v === undefined || v === '' ? undefined : v;
  }

  set(ref: string): void {
    throw new Error(`the command line does not store secrets: set the environment variable ${ref}`);
  }

  delete(): void {
    // Nothing to forget: the variable belongs to the caller's environment.
  }
}

/** Secrets held in memory only (tests, and a session's unsaved connection). */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();

  get(ref: string): string | undefined {
    return this.values.get(ref);
  }

  set(ref: string, value: string): void {
    this.values.set(ref, value);
  }

  delete(ref: string): void {
    this.values.delete(ref);
  }
}

/** Whether a name can be an environment variable (no secret pasted by mistake). */
export function isEnvVarName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name);
}
