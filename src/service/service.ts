// DESIGN: src/service/ is the service assembly, the floor between HTTP and the runtime edges, and the
// same for both edges (Web APIs only, no node: imports). It owns:
// - edge.ts: the contract, what an edge supplies (config source, secrets, database, fetch, primitives,
//   conn info, sandboxes, scheduler; files, a canonicalizer and the card PDF where it has them);
// - assemble.ts: the one start-up (configuration parsed once, sandboxes, the production check of
//   production.ts, trust, revocation and rules sources, the periodic work handed to the scheduler);
// - sandboxes.ts: the one sandbox start-up; maintenance.ts: the purge run and its timer;
// - this file: the service built from explicit parts: signing keys, one adapter client per adapter,
//   the issuer, trust and revocation lookups, metrics and audit, and the AppDeps of the HTTP app.
import type { Config } from '../config.ts'
import type { Db } from '../db/db.ts'
import { revokeByUciHash, revokedEntries, revokedHashType } from '../db/issuances.ts'
import { createApp } from '../http/app.ts'
import type { AppDeps, RevocationListDocument, SampleEntry } from '../http/deps.ts'
import { createServiceMetrics, type Metrics } from '../http/metrics.ts'
import type { Logger } from '../platform/log.ts'
import { createIssuer, type SigningKey } from '../issue/issue.ts'
import { isAboutTheRecord } from '../issue/refusals.ts'
import { createKeyedHasher } from '../issue/keyed-hash.ts'
import { revocationHash, revocationHashTypes, revocationHashBytes, type RevocationInput } from '../revocation/hashes.ts'
import type { RevocationList } from '../revocation/list.ts'
import type { RuleSet } from '../rules/types.ts'
import type { QrImageDecoder } from '../qr/decode.ts'
import { mergeTrustStores, createTrustStore, type TrustStore } from '../trust/store.ts'
import type { RefreshingTrustLists } from '../trust/refresh.ts'
import { didDocument, gatewayTrustList, jwks, ownTrustedKeys } from '../trust/publish.ts'
import { toBase64 } from '../platform/bytes.ts'
import { createEs256Signer } from '../hcert/index.ts'
import { adapters, matchLink } from '../../adapters/registry.ts'
import { createAdapterClient } from '../../adapters/_sdk/client.ts'
import { activeDsc, externalSigner, type KeyStore } from '../trust/keystore.ts'
import { auditPage, createAuditSink } from '../audit/audit.ts'
import { hitRateLimits } from '../db/guards.ts'
import { AdapterError } from '../../adapters/_sdk/errors.ts'

export interface ServiceParts {
  readonly config: Config
  readonly db: Db
  /** Our CSCA and DSCs: the active DSC signs, every DSC still published is in the trust list. */
  readonly keyStore: KeyStore
  /** Raw bytes of CERTBRIDGE_UVCI_KEY. */
  readonly uvciKey: Uint8Array
  readonly adminToken: string
  /** The fetch national requests go through (the adapter client adds host allow-list and deadlines). */
  readonly fetch: typeof fetch
  readonly now?: () => Date
  readonly log: Logger
  readonly samples?: () => readonly SampleEntry[]
  readonly populationSamples?: () => readonly SampleEntry[]
  readonly clientId: AppDeps['clientId']
  /** Foreign trust lists (configured); our own DSCs are added here. */
  readonly trustLists?: TrustStore
  /** The configured lists' refresh states and outcomes (src/trust/refresh.ts), for /healthz and /metrics. */
  readonly trustListRefresh?: Pick<RefreshingTrustLists, 'states' | 'listen'>
  /** Configured revocation lists; our own revocations are looked up in the database. */
  readonly revocationLists?: RevocationList
  readonly rules?: RuleSet
  readonly decodeImage: QrImageDecoder
  /** The card PDF of the citizen page (Node: src/web/card-pdf.ts; absent on Workers). */
  readonly cardPdf?: AppDeps['cardPdf']
  /** Given this process's registry, what answers /metrics (a cluster sums every process's). */
  readonly metricsText?: (local: Metrics) => () => Promise<string>
}

export async function createService(parts: ServiceParts) {
  const { config, db, keyStore } = parts
  const now = parts.now ?? (() => new Date())
  const metrics = createServiceMetrics()
  const listRefreshes = metrics.registry.counter(
    'certbridge_trust_list_refreshes_total',
    'Trust-list loads by list and outcome (loaded, not-modified, failed: the last good copy stays in use)',
  )
  parts.trustListRefresh?.listen((source, outcome) => listRefreshes({ source, outcome }))
  const writeStats = db.writeStats?.bind(db)
  if (writeStats) {
    // The group commit's counters (Node): how many requests' writes each transaction carried, and how
    // often another process held the write lock.
    const transactions = metrics.registry.counter('certbridge_db_write_transactions_total', 'Write transactions committed')
    const works = metrics.registry.counter('certbridge_db_writes_total', "Requests' writes, grouped into those transactions")
    const busyRetries = metrics.registry.counter(
      'certbridge_db_busy_retries_total',
      'Write transactions tried again later (never waiting on the event loop) because another process held the lock',
    )
    let seen = writeStats()
    metrics.registry.collect(() => {
      const stats = writeStats()
      transactions({}, stats.transactions - seen.transactions)
      works({}, stats.works - seen.works)
      busyRetries({}, stats.busyRetries - seen.busyRetries)
      seen = stats
    })
  }
  const audit = createAuditSink({ db, log: parts.log, now })
  // A trust list that changed, or could not be refreshed, is an audit event (an unchanged one is not).
  parts.trustListRefresh?.listen((_source, outcome) => {
    if (outcome !== 'not-modified') void audit({ action: 'trust.refresh', outcome: outcome === 'loaded' ? 'LOADED' : 'FAILED' })
  })
  const enabled = new Set(config.enabledAdapters)
  /** matchLink over the adapters CERTBRIDGE_ADAPTERS enables: another's link is not supported here. */
  const matchEnabled = (text: string) => {
    const match = matchLink(text)
    if (!enabled.has(match.adapter.id))
      throw new AdapterError('LINK_UNSUPPORTED', 'This kind of certificate link is not converted by this deployment.')
    return match
  }
  const hasher = await createKeyedHasher(parts.uvciKey)
  // The signing DSC follows the private-key usage periods (src/trust/keystore-signing.ts): chosen
  // per request from the clock, one signer kept per DSC. The first choice fails the start when no DSC can sign.
  const signers = new Map<string, SigningKey>()
  const signingKeyAt = (at: Date): SigningKey => {
    const active = activeDsc(keyStore, at)
    let key = signers.get(active.kidBase64)
    if (!key) {
      // A DSC whose key is in a PKCS#11 token (Node, DATA_DIR/pkcs11.json) signs through the token.
      const signer = externalSigner(keyStore, active) ?? createEs256Signer({ privateKeyPem: active.privateKeyPem ?? '', kid: active.kid })
      key = { signer, kid: active.kidBase64, notAfter: active.notAfter }
      signers.set(active.kidBase64, key)
    }
    return key
  }
  let lastSigningKey = signingKeyAt(now())
  const signingKey = (): SigningKey => {
    try {
      lastSigningKey = signingKeyAt(now())
    } catch {
      // No DSC is valid any more: the last one answers, and its notAfter refuses the issuance as before.
    }
    return lastSigningKey
  }

  // One client per adapter: its circuit breaker spans requests.
  const clients = new Map(
    adapters.map((adapter) => [
      adapter.id,
      createAdapterClient(adapter, {
        config: config.adapters[adapter.id] ?? {},
        fetch: parts.fetch,
        now,
        deadlineMs: config.upstreamDeadlineMs,
        breaker: {
          ...config.breaker,
          onStateChange: (state) =>
            void audit({ action: 'breaker.state', adapter: adapter.id, outcome: state.toUpperCase().replace('-', '_') }),
        },
      }),
    ]),
  )

  const issuer = createIssuer({
    db,
    now,
    config,
    audit,
    matchLink: matchEnabled,
    retrieve: async (adapter, link) => {
      const started = performance.now()
      let outcome = 'OK'
      try {
        return await clients.get(adapter.id)!.resolve(link)
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'INTERNAL'
        // /metrics may be public: what the record holds is told to its bound holder only, never here.
        outcome = isAboutTheRecord(code) ? 'RECORD_ANSWER' : code
        throw error
      } finally {
        metrics.upstreamLatency({ adapter: adapter.id, outcome }, (performance.now() - started) / 1000)
      }
    },
    signingKey,
    hasher,
    uvciKey: parts.uvciKey,
    onOutcome: (adapter, outcome) => metrics.issuances({ adapter: adapter ?? 'none', outcome }),
  })

  const trust = mergeTrustStores([createTrustStore(await ownTrustedKeys(keyStore, now())), ...(parts.trustLists ? [parts.trustLists] : [])])
  const revocationLookup = async (input: RevocationInput) => {
    const fromList = await parts.revocationLists?.match(input)
    if (fromList) return fromList
    const hash = async (type: (typeof revocationHashTypes)[number]) => {
      try {
        return toBase64(await revocationHashBytes(type, input))
      } catch {
        return undefined // the input lacks what this hash type needs
      }
    }
    const [uci, countryCodeUci, signature] = await Promise.all(revocationHashTypes.map(hash))
    return revokedHashType(db, { uci, countryCodeUci, signature })
  }

  const deps: AppDeps = {
    config,
    issuer,
    trustList: () => gatewayTrustList(keyStore, now()),
    jwks: () => jwks(keyStore, now()),
    didDocument: (did) => didDocument(keyStore, now(), did),
    revocation: {
      list: () => revocationListDocument(db, now()),
      revoke: async (uvci) => revokeByUciHash(db, await revocationHash('UCI', { uvci }), 'ADMIN', Math.floor(now().getTime() / 1000)),
    },
    adminToken: parts.adminToken,
    samples: parts.samples,
    populationSamples: parts.populationSamples,
    clientId: parts.clientId,
    metrics,
    metricsText: parts.metricsText?.(metrics.registry),
    metricsToken: config.metricsToken,
    audit,
    auditPage: (options) => auditPage(db, options),
    publicLimit: async (client) => {
      // Like the issuance limit: the address counted under its keyed hash, in a bucket of its own.
      const key = await hasher.hash('client', client)
      const nowSeconds = Math.floor(now().getTime() / 1000)
      const [decision] = await hitRateLimits(
        db,
        [{ bucket: `public:${key}`, limit: config.publicRatePerClientPerMinute, windowSeconds: 60 }],
        nowSeconds,
      )
      return decision!
    },
    log: parts.log,
    verification: { keys: trust.resolve, revocation: revocationLookup, rules: parts.rules, now, decodeImage: parts.decodeImage },
    ...(parts.cardPdf ? { cardPdf: parts.cardPdf } : {}),
    ready: async (): Promise<{ ok: boolean; checks: Record<string, string> }> => {
      // Each configured trust list: ok, stale (a refresh failed; the last good copy is in use) or failed.
      const lists = Object.fromEntries(
        (parts.trustListRefresh?.states() ?? []).map((s) => [
          `trustList:${s.source}`,
          s.state === 'stale' ? `stale since ${s.fetchedAt} (${s.error})` : s.state,
        ]),
      )
      try {
        await revokedEntries(db, Number.MAX_SAFE_INTEGER)
        return { ok: true, checks: { ...lists, database: 'ok', signingKey: signingKey().notAfter > now() ? 'ok' : 'expired' } }
      } catch {
        return { ok: false, checks: { ...lists, database: 'unavailable' } }
      }
    },
  }
  return { app: createApp(deps), deps, metrics, audit }
}

/** Our revocation list: per kid and hash type, the hashes of revoked certificates not yet expired. */
export async function revocationListDocument(db: Db, now: Date): Promise<RevocationListDocument> {
  const entries = await revokedEntries(db, Math.floor(now.getTime() / 1000))
  const groups = new Map<string, { kid: string; hashType: 'UCI' | 'COUNTRYCODEUCI' | 'SIGNATURE'; hashes: string[]; expires: number }>()
  const add = (kid: string, hashType: 'UCI' | 'COUNTRYCODEUCI' | 'SIGNATURE', hash: string, expires: number) => {
    const key = `${kid}|${hashType}`
    const group = groups.get(key) ?? { kid, hashType, hashes: [], expires: 0 }
    group.hashes.push(hash)
    group.expires = Math.max(group.expires, expires)
    groups.set(key, group)
  }
  for (const e of entries) {
    add(e.kid, 'UCI', e.uciHash, e.expiresAt)
    add(e.kid, 'COUNTRYCODEUCI', e.countryUciHash, e.expiresAt)
    for (const s of e.signatureHashes) add(e.kid, 'SIGNATURE', s, e.expiresAt)
  }
  return {
    generatedAt: now.toISOString(),
    hashTypes: ['UCI', 'COUNTRYCODEUCI', 'SIGNATURE'],
    entries: [...groups.values()].map((g) => ({ ...g, hashes: g.hashes.sort(), expires: new Date(g.expires * 1000).toISOString() })),
  }
}
