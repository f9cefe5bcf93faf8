// The `studio` fixture: where the server of global-setup.ts listens, and its token.
import { test as base } from '@playwright/test';

export interface StudioAddress {
  /** The URL the server printed: origin + "/#token=...". */
  url: string;
  origin: string;
  token: string;
  dbPath: string;
}

export const test = base.extend<{ studio: StudioAddress }>({
  // eslint-disable-next-line no-empty-pattern
  studio: async ({}, use) => {
    const url = process.env.STUDIO_E2E_URL;
    if (!url) throw new Error('e2e: STUDIO_E2E_URL is not set (global setup did not run).');
    const parsed = new URL(url);
    await use({
      url,
      origin: parsed.origin,
      token: new URLSearchParams(parsed.hash.slice(1)).get('token') ?? '',
      dbPath: process.env.STUDIO_E2E_DB ?? '',
    });
  },
});

export { expect } from '@playwright/test';
