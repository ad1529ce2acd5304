// Workers edge: no timer runs in an isolate. The purge of expired counters, locks, idempotency keys
// and signature hashes runs from the cron trigger (wrangler.toml [triggers] crons; the `scheduled`
// handler of main.ts) with the same function as the Node timer; trust lists are refreshed beside
// requests when due (main.ts, with ctx.waitUntil).
import { createAuditSink } from '../../audit/audit.ts'
import { loadConfig } from '../../config.ts'
import { retentionFor } from '../../db/purge.ts'
import type { Logger } from '../../platform/log.ts'
import type { Scheduler } from '../../service/edge.ts'
import { runPurge } from '../../service/maintenance.ts'
import { adapters } from '../../../adapters/registry.ts'
import { workerConfigSource, type WorkerEnv } from './config-source.ts'
import { openD1Db } from './database.ts'

export const workerScheduler: Scheduler = {
  start: () => () => {},
}

/** The cron trigger's run: its own invocation, which reads the retention settings without building the service. */
export async function scheduledPurge(env: WorkerEnv, log: Logger, now: () => Date = () => new Date()): Promise<void> {
  if (!env.DB) return log.error('purge skipped: the D1 binding DB is missing')
  let retention = {}
  try {
    retention = retentionFor(loadConfig(workerConfigSource(env), adapters))
  } catch {
    // A configuration the service refuses still leaves the defaults to purge with.
  }
  const db = openD1Db(env.DB)
  await runPurge({ db, log, audit: createAuditSink({ db, log, now }), now, retention })
}
