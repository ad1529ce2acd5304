// Counters that protect national systems and holders: fixed-window rate limits and holder-mismatch
// locks. Kept in the database so that every instance sharing it (Workers isolates, Node processes)
// enforces the same limits.
import { sql } from 'drizzle-orm'
import type { Db } from './db.ts'
import { auditEvents, holderLocks } from './schema.ts'
import { statementsOf } from './statements.ts'

export interface RateDecision {
  readonly allowed: boolean
  /** Seconds until the window resets, when refused. */
  readonly retryAfter: number
}

/** Counts one hit in `bucket`'s current window of `windowSeconds`; refuses past `limit`. */
export async function hitRateLimit(db: Db, bucket: string, limit: number, windowSeconds: number, nowSeconds: number): Promise<RateDecision> {
  const windowStart = nowSeconds - (nowSeconds % windowSeconds)
  const rows = await statementsOf(db).hitRateLimit.all({ bucket, windowStart })
  const count = rows[0]?.count ?? 1
  return { allowed: count <= limit, retryAfter: windowStart + windowSeconds - nowSeconds }
}

/** Seconds the source record stays locked after repeated holder mismatches, or 0. */
export async function holderLockRemaining(db: Db, sourceKey: string, nowSeconds: number): Promise<number> {
  const rows = await statementsOf(db).holderLock.all({ sourceKey })
  const lockedUntil = rows[0]?.lockedUntil ?? 0
  return lockedUntil > nowSeconds ? lockedUntil - nowSeconds : 0
}

/** Counts a mismatch; the `max`-th within `lockSeconds` locks the record for `lockSeconds`. */
export async function recordHolderMismatch(db: Db, sourceKey: string, nowSeconds: number, max: number, lockSeconds: number): Promise<void> {
  await db.orm
    .insert(holderLocks)
    .values({ sourceKey, failures: 1, windowStart: nowSeconds, lockedUntil: max <= 1 ? nowSeconds + lockSeconds : null })
    .onConflictDoUpdate({
      target: holderLocks.sourceKey,
      set: {
        failures: sql`CASE WHEN ${holderLocks.windowStart} > ${nowSeconds - lockSeconds} THEN ${holderLocks.failures} + 1 ELSE 1 END`,
        windowStart: sql`CASE WHEN ${holderLocks.windowStart} > ${nowSeconds - lockSeconds} THEN ${holderLocks.windowStart} ELSE ${nowSeconds} END`,
        lockedUntil: sql`CASE WHEN (CASE WHEN ${holderLocks.windowStart} > ${nowSeconds - lockSeconds} THEN ${holderLocks.failures} + 1 ELSE 1 END) >= ${max} THEN ${nowSeconds + lockSeconds} ELSE ${holderLocks.lockedUntil} END`,
      },
    })
}

export async function audit(db: Db, event: { action: string; adapter?: string; outcome: string; at: number }): Promise<void> {
  await db.orm.insert(auditEvents).values({ action: event.action, adapter: event.adapter ?? null, outcome: event.outcome, at: event.at })
}
