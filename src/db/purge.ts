// Forgets what has expired, so that no table grows without bound. One function for both runtimes:
// a periodic job on Node (src/runtime/node/scheduler.ts) and the cron trigger on Workers (src/runtime/workerd/main.ts) call it.
//
//   rate_limits       a counter, once its window (and the one before it) has passed
//   idempotency_keys  a day after the request that sent it
//   signatures        the SIGNATURE hashes of a certificate, once it has expired (no revocation
//                     entry is needed for an expired certificate)
//   audit_events      after a year
// Issuances themselves are kept: they hold the revocation state and make re-requests idempotent.
import { inArray, lte, lt } from 'drizzle-orm'
import type { Db } from './db.ts'
import { auditEvents, idempotencyKeys, issuances, rateLimits, signatures } from './schema.ts'

export interface Retention {
  /** The longest rate-limit window (binding attempts' included); a counter is dropped two windows after it started. */
  readonly rateWindowSeconds: number
  readonly idempotencySeconds: number
  readonly auditSeconds: number
}

export const defaultRetention: Retention = {
  rateWindowSeconds: 3_600,
  idempotencySeconds: 24 * 3_600,
  auditSeconds: 365 * 24 * 3_600,
}

export interface PurgeCounts {
  readonly rateLimits: number
  readonly idempotencyKeys: number
  readonly signatures: number
  readonly auditEvents: number
}

/** Deletes every expired row as of `nowSeconds`; how many of each kind. */
export async function purgeExpired(db: Db, nowSeconds: number, retention: Partial<Retention> = {}): Promise<PurgeCounts> {
  const r = { ...defaultRetention, ...retention }
  const one = { n: rateLimits.windowStart }
  const rate = await db.orm
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, nowSeconds - 2 * r.rateWindowSeconds))
    .returning(one)
  const keys = await db.orm
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, nowSeconds - r.idempotencySeconds))
    .returning({ n: idempotencyKeys.createdAt })
  const expired = db.orm.select({ eventKey: issuances.eventKey }).from(issuances).where(lte(issuances.expiresAt, nowSeconds))
  const sigs = await db.orm.delete(signatures).where(inArray(signatures.eventKey, expired)).returning({ n: signatures.kid })
  const audits = await db.orm
    .delete(auditEvents)
    .where(lt(auditEvents.at, nowSeconds - r.auditSeconds))
    .returning({ n: auditEvents.id })
  return {
    rateLimits: rate.length,
    idempotencyKeys: keys.length,
    signatures: sigs.length,
    auditEvents: audits.length,
  }
}

/** Retention from the configuration the limits run with. */
export function retentionFor(config: { readonly holderLock: { readonly lockMinutes: number } }): Partial<Retention> {
  // Binding attempts (src/db/attempts.ts) are rate-limit counters whose window is the lock window.
  const lockSeconds = config.holderLock.lockMinutes * 60
  return { rateWindowSeconds: Math.max(defaultRetention.rateWindowSeconds, lockSeconds) }
}
