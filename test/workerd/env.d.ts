/// <reference types="@cloudflare/vitest-pool-workers/types" />
// Bindings the workerd tests see through `env` from cloudflare:test.
declare namespace Cloudflare {
  interface Env {
    DB: import('@cloudflare/workers-types').D1Database
    CERTBRIDGE_MODE?: string
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
  }
}
