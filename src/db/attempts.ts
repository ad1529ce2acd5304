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
import { DbError } from './errors.ts'
import type { AtomicStep, Db, PreparedQuery } from './db.ts'
import { hitRateLimits, type RateDecision, type RateHit } from './guards.ts'
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
export class AttemptsExhaustedError extends DbError<'HOLDER_LOCKED'> {
  declare readonly retryAfter: number
  constructor(retryAfter: number) {
    super('HOLDER_LOCKED', 'Too many attempts with details that did not match a certificate for this link; try again later.', {
      retryAfter,
    })
  }
}

export interface AttemptKeys {
  /** Keyed hash of the national record. */
  readonly recordKey: string
  /** Keyed hash of the client, when known. */
  readonly clientKey?: string
}

/** The counters one attempt takes, so that a caller may count them in a transaction of its own. */
export function attemptHits(keys: AttemptKeys, limits: AttemptLimits): RateHit[] {
  const hits: RateHit[] = [{ bucket: `attempts:${keys.recordKey}`, limit: limits.perRecord, windowSeconds: limits.windowSeconds }]
  if (keys.clientKey !== undefined) {
    hits.push({
      bucket: `attempts:${keys.recordKey}:${keys.clientKey}`,
      limit: limits.perClientPerRecord,
      windowSeconds: limits.windowSeconds,
    })
  }
  return hits
}

/** The reservation those counters make, or the decision that refuses it. */
export function reservationOf(
  hits: readonly RateHit[],
  decisions: readonly RateDecision[],
  nowSeconds: number,
): { reservation: AttemptReservation; refused?: RateDecision } {
  const reservation: AttemptReservation = {
    held: hits.map((hit) => ({ bucket: hit.bucket, windowStart: nowSeconds - (nowSeconds % hit.windowSeconds) })),
    last: decisions.some((decision) => decision.allowed && decision.remaining === 0),
  }
  const refused = decisions.find((decision) => !decision.allowed)
  return refused ? { reservation, refused } : { reservation }
}

/** Reserves one attempt in a transaction of its own; HOLDER_LOCKED, holding nothing, when a counter is full. */
export async function reserveAttempt(db: Db, keys: AttemptKeys, limits: AttemptLimits, nowSeconds: number): Promise<AttemptReservation> {
  const hits = attemptHits(keys, limits)
  const { reservation, refused } = reservationOf(hits, await hitRateLimits(db, hits, nowSeconds), nowSeconds)
  if (refused) {
    await releaseAttempt(db, reservation)
    throw new AttemptsExhaustedError(refused.retryAfter)
  }
  return reservation
}

/** The writes that give reservations back, to run in the caller's transaction (the issuance's, whose rows are read). */
export function releaseSteps(db: Db, reservations: readonly AttemptReservation[]): AtomicStep<PreparedQuery>[] {
  const statement = statementsOf(db).releaseRateLimit
  return reservations.flatMap((reservation) => reservation.held.map((held) => ({ statement, values: held })))
}

/** Gives reservations back in a transaction of their own. */
export async function releaseAttempt(db: Db, ...reservations: readonly AttemptReservation[]): Promise<void> {
  const steps = releaseSteps(db, reservations)
  if (steps.length > 0) await db.atomic(steps)
}
