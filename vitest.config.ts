import { defineConfig } from 'vitest/config';

// Unit and integration tests live next to the code they test. Playwright's e2e/*.spec.ts are kept
// out on purpose: they need a browser and a built renderer and run under `npm run test:e2e`.
export default defineConfig({
  test: {
    include: [
      'main/**/*.test.ts',
      'shared/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'bench/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
