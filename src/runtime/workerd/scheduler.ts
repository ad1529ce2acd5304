// The Worker's cron trigger (wrangler.toml [triggers] crons): purges expired counters, locks,
// idempotency keys and signature hashes from D1 with the same function as the Node timer.
import { createAuditSink } from '../../audit/audit.ts'
import { loadConfig } from '../../config.ts'
import { openD1Db } from './database.ts'
import { retentionFor } from '../../db/purge.ts'
import type { Logger } from '../../platform/log.ts'
import { runPurge } from '../../service/maintenance.ts'
import { adapters } from '../../../adapters/registry.ts'
import { stringBindings, type WorkerEnv } from './env.ts'

export async function scheduledPurge(env: WorkerEnv, log: Logger, now: () => Date = () => new Date()): Promise<void> {
  if (!env.DB) return log.error('purge skipped: the D1 binding DB is missing')
  let retention = {}
  try {
    retention = retentionFor(loadConfig(stringBindings(env), adapters))
  } catch {
    // A configuration the service refuses still leaves the defaults to purge with.
  }
  const db = openD1Db(env.DB)
  await runPurge({ db, log, audit: createAuditSink({ db, log, now }), now, retention })
}
