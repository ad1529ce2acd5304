// The Worker's tests inside workerd (@cloudflare/vitest-pool-workers): src/runtime/workerd/main.ts as the `main`
// Worker (SELF), the bindings of wrangler.toml with a local D1 per test file, the drizzle migrations
// applied by a setup file. Run alone with `npx vitest run -c vitest.workers.config.ts`.
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'

export default defineConfig(async () => {
  const migrations = await readD1Migrations(new URL('./migrations', import.meta.url).pathname)
  return {
    plugins: [
      cloudflareTest({
        main: './src/runtime/workerd/main.ts',
        wrangler: { configPath: './wrangler.toml' },
        miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
      }),
    ],
    // jsonld's Node platform file imports an HTTP client built on undici; canonicalization never
    // fetches (src/trust/gdhcn/canonize.ts), so a stand-in takes its place here.
    resolve: { alias: { '@digitalbazaar/http-client': new URL('./src/trust/gdhcn/no-http-client.cjs', import.meta.url).pathname } },
    test: {
      name: 'workerd',
      include: ['test/workerd/**/*.workerd.ts'],
      setupFiles: ['test/workerd/apply-migrations.ts'],
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  }
})
