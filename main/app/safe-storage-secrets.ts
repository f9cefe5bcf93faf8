import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import type { SecretStore } from '../publish/publish-types';

// Connection secrets in the app: encrypted by Electron's safeStorage (the OS keychain holds the key:
// Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux) and kept as ciphertext in a file
// of the user-data folder, never in the workspace cache. Pass Electron's `safeStorage`.

type Cipher = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;

export class SafeStorageSecrets implements SecretStore {
  constructor(
    private readonly file: string,
    private readonly cipher: Cipher,
  ) {}

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
  }

  private write(all: Record<string, string>): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
    renameSync(tmp, this.file);
  }

  get(ref: string): string | undefined {
    const b64 = this.read()[ref];
    return b64 === undefined ? undefined : this.cipher.decryptString(Buffer.from(b64, 'base64'));
  }

  set(ref: string, value: string): void {
    if (!this.cipher.isEncryptionAvailable()) {
      // Never fall back to plain text: the user is told instead.
      throw new Error(
        'the system keychain is not available, so the secret cannot be stored safely',
      );
    }
    const all = this.read();
    all[ref] = this.cipher.encryptString(value).toString('base64');
    this.write(all);
  }

  delete(ref: string): void {
    const all = this.read();
    if (!(ref in all)) return;
    delete all[ref];
    this.write(all);
  }
}
