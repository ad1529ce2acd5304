// Workers edge: the Worker's bindings, the D1 database `DB` and every var and secret as a string. The
// configuration is read from the string bindings once per isolate build (src/service/assemble.ts);
// nothing else sees the bindings.
import type { D1Database } from '@cloudflare/workers-types'
import type { Env } from '../../config.ts'

export interface WorkerEnv {
  readonly DB: D1Database
  /** Vars (wrangler.toml [vars]) and secrets (`wrangler secret put`): CERTBRIDGE_*, PORT. */
  readonly [name: string]: unknown
}

/** The string-valued bindings, in the shape `loadConfig` reads (objects such as DB are left out). */
export function workerConfigSource(env: WorkerEnv): Env {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(env)) if (typeof value === 'string') out[name] = value
  return out
}
