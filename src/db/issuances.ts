// Issuance rows: written once per record and event, revoked in place. No personal data (see schema.ts).
import { and, eq, sql } from 'drizzle-orm'
import type { AtomicStep, Db } from './db.ts'
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

/**
 * Stores an issuance, its signature hash and the idempotency key that asked for it, all or nothing.
 * A concurrent duplicate (same event key) leaves the first row in place; the caller reads it back.
 */
export async function recordIssuance(
  db: Db,
  row: NewIssuance,
  signatureHash: string,
  idempotency?: { keyHash: string; requestHash: string; createdAt: number },
  /** Further writes that belong to the same commit (the binding attempts given back). */
  alsoSteps: readonly AtomicStep[] = [],
): Promise<void> {
  const statements = statementsOf(db)
  const steps: AtomicStep[] = [
    {
      statement: statements.insertIssuance,
      // the columns drizzle fills when a row leaves them out: the schema default and nulls
      values: { ...row, status: row.status ?? 'valid', revokedAt: row.revokedAt ?? null, revocationReason: row.revocationReason ?? null },
    },
    { statement: statements.insertSignature, values: { eventKey: row.eventKey, signatureHash, kid: row.kid } },
  ]
  if (idempotency) steps.push({ statement: statements.insertIdempotencyKey, values: { ...idempotency, eventKey: row.eventKey } })
  await db.atomic([...steps, ...alsoSteps])
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

/** Revokes everything derived from a national record found revoked or expired upstream. */
export async function revokeBySource(db: Db, sourceKey: string, reason: RevocationReason, at: number): Promise<number> {
  const result = await db.orm
    .update(issuances)
    .set({ status: 'revoked', revokedAt: at, revocationReason: reason })
    .where(and(eq(issuances.sourceKey, sourceKey), eq(issuances.status, 'valid')))
    .returning({ eventKey: issuances.eventKey })
  return result.length
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
