// The statements every issuance and verification runs, built by drizzle once per database and
// reused with placeholders: building a query (and better-sqlite3's prepare) on every call cost more
// than running it. Built lazily on first use, since a Db is opened before its first request.
import { and, eq, sql } from 'drizzle-orm'
import type { Db, Orm } from './db.ts'
import { idempotencyKeys, issuances, rateLimits, signatures } from './schema.ts'

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
    /**
     * bucket, windowStart → [{ bucket }] when given back: one hit of the window it was counted in (a
     * reservation released). It returns rows so that it may join a group whose rows are read (atomicRows).
     */
    releaseRateLimit: orm
      .update(rateLimits)
      .set({ count: sql`${rateLimits.count} - 1` })
      .where(and(eq(rateLimits.bucket, p('bucket')), eq(rateLimits.windowStart, p('windowStart')), sql`${rateLimits.count} > 0`))
      .returning({ bucket: rateLimits.bucket })
      .prepare(),
    /** eventKey → [issuance row] */
    findIssuance: orm
      .select()
      .from(issuances)
      .where(eq(issuances.eventKey, p('eventKey')))
      .limit(1)
      .prepare(),
    /** keyHash → [idempotency row] */
    findIdempotencyKey: orm
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.keyHash, p('keyHash')))
      .limit(1)
      .prepare(),
    /** Every column of an issuance → [{ event_key }] when this row went in; a duplicate event key leaves the first row in place. */
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
      // Only the event key: another event with the same UCI hash fails the whole issuance.
      .onConflictDoNothing({ target: issuances.eventKey })
      .returning({ event_key: issuances.eventKey })
      .prepare(),
    /**
     * eventKey, signatureHash, kid, issuedAt, expiresAt → [{ signature_hash }] when stored: only while
     * the event's row is valid and has the validity that was signed. A request that lost the race to a
     * concurrent duplicate with another validity stores nothing here, and signs again (src/issue/issue.ts).
     */
    insertSignature: orm
      .insert(signatures)
      .select(
        orm
          .select({
            eventKey: issuances.eventKey,
            signatureHash: sql<string>`${p('signatureHash')}`.as('signature_hash'),
            kid: sql<string>`${p('kid')}`.as('kid'),
          })
          .from(issuances)
          .where(
            and(
              eq(issuances.eventKey, p('eventKey')),
              eq(issuances.issuedAt, p('issuedAt')),
              eq(issuances.expiresAt, p('expiresAt')),
              eq(issuances.status, 'valid'),
            ),
          ),
      )
      .onConflictDoNothing()
      .returning({ signature_hash: signatures.signatureHash })
      .prepare(),
    /** eventKey → [{ issued_at, expires_at, status }]: the row as stored, read back in the issuance's transaction */
    storedIssuance: orm
      .select({ issued_at: issuances.issuedAt, expires_at: issuances.expiresAt, status: issuances.status })
      .from(issuances)
      .where(eq(issuances.eventKey, p('eventKey')))
      .limit(1)
      .prepare(),
    /** keyHash, requestHash, eventKey, createdAt → [{ key_hash }] when stored or bound */
    insertIdempotencyKey: orm
      .insert(idempotencyKeys)
      .values({ keyHash: p('keyHash'), requestHash: p('requestHash'), eventKey: p('eventKey'), createdAt: p('createdAt') })
      // A key reserved before the work started (eventKey '') is bound to what the work produced.
      .onConflictDoUpdate({
        target: idempotencyKeys.keyHash,
        set: { eventKey: sql`excluded.event_key` },
        where: eq(idempotencyKeys.eventKey, ''),
      })
      .returning({ key_hash: idempotencyKeys.keyHash })
      .prepare(),
    /** sourceKey, reason, at → [{ event_key }] per issuance revoked: what was derived from a record revoked upstream */
    revokeBySource: orm
      .update(issuances)
      .set({ status: 'revoked', revokedAt: sql`${p('at')}`, revocationReason: sql`${p('reason')}` })
      .where(and(eq(issuances.sourceKey, p('sourceKey')), eq(issuances.status, 'valid')))
      .returning({ event_key: issuances.eventKey })
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
    revokedByUci: orm
      .select({ k: issuances.eventKey })
      .from(issuances)
      .where(and(eq(issuances.uciHash, p('hash')), revoked))
      .limit(1)
      .prepare(),
    /** hash → [{ k }] when a revoked issuance has this COUNTRYCODEUCI hash */
    revokedByCountryUci: orm
      .select({ k: issuances.eventKey })
      .from(issuances)
      .where(and(eq(issuances.countryUciHash, p('hash')), revoked))
      .limit(1)
      .prepare(),
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
