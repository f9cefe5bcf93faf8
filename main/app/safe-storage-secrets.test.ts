import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SafeStorageSecrets } from './safe-storage-secrets';

// Electron's safeStorage needs the Electron binary; a reversible stand-in cipher checks the store's
// own behaviour (ciphertext only on disk, refusal without a keychain).
const fakeCipher = (available = true) => ({
  isEncryptionAvailable: () => available,
  encryptString: (s: string) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)),
  decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
});

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SafeStorageSecrets', () => {
  it('keeps only ciphertext on disk and reads it back', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'as-secrets-'));
    dirs.push(dir);
    const file = path.join(dir, 'secrets.json');
    const store = new SafeStorageSecrets(file, fakeCipher());
    store.set('a', 'super-secret-key-us10');
    expect(readFileSync(file, 'utf8')).not.toContain('super-secret');
    expect(new SafeStorageSecrets(file, fakeCipher()).get('a')).toBe('super-secret-key-us10');
    store.delete('a');
    expect(store.get('a')).toBeUndefined();
  });

  it('refuses to store without a keychain', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'as-secrets-'));
    dirs.push(dir);
    const store = new SafeStorageSecrets(path.join(dir, 's.json'), fakeCipher(false));
    expect(() => store.set('a', 'x')).toThrow(/keychain is not available/);
  });
});
