import { defineConfig } from 'vitest/config'

// Two projects: the Node tests (unit, adapter contract, conformance, end-to-end, browser) and the
// tests that run inside workerd with a local D1 (vitest.workers.config.ts).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Stops the run with one message when the public test data is missing (test/shared.ts).
    globalSetup: ['test/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'node', include: ['src/**/*.test.ts', 'adapters/**/*.test.ts', 'test/**/*.test.ts'] } },
      './vitest.workers.config.ts',
    ],
  },
})
