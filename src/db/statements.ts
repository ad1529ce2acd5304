// The statements every issuance and verification runs, built by drizzle once per database and
// reused with placeholders: building a query (and better-sqlite3's prepare) on every call cost more
// than running it. Built lazily on first use, since a Db is opened before its first request.
import { and, eq, sql } from 'drizzle-orm'
import type { Db, Orm } from './db.ts'
import { holderLocks, idempotencyKeys, issuances, rateLimits, signatures } from './schema.ts'

const p = sql.placeholder

function build(orm: Orm) {
  const revoked = eq(issuances.status, 'revoked')
  return {
    /**
     * bucket, windowStart, previousStart → [{ count, previous_count }]: counts one hit; in a new window
     * the count restarts and the last window's count is kept as previous when it was the one just before.
     * (SQLite evaluates every SET expression on the row as it was.)
     */
    hitRateLimit: orm
      .insert(rateLimits)
      .values({ bucket: p('bucket'), windowStart: p('windowStart'), count: 1, previousCount: 0 })
      .onConflictDoUpdate({
        target: rateLimits.bucket,
        set: {
          count: sql`CASE WHEN ${rateLimits.windowStart} = excluded.window_start THEN ${rateLimits.count} + 1 ELSE 1 END`,
          previousCount: sql`CASE WHEN ${rateLimits.windowStart} = excluded.window_start THEN ${rateLimits.previousCount} WHEN ${rateLimits.windowStart} = ${p('previousStart')} THEN ${rateLimits.count} ELSE 0 END`,
          windowStart: sql`excluded.window_start`,
        },
      })
      .returning({ count: rateLimits.count, previous_count: rateLimits.previousCount })
      .prepare(),
    /** bucket, windowStart: gives back one hit of the window it was counted in (a reservation released). */
    releaseRateLimit: orm
      .update(rateLimits)
      .set({ count: sql`${rateLimits.count} - 1` })
      .where(and(eq(rateLimits.bucket, p('bucket')), eq(rateLimits.windowStart, p('windowStart')), sql`${rateLimits.count} > 0`))
      .prepare(),
    /** sourceKey → [{ lockedUntil }] */
    holderLock: orm.select({ lockedUntil: holderLocks.lockedUntil }).from(holderLocks).where(eq(holderLocks.sourceKey, p('sourceKey'))).limit(1).prepare(),
    /** eventKey → [issuance row] */
    findIssuance: orm.select().from(issuances).where(eq(issuances.eventKey, p('eventKey'))).limit(1).prepare(),
    /** keyHash → [idempotency row] */
    findIdempotencyKey: orm.select().from(idempotencyKeys).where(eq(idempotencyKeys.keyHash, p('keyHash'))).limit(1).prepare(),
    /** Every column of an issuance; a duplicate event key leaves the first row in place. */
    insertIssuance: orm
      .insert(issuances)
      .values({
        eventKey: p('eventKey'),
        sourceKey: p('sourceKey'),
        uciHash: p('uciHash'),
        countryUciHash: p('countryUciHash'),
        adapter: p('adapter'),
        type: p('type'),
        kid: p('kid'),
        issuedAt: p('issuedAt'),
        expiresAt: p('expiresAt'),
        status: p('status'),
        revokedAt: p('revokedAt'),
        revocationReason: p('revocationReason'),
      })
      .onConflictDoNothing()
      .prepare(),
    /** eventKey, signatureHash, kid */
    insertSignature: orm
      .insert(signatures)
      .values({ eventKey: p('eventKey'), signatureHash: p('signatureHash'), kid: p('kid') })
      .onConflictDoNothing()
      .prepare(),
    /** keyHash, requestHash, eventKey, createdAt */
    insertIdempotencyKey: orm
      .insert(idempotencyKeys)
      .values({ keyHash: p('keyHash'), requestHash: p('requestHash'), eventKey: p('eventKey'), createdAt: p('createdAt') })
      // A key reserved before the work started (eventKey '') is bound to what the work produced.
      .onConflictDoUpdate({ target: idempotencyKeys.keyHash, set: { eventKey: sql`excluded.event_key` }, where: eq(idempotencyKeys.eventKey, '') })
      .prepare(),
    /** keyHash, requestHash, createdAt → [{ keyHash }] when this call reserved the key (eventKey '' until bound) */
    reserveIdempotencyKey: orm
      .insert(idempotencyKeys)
      .values({ keyHash: p('keyHash'), requestHash: p('requestHash'), eventKey: '', createdAt: p('createdAt') })
      .onConflictDoNothing()
      .returning({ keyHash: idempotencyKeys.keyHash })
      .prepare(),
    /** keyHash: forgets a reservation whose work failed, so that a retry with the key may run */
    dropIdempotencyReservation: orm
      .delete(idempotencyKeys)
      .where(and(eq(idempotencyKeys.keyHash, p('keyHash')), eq(idempotencyKeys.eventKey, '')))
      .prepare(),
    /** hash → [{ k }] when a revoked issuance has this UCI hash */
    revokedByUci: orm.select({ k: issuances.eventKey }).from(issuances).where(and(eq(issuances.uciHash, p('hash')), revoked)).limit(1).prepare(),
    /** hash → [{ k }] when a revoked issuance has this COUNTRYCODEUCI hash */
    revokedByCountryUci: orm.select({ k: issuances.eventKey }).from(issuances).where(and(eq(issuances.countryUciHash, p('hash')), revoked)).limit(1).prepare(),
    /** hash → [{ k }] when a revoked issuance was signed with this SIGNATURE hash */
    revokedBySignature: orm
      .select({ k: signatures.eventKey })
      .from(signatures)
      .innerJoin(issuances, eq(signatures.eventKey, issuances.eventKey))
      .where(and(eq(signatures.signatureHash, p('hash')), revoked))
      .limit(1)
      .prepare(),
  }
}

export type Statements = ReturnType<typeof build>

const built = new WeakMap<Db, Statements>()

/** The prepared statements of `db`, built on first use and kept as long as `db` lives. */
export function statementsOf(db: Db): Statements {
  let statements = built.get(db)
  if (!statements) {
    statements = build(db.orm)
    built.set(db, statements)
  }
  return statements
}
