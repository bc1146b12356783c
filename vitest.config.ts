import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests never depend on the machine's zone: package.json runs them under TZ=America/Los_Angeles.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
    pool: 'forks',
  },
});
