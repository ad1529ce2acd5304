// Issuance rows: written once per record and event, revoked in place. No personal data (see schema.ts).
import { and, eq, sql } from 'drizzle-orm'
import type { AtomicStep, Db, PreparedQuery } from './db.ts'
import { issuances, signatures } from './schema.ts'
import { statementsOf } from './statements.ts'
import type { RevokedEntry } from '../revocation/batch.ts'

export type IssuanceRow = typeof issuances.$inferSelect
export type NewIssuance = typeof issuances.$inferInsert

export async function findIssuance(db: Db, eventKey: string): Promise<IssuanceRow | undefined> {
  const rows = await statementsOf(db).findIssuance.all({ eventKey })
  return rows[0]
}

export async function findIssuanceByUciHash(db: Db, uciHash: string): Promise<IssuanceRow | undefined> {
  const rows = await db.orm.select().from(issuances).where(eq(issuances.uciHash, uciHash)).limit(1)
  return rows[0]
}

/** What recordIssuance found once its writes were in. */
export interface StoredIssuance {
  /** True when this call's row went in; false when the event had its row already (a repeat, or a concurrent duplicate first). */
  readonly inserted: boolean
  /**
   * True when the signature hash was stored: the event's row is valid and has the validity this call
   * signed. False when a concurrent duplicate stored another validity first (or the row was revoked):
   * the caller signs again with `stored` and calls storeSignature.
   */
  readonly signatureStored: boolean
  /** The event's row as stored. */
  readonly stored: { readonly issuedAt: number; readonly expiresAt: number; readonly status: 'valid' | 'revoked' }
}

/**
 * Stores an issuance, its signature hash and the idempotency key that asked for it, all or nothing,
 * and reads the event's row back in the same transaction: a concurrent duplicate (same event key)
 * leaves the first row in place, and the caller learns which row stands.
 */
export async function recordIssuance(
  db: Db,
  row: NewIssuance,
  signatureHash: string,
  idempotency?: { keyHash: string; requestHash: string; createdAt: number },
  /** Further writes that belong to the same commit (the binding attempts given back); each returns rows. */
  alsoSteps: readonly AtomicStep<PreparedQuery>[] = [],
): Promise<StoredIssuance> {
  const statements = statementsOf(db)
  const { eventKey, kid, issuedAt, expiresAt } = row
  const steps: AtomicStep<PreparedQuery>[] = [
    {
      statement: statements.insertIssuance,
      // the columns drizzle fills when a row leaves them out: the schema default and nulls
      values: { ...row, status: row.status ?? 'valid', revokedAt: row.revokedAt ?? null, revocationReason: row.revocationReason ?? null },
    },
    { statement: statements.insertSignature, values: { eventKey, signatureHash, kid, issuedAt, expiresAt } },
  ]
  if (idempotency) steps.push({ statement: statements.insertIdempotencyKey, values: { ...idempotency, eventKey } })
  steps.push(...alsoSteps, { statement: statements.storedIssuance, values: { eventKey } })
  const rows = await db.atomicRows(steps)
  const stored = rows[rows.length - 1]?.[0]
  // The row either went in or was there: its absence would be a fault of the statements above.
  if (!stored) throw new Error('the issuance row is missing after its insert')
  return {
    inserted: (rows[0]?.length ?? 0) > 0,
    signatureStored: (rows[1]?.length ?? 0) > 0,
    stored: {
      issuedAt: Number(stored.issued_at),
      expiresAt: Number(stored.expires_at),
      status: stored.status === 'revoked' ? 'revoked' : 'valid',
    },
  }
}

/** Stores the hash of a signature made again with the stored validity; false when the row no longer has it (or was revoked). */
export async function storeSignature(
  db: Db,
  signature: { eventKey: string; signatureHash: string; kid: string; issuedAt: number; expiresAt: number },
): Promise<boolean> {
  const rows = await db.atomicRows([{ statement: statementsOf(db).insertSignature, values: signature }])
  return (rows[0]?.length ?? 0) > 0
}

/**
 * Reserves an Idempotency-Key before any work (eventKey '' until recordIssuance binds it): true when
 * this call reserved it, false when it was already reserved or used.
 */
export async function reserveIdempotencyKey(db: Db, key: { keyHash: string; requestHash: string; createdAt: number }): Promise<boolean> {
  const statement = statementsOf(db).reserveIdempotencyKey
  const rows = await db.atomicRows([{ statement, values: key }])
  return (rows[0]?.length ?? 0) > 0
}

/** Forgets a reservation whose work failed (a bound key stays). */
export async function dropIdempotencyReservation(db: Db, keyHash: string): Promise<void> {
  await db.atomic([{ statement: statementsOf(db).dropIdempotencyReservation, values: { keyHash } }])
}

export async function findIdempotencyKey(db: Db, keyHash: string) {
  const rows = await statementsOf(db).findIdempotencyKey.all({ keyHash })
  return rows[0]
}

export type RevocationReason = 'ADMIN' | 'SOURCE_REVOKED' | 'SOURCE_EXPIRED'

export async function revokeByUciHash(db: Db, uciHash: string, reason: RevocationReason, at: number): Promise<number> {
  const result = await db.orm
    .update(issuances)
    .set({ status: 'revoked', revokedAt: at, revocationReason: reason })
    .where(and(eq(issuances.uciHash, uciHash), eq(issuances.status, 'valid')))
    .returning({ eventKey: issuances.eventKey })
  return result.length
}

/** Revokes everything derived from a national record found revoked or expired upstream (a write of the request path: grouped, never waiting on the loop). */
export async function revokeBySource(db: Db, sourceKey: string, reason: RevocationReason, at: number): Promise<number> {
  const rows = await db.atomicRows([{ statement: statementsOf(db).revokeBySource, values: { sourceKey, reason, at } }])
  return rows[0]?.length ?? 0
}

/** Revoked certificates that have not expired yet (expired ones need no revocation entry). */
export async function revokedEntries(db: Db, nowSeconds: number): Promise<RevokedEntry[]> {
  const rows = await db.orm
    .select({
      eventKey: issuances.eventKey,
      kid: issuances.kid,
      uciHash: issuances.uciHash,
      countryUciHash: issuances.countryUciHash,
      expiresAt: issuances.expiresAt,
      signatureHash: signatures.signatureHash,
    })
    .from(issuances)
    .leftJoin(signatures, eq(signatures.eventKey, issuances.eventKey))
    .where(and(eq(issuances.status, 'revoked'), sql`${issuances.expiresAt} > ${nowSeconds}`))
  const byEvent = new Map<string, { kid: string; uciHash: string; countryUciHash: string; expiresAt: number; signatureHashes: string[] }>()
  for (const row of rows) {
    let entry = byEvent.get(row.eventKey)
    if (!entry) {
      entry = { kid: row.kid, uciHash: row.uciHash, countryUciHash: row.countryUciHash, expiresAt: row.expiresAt, signatureHashes: [] }
      byEvent.set(row.eventKey, entry)
    }
    if (row.signatureHash) entry.signatureHashes.push(row.signatureHash)
  }
  return [...byEvent.values()]
}

/** Which of the given hashes names a certificate revoked here, if any (checked in EU order). */
export async function revokedHashType(
  db: Db,
  hashes: { uci?: string; countryCodeUci?: string; signature?: string },
): Promise<'UCI' | 'COUNTRYCODEUCI' | 'SIGNATURE' | undefined> {
  const statements = statementsOf(db)
  if (hashes.uci && (await statements.revokedByUci.all({ hash: hashes.uci })).length) return 'UCI'
  if (hashes.countryCodeUci && (await statements.revokedByCountryUci.all({ hash: hashes.countryCodeUci })).length) return 'COUNTRYCODEUCI'
  if (hashes.signature && (await statements.revokedBySignature.all({ hash: hashes.signature })).length) return 'SIGNATURE'
  return undefined
}
