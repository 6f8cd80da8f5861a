import { defineConfig } from 'vitest/config';

// Two cores: integration files each open their own database, so keep the pool small.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // In CI every test is listed, so the log shows the [postgres] runs and the browser tests by name.
    reporters: process.env.CI ? ['verbose'] : ['default'],
  },
});
