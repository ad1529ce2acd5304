// Counters that protect national systems and holders: fixed-window rate limits and holder-mismatch
// locks. Kept in the database so that every instance sharing it (Workers isolates, Node processes)
// enforces the same limits.
import { desc, lt } from 'drizzle-orm'
import type { Db } from './db.ts'
import { auditEvents } from './schema.ts'
import { statementsOf } from './statements.ts'

export interface RateDecision {
  readonly allowed: boolean
  /** Seconds until the window resets, when refused. */
  readonly retryAfter: number
  /** Hits the window still allows after this one. */
  readonly remaining: number
}

export interface RateHit {
  readonly bucket: string
  readonly limit: number
  readonly windowSeconds: number
}

/** Counts one hit in `bucket`'s current window of `windowSeconds`; refuses past `limit`. */
export async function hitRateLimit(
  db: Db,
  bucket: string,
  limit: number,
  windowSeconds: number,
  nowSeconds: number,
): Promise<RateDecision> {
  return (await hitRateLimits(db, [{ bucket, limit, windowSeconds }], nowSeconds))[0]!
}

/**
 * Counts one hit in each bucket, all in one transaction (one commit, and one write lock for the
 * processes sharing the database, instead of one per bucket); a decision per hit, in order.
 */
export async function hitRateLimits(db: Db, hits: readonly RateHit[], nowSeconds: number): Promise<RateDecision[]> {
  const statement = statementsOf(db).hitRateLimit
  const windows = hits.map((hit) => nowSeconds - (nowSeconds % hit.windowSeconds))
  const rows = await db.atomicRows(
    hits.map((hit, i) => ({
      statement,
      values: { bucket: hit.bucket, windowStart: windows[i], previousStart: windows[i]! - hit.windowSeconds },
    })),
  )
  return hits.map((hit, i) => {
    const row = rows[i]?.[0]
    const count = slidingCount(Number(row?.count ?? 1), Number(row?.previous_count ?? 0), (nowSeconds - windows[i]!) / hit.windowSeconds)
    return {
      allowed: count <= hit.limit,
      retryAfter: windows[i]! + hit.windowSeconds - nowSeconds,
      remaining: Math.max(0, hit.limit - count),
    }
  })
}

/**
 * The hits of the last windowSeconds, estimated from the current window's count and the previous
 * window's, weighted by the part of it that still overlaps (`elapsed` is the fraction of the current
 * window gone by). A burst across a window boundary counts once, not twice.
 */
export function slidingCount(count: number, previousCount: number, elapsed: number): number {
  return count + Math.floor(previousCount * (1 - elapsed))
}

export type AuditRow = typeof auditEvents.$inferSelect

/** Stores one audit event (src/audit/audit.ts checks that it holds codes only). */
export async function insertAuditEvent(db: Db, event: { action: string; adapter?: string; outcome: string; at: number }): Promise<void> {
  await db.orm.insert(auditEvents).values({ action: event.action, adapter: event.adapter ?? null, outcome: event.outcome, at: event.at })
}

/** Up to `limit` audit events, newest first, with ids below `before` when given. */
export async function listAuditEvents(db: Db, limit: number, before?: number): Promise<AuditRow[]> {
  return db.orm
    .select()
    .from(auditEvents)
    .where(before === undefined ? undefined : lt(auditEvents.id, before))
    .orderBy(desc(auditEvents.id))
    .limit(limit)
}
