// The periodic purge of expired rows (src/db/purge.ts), as one run that logs what it removed and
// records a failure as an audit event. The edges' schedulers run it: Node on a timer (startPurgeTimer,
// src/runtime/node/scheduler.ts); Workers from the cron trigger of wrangler.toml (src/runtime/workerd/scheduler.ts).
import type { AuditSink } from '../audit/audit.ts'
import type { Db } from '../db/db.ts'
import { purgeExpired, type PurgeCounts, type Retention } from '../db/purge.ts'
import type { Logger } from '../platform/log.ts'

export interface PurgeJob {
  readonly db: Db
  readonly log: Logger
  readonly audit?: AuditSink
  readonly now?: () => Date
  readonly retention?: Partial<Retention>
}

/** One purge; never throws (a failure is logged and audited, and the next run tries again). */
export async function runPurge(job: PurgeJob): Promise<PurgeCounts | undefined> {
  const now = job.now ?? (() => new Date())
  try {
    const counts = await purgeExpired(job.db, Math.floor(now().getTime() / 1000), job.retention)
    job.log.info('purged expired rows', { ...counts })
    return counts
  } catch (error) {
    job.log.error('purge failed', { error })
    const code = (error as { code?: unknown }).code
    await job.audit?.({ action: 'db.purge', outcome: typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : 'FAILED' })
    return undefined
  }
}

/** Node: a purge now and every `intervalMs` (10 minutes by default); the timer does not hold the process. */
export function startPurgeTimer(job: PurgeJob, intervalMs = 10 * 60_000): () => void {
  void runPurge(job)
  const timer = setInterval(() => void runPurge(job), intervalMs)
  ;(timer as { unref?: () => void }).unref?.()
  return () => clearInterval(timer)
}
