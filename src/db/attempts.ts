// Binding attempts: how often one national record may be tried against a requester's claim.
//
// Every evaluation of a claim against a record is reserved before it happens, in one transaction
// over two counters, so that concurrent guesses cannot slip past the limit:
//   - per client and record: `perClientPerRecord` attempts per window (a stranger with one address
//     locks out only themself);
//   - per record, over all clients: `perRecord` attempts per window (bounds guessing from many
//     addresses).
// A claim that binds gives its reservation back; a refusal keeps it. So the counters count the
// failed attempts (and those in flight), never the holder's own successful requests.
import { CertbridgeError } from '../errors.ts'
import type { Db } from './db.ts'
import { hitRateLimits, type RateHit } from './guards.ts'
import { statementsOf } from './statements.ts'

export interface AttemptLimits {
  readonly perClientPerRecord: number
  readonly perRecord: number
  readonly windowSeconds: number
}

/** What was counted, to be given back when the claim binds. */
export interface AttemptReservation {
  readonly held: readonly { readonly bucket: string; readonly windowStart: number }[]
  /** This attempt took the last one a counter allowed: if it fails, the record is now locked. */
  readonly last: boolean
}

/** A refusal that tells the client when to come back. */
export class AttemptsExhaustedError extends CertbridgeError<'HOLDER_LOCKED'> {
  readonly retryAfter: number
  constructor(retryAfter: number) {
    super('HOLDER_LOCKED', 'Too many attempts with details that did not match a certificate for this link; try again later.')
    this.retryAfter = retryAfter
  }
}

/**
 * Reserves one attempt on `recordKey` (a keyed hash of the national record) for `clientKey` (a keyed
 * hash of the client, when known). Throws HOLDER_LOCKED, holding nothing, when either counter is full.
 */
export async function reserveAttempt(
  db: Db,
  keys: { readonly recordKey: string; readonly clientKey?: string },
  limits: AttemptLimits,
  nowSeconds: number,
): Promise<AttemptReservation> {
  const hits: RateHit[] = [{ bucket: `attempts:${keys.recordKey}`, limit: limits.perRecord, windowSeconds: limits.windowSeconds }]
  if (keys.clientKey !== undefined) {
    hits.push({ bucket: `attempts:${keys.recordKey}:${keys.clientKey}`, limit: limits.perClientPerRecord, windowSeconds: limits.windowSeconds })
  }
  const windowStart = nowSeconds - (nowSeconds % limits.windowSeconds)
  const decisions = await hitRateLimits(db, hits, nowSeconds)
  const reservation: AttemptReservation = {
    held: hits.map((hit) => ({ bucket: hit.bucket, windowStart })),
    last: decisions.some((decision) => decision.allowed && decision.remaining === 0),
  }
  const refused = decisions.find((decision) => !decision.allowed)
  if (refused) {
    await releaseAttempt(db, reservation)
    throw new AttemptsExhaustedError(refused.retryAfter)
  }
  return reservation
}

/** Gives a reservation back (the claim bound). */
export async function releaseAttempt(db: Db, reservation: AttemptReservation): Promise<void> {
  if (reservation.held.length === 0) return
  const statement = statementsOf(db).releaseRateLimit
  await db.atomic(reservation.held.map((held) => ({ statement, values: held })))
}
