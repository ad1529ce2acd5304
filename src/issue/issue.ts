// Issuing an EU DCC from a national link, top to bottom (DESIGN.md §2):
//   match → limits → retrieve + normalize → holder binding → policy → UVCI → payload → sign → store.
// Every dependency (time, keys, adapters, database) is passed in, so each step is deterministic
// under test. Nothing personal is stored: the database sees keyed hashes and revocation hashes only.
import { CertbridgeError } from '../errors.ts'
import { AdapterError } from '../../adapters/_sdk/errors.ts'
import type { AdapterLink, CountryAdapter } from '../../adapters/_sdk/adapter.ts'
import type { HolderClaim, NormalizedRecord } from '../../adapters/_sdk/record.ts'
import { bindHolder } from '../../adapters/_sdk/binding.ts'
import type { Db } from '../db/db.ts'
import { findIdempotencyKey, findIssuance, recordIssuance, revokeBySource } from '../db/issuances.ts'
import { hitRateLimits, holderLockRemaining, recordHolderMismatch, type RateHit } from '../db/guards.ts'
import { buildPayload, deriveUvci } from '../dcc/index.ts'
import { issueHc1, type Signer } from '../hcert/index.ts'
import { revocationHashes } from '../revocation/hashes.ts'
import { defaultValidityDays, type CertificateType, type Config } from '../config.ts'
import { certificateValidity, type Validity } from './policy.ts'
import { canonicalJson, type KeyedHasher } from './keyed-hash.ts'

export interface IssueRequest {
  readonly qr: string
  readonly holder: HolderClaim
  readonly idempotencyKey?: string
  /** Who asks (an address): counted against the per-client limit. */
  readonly client?: string
}

export interface IssuedCertificate {
  readonly hc1: string
  readonly uvci: string
  readonly type: CertificateType
  readonly adapter: string
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
  /** Called with the outcome code of every attempt ('ISSUED', 'REPEATED' or an error code). */
  readonly onOutcome?: (adapter: string | undefined, outcome: string) => void
}

export function createIssuer(deps: IssuerDeps) {
  const { db, hasher, config } = deps

  const clientHit = (client: string): RateHit => ({ bucket: `client:${client}`, limit: config.rateLimit.perClientPerMinute, windowSeconds: 60 })
  const clientLimited = (retryAfter: number) => new AdapterLimitError('RATE_LIMITED', 'Too many requests from this client; try again later.', retryAfter)

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

  async function refuseWhenLimited(linkKey: string, client: string | undefined, nowSeconds: number): Promise<void> {
    // Both counters in one transaction: one commit, one write lock.
    const record: RateHit = { bucket: `record:${linkKey}`, limit: config.rateLimit.perRecordPerHour, windowSeconds: 3600 }
    const decisions = await hitRateLimits(db, client === undefined ? [record] : [clientHit(client), record], nowSeconds)
    const clientDecision = client === undefined ? undefined : decisions[0]!
    const rate = decisions[decisions.length - 1]!
    if (clientDecision && !clientDecision.allowed) throw clientLimited(clientDecision.retryAfter)
    if (!rate.allowed) {
      throw new AdapterLimitError('RATE_LIMITED', 'Too many requests for this certificate; try again later.', rate.retryAfter)
    }
    const locked = await holderLockRemaining(db, linkKey, nowSeconds)
    if (locked > 0) {
      throw new AdapterLimitError('HOLDER_LOCKED', 'Too many attempts with details that did not match this certificate; try again later.', locked)
    }
  }

  async function retrieveRecord(adapter: CountryAdapter, link: AdapterLink, nowSeconds: number): Promise<NormalizedRecord> {
    try {
      return await deps.retrieve(adapter, link)
    } catch (error) {
      // A record found revoked or expired upstream revokes what the bridge derived from it.
      if (error instanceof AdapterError && error.sourceRef && (error.code === 'RECORD_REVOKED' || error.code === 'RECORD_EXPIRED')) {
        const sourceKey = await hasher.hash('source', error.sourceRef)
        await revokeBySource(db, sourceKey, error.code === 'RECORD_REVOKED' ? 'SOURCE_REVOKED' : 'SOURCE_EXPIRED', nowSeconds)
      }
      throw error
    }
  }

  async function issue(request: IssueRequest): Promise<IssuedCertificate> {
    let adapterId: string | undefined
    try {
      const now = deps.now()
      const nowSeconds = Math.floor(now.getTime() / 1000)

      // 1. Which country's link is it? Pure: forged and foreign links stop here, before any request.
      // The client's address is counted under its keyed hash: no address is stored.
      const clientKey = request.client === undefined ? undefined : await hasher.hash('client', request.client)
      const { adapter, link } = await matchOrCount(request.qr, clientKey, nowSeconds)
      adapterId = adapter.id
      const linkKey = await hasher.hash('link', `${adapter.id}|${canonicalJson(link)}`)

      // 2. Limits that keep the bridge from becoming an oracle over the national API.
      await refuseWhenLimited(linkKey, clientKey, nowSeconds)
      const idempotency = request.idempotencyKey ? await checkIdempotencyKey(request) : undefined

      // 3. The national record, validated and reduced to the closed minimal record.
      const record = await retrieveRecord(adapter, link, nowSeconds)

      // 4. Does it belong to the person asking? Repeated mismatches lock the record for a while.
      let names: { familyName: string; givenName: string }
      try {
        names = bindHolder(record.holder, request.holder)
      } catch (error) {
        if (error instanceof CertbridgeError && error.code === 'HOLDER_MISMATCH') {
          await recordHolderMismatch(db, linkKey, nowSeconds, config.holderLock.maxMismatches, config.holderLock.lockMinutes * 60)
        }
        throw error
      }

      // 5. Same record and event → same row, same UVCI, same validity.
      const eventMaterial = `${record.sourceRef}|${canonicalJson(record.event)}`
      const [sourceKey, eventKey] = await Promise.all([hasher.hash('source', record.sourceRef), hasher.hash('event', eventMaterial)])
      if (idempotency?.eventKey && idempotency.eventKey !== eventKey) {
        throw new CertbridgeError('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used for another certificate.')
      }
      const previous = await findIssuance(db, eventKey)
      if (previous?.status === 'revoked') {
        throw new CertbridgeError('CERTIFICATE_REVOKED', 'The EU certificate for this record was revoked; it is not issued again.')
      }
      const signing = deps.signingKey()
      const validity: Validity = previous
        ? { issuedAt: previous.issuedAt, expiresAt: previous.expiresAt }
        : certificateValidity({ record, now, validityDays: config.validityDays[adapter.id] ?? defaultValidityDays, dscNotAfter: signing.notAfter })
      if (validity.expiresAt <= nowSeconds) throw new CertbridgeError('RECORD_EXPIRED', 'The EU certificate for this record has expired.')

      // 6. The EU payload: names as bound, ICAO transliteration, EU value-set codes, keyed UVCI.
      const uvci = await deriveUvci({ country: record.country, key: deps.uvciKey, material: eventMaterial })
      const payload = buildPayload({ record, names, issuer: config.issuerName, uvci })

      // 7. Sign: CWT → COSE_Sign1 (ES256) → zlib → base45 → HC1.
      const encoded = await issueHc1(payload, { signer: signing.signer, iss: config.country, iat: validity.issuedAt, exp: validity.expiresAt })
      const hashes = await revocationHashes({ uvci, country: config.country, signature: encoded.signature })

      // 8. Store, all or nothing; a concurrent duplicate keeps the first row.
      await recordIssuance(
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
      )
      deps.onOutcome?.(adapter.id, previous ? 'REPEATED' : 'ISSUED')
      return {
        hc1: encoded.hc1,
        uvci,
        type: record.event.type,
        adapter: adapter.id,
        issuedAt: new Date(validity.issuedAt * 1000),
        expiresAt: new Date(validity.expiresAt * 1000),
        kid: signing.kid,
        repeated: previous !== undefined,
      }
    } catch (error) {
      deps.onOutcome?.(adapterId, error instanceof CertbridgeError ? error.code : 'INTERNAL')
      throw error
    }
  }

  /** An Idempotency-Key names one request: the same key with another body is a conflict. */
  async function checkIdempotencyKey(request: IssueRequest) {
    const keyHash = await hasher.hash('idempotency-key', request.idempotencyKey!)
    const requestHash = await hasher.hash('idempotency-request', canonicalJson({ qr: request.qr.trim(), holder: request.holder }))
    const existing = await findIdempotencyKey(db, keyHash)
    if (existing && existing.requestHash !== requestHash) {
      throw new CertbridgeError('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used for a different request.')
    }
    return { keyHash, requestHash, eventKey: existing?.eventKey }
  }

  return { issue }
}

/** A refusal that tells the client when to come back. */
export class AdapterLimitError extends CertbridgeError {
  readonly retryAfter: number
  constructor(code: string, message: string, retryAfter: number) {
    super(code, message)
    this.retryAfter = retryAfter
  }
}
