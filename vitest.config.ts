import { defineConfig } from 'vitest/config'

// The Node tests (unit, adapter contract, conformance, end-to-end, browser). The tests that run inside
// workerd with a local D1 have their own config (vitest.workers.config.ts), run by `npm test` after
// these: as a project of this config its module aliases (jsonld's HTTP client stand-in) are not applied.
export default defineConfig({
  test: {
    name: 'node',
    include: ['src/**/*.test.ts', 'adapters/**/*.test.ts', 'test/**/*.test.ts', 'tools/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Stops the run with one message when the public test data is missing (test/shared.ts).
    globalSetup: ['test/global-setup.ts'],
    // Every test file starts on the Node edge's primitives and file reads (src/runtime/node/install.ts).
    setupFiles: ['test/node-runtime.ts'],
  },
})
