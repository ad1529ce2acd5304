// The Worker's bindings: the D1 database `DB`, and every var and secret as a string. Configuration is
// read from here exactly once per isolate (src/runtime/workerd/build.ts); nothing else sees the bindings.
import type { D1Database } from '@cloudflare/workers-types'
import type { Env } from '../../config.ts'

export interface WorkerEnv {
  readonly DB: D1Database
  /** Vars (wrangler.toml [vars]) and secrets (`wrangler secret put`): CERTBRIDGE_*, PORT. */
  readonly [name: string]: unknown
}

/** The string-valued bindings, in the shape `loadConfig` reads (objects such as DB are left out). */
export function stringBindings(env: WorkerEnv): Env {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') out[name] = value
  return out
}
