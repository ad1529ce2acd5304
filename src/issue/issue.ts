// Issuing an EU DCC from a national link, top to bottom (DESIGN.md §2):
//   claim check → match → limits → reserve an attempt → retrieve + normalize → holder binding →
//   consistency → policy → UVCI → payload → sign → store.
// Every dependency (time, keys, adapters, database) is passed in, so each step is deterministic
// under test. Nothing personal is stored: the database sees keyed hashes and revocation hashes only.
//
// No oracle over the national record: until the requester binds to the registered holder, every
// refusal about the record (not found, not theirs, expired, revoked, not convertible, and any
// mismatch an adapter finds) is the one NO_MATCHING_CERTIFICATE. Attempts are counted per national
// record (not per link text) and reserved before the look-up (src/db/attempts.ts).
import { CertbridgeError } from '../platform/errors.ts'
import { IssueError } from './errors.ts'
import { AdapterError } from '../../adapters/_sdk/errors.ts'
import type { AdapterLink, CountryAdapter } from '../../adapters/_sdk/adapter.ts'
import type { HolderClaim, NormalizedHolder, NormalizedRecord } from '../dcc/record.ts'
import type { Db } from '../db/db.ts'
import {
  dropIdempotencyReservation,
  findIdempotencyKey,
  findIssuance,
  recordIssuance,
  reserveIdempotencyKey,
  revokeBySource,
  storeSignature,
} from '../db/issuances.ts'
import { hitRateLimits, type RateHit } from '../db/guards.ts'
import {
  AttemptsExhaustedError,
  attemptHits,
  releaseAttempt,
  releaseSteps,
  reservationOf,
  reserveAttempt,
  type AttemptLimits,
  type AttemptReservation,
} from '../db/attempts.ts'
import { buildPayload, deriveUvci } from '../dcc/index.ts'
import { issueHc1, type Signer } from '../hcert/index.ts'
import { revocationHash, revocationHashes } from '../revocation/hashes.ts'
import { defaultValidityDays, type CertificateType, type Config } from '../config.ts'
import { bindHolder, checkShownAgainstRegister, validateClaimNames } from './binding.ts'
import { AdapterLimitError, certificateRevoked, noMatchingCertificate, UNTOLD_UNTIL_BOUND } from './refusals.ts'
import { certificateValidity, type Validity } from './policy.ts'
import { canonicalJson, type KeyedHasher } from './keyed-hash.ts'

export interface IssueRequest {
  readonly qr: string
  readonly holder: HolderClaim
  readonly idempotencyKey?: string
  /** Who asks (an address): counted against the per-client limit. */
  readonly client?: string
  /** Told the adapter's id once the QR text is matched (the request log names it, refusals included). */
  readonly onMatched?: (adapter: string) => void
}

export interface IssuedCertificate {
  readonly hc1: string
  readonly uvci: string
  readonly type: CertificateType
  readonly adapter: string
  /** The link form the QR text was read as (e.g. 'v1-unrz' for a typed Gosuslugi certificate number). */
  readonly linkKind: string
  readonly issuedAt: Date
  readonly expiresAt: Date
  /** base64 kid of the DSC that signed it. */
  readonly kid: string
  /** True when the same record and event had been issued before (same UVCI, same validity). */
  readonly repeated: boolean
}

export interface SigningKey {
  readonly signer: Signer
  readonly kid: string
  readonly notAfter: Date
}

export interface IssuerDeps {
  readonly db: Db
  readonly now: () => Date
  readonly config: Pick<Config, 'country' | 'issuerName' | 'validityDays' | 'rateLimit' | 'holderLock'>
  readonly matchLink: (text: string) => { adapter: CountryAdapter; link: AdapterLink }
  readonly retrieve: (adapter: CountryAdapter, link: AdapterLink) => Promise<NormalizedRecord>
  readonly signingKey: () => SigningKey
  readonly hasher: KeyedHasher
  readonly uvciKey: Uint8Array
  /** Audit events: a record locked for a client (or for everyone) by failed attempts. */
  readonly audit?: (event: { action: 'holder.lock'; outcome: 'LOCKED'; adapter: string }) => Promise<void>
  /** Called with the outcome code of every attempt ('ISSUED', 'REPEATED' or an error code). */
  readonly onOutcome?: (adapter: string | undefined, outcome: string) => void
}

export function createIssuer(deps: IssuerDeps) {
  const { db, hasher, config } = deps

  const clientHit = (client: string): RateHit => ({
    bucket: `client:${client}`,
    limit: config.rateLimit.perClientPerMinute,
    windowSeconds: 60,
  })
  const clientLimited = (retryAfter: number) =>
    new AdapterLimitError('RATE_LIMITED', 'Too many requests from this client; try again later.', retryAfter)

  /** A request whose link no adapter takes still counts against its client. */
  async function matchOrCount(qr: string, clientKey: string | undefined, nowSeconds: number) {
    try {
      return deps.matchLink(qr)
    } catch (error) {
      if (clientKey !== undefined) {
        const [client] = await hitRateLimits(db, [clientHit(clientKey)], nowSeconds)
        if (!client!.allowed) throw clientLimited(client!.retryAfter)
      }
      throw error
    }
  }

  /**
   * The client's and the record's rate limits and one binding attempt on the record, all counted in
   * one transaction (one commit, one write lock). A refusal holds no attempt.
   */
  async function limitAndReserve(recordKey: string, client: string | undefined, nowSeconds: number): Promise<AttemptReservation> {
    const record: RateHit = { bucket: `record:${recordKey}`, limit: config.rateLimit.perRecordPerHour, windowSeconds: 3600 }
    const rates = client === undefined ? [record] : [clientHit(client), record]
    const attempts = attemptHits({ recordKey, clientKey: client }, attemptLimits)
    const decisions = await hitRateLimits(db, [...rates, ...attempts], nowSeconds)
    const { reservation, refused } = reservationOf(attempts, decisions.slice(rates.length), nowSeconds)
    const clientDecision = client === undefined ? undefined : decisions[0]!
    const rate = decisions[rates.length - 1]!
    if ((clientDecision && !clientDecision.allowed) || !rate.allowed || refused) await releaseAttempt(db, reservation)
    if (clientDecision && !clientDecision.allowed) throw clientLimited(clientDecision.retryAfter)
    if (!rate.allowed) {
      throw new AdapterLimitError('RATE_LIMITED', 'Too many requests for this certificate; try again later.', rate.retryAfter)
    }
    if (refused) throw new AttemptsExhaustedError(refused.retryAfter)
    return reservation
  }

  const attemptLimits: AttemptLimits = {
    perClientPerRecord: config.holderLock.maxMismatches,
    perRecord: config.holderLock.maxMismatchesPerRecord,
    windowSeconds: config.holderLock.lockMinutes * 60,
  }

  /** The record as the adapter resolved it, or the refusal it gave about the record. */
  async function retrieveRecord(adapter: CountryAdapter, link: AdapterLink, nowSeconds: number): Promise<NormalizedRecord | AdapterError> {
    try {
      return await deps.retrieve(adapter, link)
    } catch (error) {
      // A record found revoked or expired upstream revokes what the bridge derived from it.
      if (error instanceof AdapterError && error.sourceRef && (error.code === 'RECORD_REVOKED' || error.code === 'RECORD_EXPIRED')) {
        const sourceKey = await hasher.hash('source', error.sourceRef)
        await revokeBySource(db, sourceKey, error.code === 'RECORD_REVOKED' ? 'SOURCE_REVOKED' : 'SOURCE_EXPIRED', nowSeconds)
      }
      if (error instanceof AdapterError && UNTOLD_UNTIL_BOUND.has(error.code)) return error
      throw error
    }
  }

  async function releaseAll(reservations: readonly AttemptReservation[]): Promise<void> {
    await releaseAttempt(db, ...reservations)
  }

  /**
   * Binds the claim to the record's registered holder, or refuses uniformly. Until this returns,
   * nothing about the record has been told. A refusal keeps the attempt counted.
   */
  async function bindOrRefuse(
    adapter: string,
    holder: NormalizedHolder | undefined,
    claim: HolderClaim,
    reservations: readonly AttemptReservation[],
  ): Promise<void> {
    // A claim that binds gives its reservations back: with the issuance's commit, or on its refusal.
    const refuse = async () => {
      if (reservations.some((r) => r.last)) await deps.audit?.({ action: 'holder.lock', outcome: 'LOCKED', adapter })
      return noMatchingCertificate()
    }
    if (holder === undefined) throw await refuse()
    try {
      bindHolder(holder, claim)
    } catch (error) {
      if (error instanceof CertbridgeError && error.code === 'HOLDER_MISMATCH') throw await refuse()
      throw error
    }
  }

  async function issue(request: IssueRequest): Promise<IssuedCertificate> {
    let adapterId: string | undefined
    let pendingKey: string | undefined
    let bound: AttemptReservation[] | undefined
    try {
      const now = deps.now()
      const nowSeconds = Math.floor(now.getTime() / 1000)

      // 0. Names in the claim are letters only: refused before anything is counted or asked.
      const claim = validateClaimNames(request.holder)

      // 1. Which country's link is it? Pure: forged and foreign links stop here, before any request.
      // The client's address is counted under its keyed hash: no address is stored.
      const clientKey = request.client === undefined ? undefined : await hasher.hash('client', request.client)
      const { adapter, link } = await matchOrCount(request.qr, clientKey, nowSeconds)
      adapterId = adapter.id
      request.onMatched?.(adapter.id)

      // 2. Limits that keep the bridge from becoming an oracle over the national API, counted per
      // national record as far as the link names it, and an attempt reserved before the look-up.
      const named = adapter.recordRef?.(link) ?? `${adapter.id}|link|${canonicalJson(link)}`
      const linkRecordKey = await hasher.hash('record', named)
      // (The Idempotency-Key first: a key reused for another body is a 409 that costs no attempt.)
      const idempotency = request.idempotencyKey ? await reserveIdempotency(request, clientKey, nowSeconds) : undefined
      if (idempotency?.reserved) pendingKey = idempotency.keyHash
      const reservations = [await limitAndReserve(linkRecordKey, clientKey, nowSeconds)]

      // 3. The national record, validated and reduced to the closed minimal record, or the refusal
      // the adapter gave about it (told only to the bound holder).
      let outcome: NormalizedRecord | AdapterError
      try {
        outcome = await retrieveRecord(adapter, link, nowSeconds)
      } catch (error) {
        await releaseAll(reservations) // the national system failed, not the requester
        throw error
      }
      const sourceRef = outcome.sourceRef
      if (sourceRef !== undefined) {
        // The record as resolved (an opaque link's look-up names it): one budget for every link form.
        // (Most adapters name the record by the link already: the same text needs no second HMAC.)
        const recordKey = sourceRef === named ? linkRecordKey : await hasher.hash('record', sourceRef)
        if (recordKey !== linkRecordKey) {
          try {
            reservations.push(await reserveAttempt(db, { recordKey, clientKey }, attemptLimits, nowSeconds))
          } catch (error) {
            await releaseAll(reservations) // locked: nothing was evaluated, so nothing counts
            throw error
          }
        }
      }

      // 4. Does it belong to the person asking? Only then may the record's state be told.
      await bindOrRefuse(adapter.id, outcome.holder, claim, reservations)
      bound = reservations
      if (outcome instanceof AdapterError) throw outcome
      const record = outcome
      checkShownAgainstRegister(record.holder.shown, record.holder.identity)

      // 5. Same record and event → same row, same UVCI, same validity.
      const eventMaterial = `${record.sourceRef}|${canonicalJson(record.event)}`
      const [sourceKey, eventKey] = await Promise.all([hasher.hash('source', record.sourceRef), hasher.hash('event', eventMaterial)])
      if (idempotency?.eventKey && idempotency.eventKey !== eventKey) {
        throw new IssueError('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used for another certificate.')
      }
      const previous = await findIssuance(db, eventKey)
      if (previous?.status === 'revoked') {
        throw certificateRevoked()
      }
      const signing = deps.signingKey()
      const validity: Validity = previous
        ? { issuedAt: previous.issuedAt, expiresAt: previous.expiresAt }
        : certificateValidity({
            record,
            now,
            validityDays: config.validityDays[adapter.id] ?? defaultValidityDays,
            dscNotAfter: signing.notAfter,
          })
      if (validity.expiresAt <= nowSeconds) throw new IssueError('RECORD_EXPIRED', 'The EU certificate for this record has expired.')

      // 6. The EU payload: the register's names and passport spelling (or ICAO transliteration),
      // EU value-set codes, keyed UVCI.
      const { identity } = record.holder
      const names = { familyName: identity.familyName, givenName: identity.givenName, ...(identity.latin ? { latin: identity.latin } : {}) }
      const uvci = await deriveUvci({ country: config.country, key: deps.uvciKey, material: eventMaterial })
      const payload = buildPayload({ record, names, issuer: config.issuerName, uvci })

      // 7. Sign: CWT → COSE_Sign1 (ES256) → zlib → base45 → HC1.
      const encoded = await issueHc1(payload, {
        signer: signing.signer,
        iss: config.country,
        iat: validity.issuedAt,
        exp: validity.expiresAt,
      })
      const hashes = await revocationHashes({ uvci, country: config.country, signature: encoded.signature })

      // 8. Store, all or nothing, and read back the row that stands: a concurrent request for the same
      // record and event may have stored it first (the group commit runs both in one transaction).
      const written = await recordIssuance(
        db,
        {
          eventKey,
          sourceKey,
          uciHash: hashes.uci,
          countryUciHash: hashes.countryCodeUci,
          adapter: adapter.id,
          type: record.event.type,
          kid: signing.kid,
          issuedAt: validity.issuedAt,
          expiresAt: validity.expiresAt,
        },
        hashes.signature,
        idempotency ? { keyHash: idempotency.keyHash, requestHash: idempotency.requestHash, createdAt: nowSeconds } : undefined,
        releaseSteps(db, bound),
      )
      bound = undefined
      pendingKey = undefined
      let hc1 = encoded.hc1
      let stored = validity
      if (!written.signatureStored) {
        // The first row has another validity (its request read another second of the clock), or it was
        // revoked meanwhile: like any repeat, this answer carries the stored validity, signed again.
        if (written.stored.status === 'revoked') {
          throw certificateRevoked()
        }
        stored = { issuedAt: written.stored.issuedAt, expiresAt: written.stored.expiresAt }
        const again = await issueHc1(payload, { signer: signing.signer, iss: config.country, iat: stored.issuedAt, exp: stored.expiresAt })
        const signatureHash = await revocationHash('SIGNATURE', { signature: again.signature })
        if (!(await storeSignature(db, { eventKey, signatureHash, kid: signing.kid, ...stored }))) {
          throw certificateRevoked()
        }
        hc1 = again.hc1
      }
      const repeated = previous !== undefined || !written.inserted
      deps.onOutcome?.(adapter.id, repeated ? 'REPEATED' : 'ISSUED')
      return {
        hc1,
        uvci,
        type: record.event.type,
        adapter: adapter.id,
        linkKind: link.kind,
        issuedAt: new Date(stored.issuedAt * 1000),
        expiresAt: new Date(stored.expiresAt * 1000),
        kid: signing.kid,
        repeated,
      }
    } catch (error) {
      // A key reserved for work that failed is given back, so that a retry with it may run; so are the
      // attempts of a claim that bound (the refusal came after binding: the record's state, its policy).
      if (pendingKey !== undefined) await dropIdempotencyReservation(db, pendingKey)
      if (bound !== undefined) await releaseAll(bound)
      deps.onOutcome?.(adapterId, error instanceof CertbridgeError ? error.code : 'INTERNAL')
      throw error
    }
  }

  /**
   * An Idempotency-Key names one request of one client: it is reserved before any work, so the same
   * key sent concurrently with another body is a conflict (409), never a second certificate. The
   * same body again proceeds and gets the same certificate.
   */
  async function reserveIdempotency(request: IssueRequest, clientKey: string | undefined, nowSeconds: number) {
    const keyHash = await hasher.hash('idempotency-key', `${clientKey ?? ''}|${request.idempotencyKey!}`)
    const requestHash = await hasher.hash('idempotency-request', canonicalJson({ qr: request.qr.trim(), holder: request.holder }))
    if (await reserveIdempotencyKey(db, { keyHash, requestHash, createdAt: nowSeconds }))
      return { keyHash, requestHash, reserved: true, eventKey: undefined }
    const existing = await findIdempotencyKey(db, keyHash)
    if (existing && existing.requestHash !== requestHash) {
      throw new IssueError('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used for a different request.')
    }
    return { keyHash, requestHash, reserved: false, eventKey: existing?.eventKey || undefined }
  }

  return { issue }
}
