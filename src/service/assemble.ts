// The one start-up both edges run: the configuration parsed once from the edge's source, the national
// sandboxes started (sandbox mode) through the edge's host, the one production check, the trust,
// revocation and rules sources loaded, the service built (service.ts) and its periodic work handed
// to the edge's scheduler. The edge supplies its parts (edge.ts) and then serves `app`: Node listens,
// Workers answer fetch events. Whatever was started is closed when the start fails, or on close().
import { ConfigError, loadConfig, type Config } from '../config.ts'
import { retentionFor } from '../db/purge.ts'
import { clientIdentifier, parseTrustProxy, type TrustProxy } from '../http/trust-proxy.ts'
import { fromBase64 } from '../platform/bytes.ts'
import { usePrimitives } from '../platform/primitives.ts'
import { loadRevocationLists } from '../revocation/load.ts'
import { loadRuleSetFromUrl } from '../rules/load-url.ts'
import { useCanonicalizer } from '../trust/gdhcn/canonize.ts'
import { loadTrustListSigners, parseLocation } from '../trust/load.ts'
import { createRefreshingTrustLists } from '../trust/refresh.ts'
import { adapters } from '../../adapters/registry.ts'
import type { EdgeParts } from './edge.ts'
import { assertProductionReady } from './production.ts'
import { startSandboxes, withSandboxSettings } from './sandboxes.ts'
import { createService } from './service.ts'

export interface AssembledService {
  readonly app: Awaited<ReturnType<typeof createService>>['app']
  readonly config: Config
  readonly audit: Awaited<ReturnType<typeof createService>>['audit']
  readonly trustProxy: TrustProxy
  /** Starts a trust-list refresh when one is due and none runs (for an edge without timers); else undefined. */
  refreshTrustListsIfDue(): Promise<void> | undefined
  /** Logs the start: the sandbox warning, or the production line with how /metrics is protected. */
  announce(fields?: Readonly<Record<string, unknown>>): void
  /** Stops the periodic work and closes what the start opened, last opened first. */
  close(): Promise<void>
}

/** Rule files fetched from CERTBRIDGE_RULES_URL, by hash: content-addressed, so a rebuilt service fetches only changed ones. */
const ruleFileCache = new Map<string, unknown>()

/** Without a filesystem (Workers), lists are read from URLs only and a rules directory cannot be read. */
function refuseFileLocations(config: Config): void {
  const lists = [
    ['CERTBRIDGE_TRUST_LISTS', config.trustLists],
    ['CERTBRIDGE_TRUST_LIST_SIGNERS', config.trustListSigners],
    ['CERTBRIDGE_REVOCATION_LISTS', config.revocationLists],
  ] as const
  for (const [variable, locations] of lists) {
    if (locations.some((l) => !parseLocation(l).isUrl))
      throw new ConfigError('CONFIG_INVALID', `${variable}: this runtime has no filesystem; lists are read from https URLs only.`)
  }
  if (config.rulesDir)
    throw new ConfigError(
      'CONFIG_INVALID',
      'CERTBRIDGE_RULES_DIR: this runtime has no filesystem; give the rules as CERTBRIDGE_RULES_URL (EU gateway distribution format).',
    )
}

export async function assemble(parts: EdgeParts): Promise<AssembledService> {
  const closers: (() => void | Promise<void>)[] = []
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer()
  }
  try {
    return await assembleWith(parts, closers, close)
  } catch (error) {
    for (const closer of closers.splice(0).reverse())
      await Promise.resolve()
        .then(closer)
        .catch(() => {})
    throw error
  }
}

async function assembleWith(
  parts: EdgeParts,
  closers: (() => void | Promise<void>)[],
  close: () => Promise<void>,
): Promise<AssembledService> {
  const { log } = parts
  const now = parts.now ?? (() => new Date())
  usePrimitives(parts.primitives)
  let config = loadConfig(parts.configSource, adapters)

  const sandboxes = config.mode === 'sandbox' ? await startSandboxes(parts.sandboxes, { population: config.sandboxPopulation }) : undefined
  if (sandboxes) {
    closers.push(sandboxes.close)
    config = withSandboxSettings(config, parts.configSource, sandboxes)
  }
  if (!parts.files) refuseFileLocations(config)

  const { keyStore, uvciKey, adminToken } = await parts.secrets(config, now())
  if (config.mode === 'production') {
    await assertProductionReady({ config, adapters, keyStore, adminToken, now: now(), edgeProblems: parts.productionProblems?.(config) })
  }
  // Reached only when the edge's secrets leave a gap the production check does not name (sandbox mode makes them all).
  if (!keyStore || !uvciKey || !adminToken)
    throw new ConfigError('CONFIG_MISSING', 'a key store, CERTBRIDGE_UVCI_KEY and CERTBRIDGE_ADMIN_TOKEN are required')
  const trustProxy = parseTrustProxy(config.trustProxy)

  const db = parts.database(config)
  if (db.close) closers.push(() => db.close?.())

  if (config.trustLists.length && parts.startCanonicalizer) {
    // Canonicalizing a large GDHCN list takes a tenth of a second or more: it runs off the request thread.
    const canonicalizer = parts.startCanonicalizer()
    const previous = useCanonicalizer(canonicalizer.canonize)
    closers.push(async () => {
      useCanonicalizer(previous)
      await canonicalizer.close()
    })
  }
  if (config.mode === 'sandbox' && config.trustLists.length === 0 && parts.sandboxes.trustNetwork) {
    // Our keys as a DID list signed by a sandbox "WHO" key, read back through the same proof, chain and
    // refresh path as the network's lists.
    const network = await parts.sandboxes.trustNetwork(keyStore)
    closers.push(() => network.close())
    config = { ...config, trustLists: network.trustLists, trustListSigners: network.trustListSigners }
  }

  const listOptions = { ...(parts.listFetch ? { fetch: parts.listFetch } : {}), ...(parts.files ? { files: parts.files.reader } : {}) }
  // Trust lists load once before the service answers (a list that cannot be read stops the start),
  // then refresh in the background: no request waits for a fetch or a proof check.
  const refreshing = config.trustLists.length
    ? createRefreshingTrustLists(config.trustLists, {
        ...listOptions,
        signers: await loadTrustListSigners(config.trustListSigners, listOptions),
        log,
        now,
      })
    : undefined
  await refreshing?.refresh({ strict: true })
  const revocationLists = config.revocationLists.length ? await loadRevocationLists(config.revocationLists, listOptions) : undefined
  const rules =
    config.rulesDir && parts.files
      ? await parts.files.loadRuleSet(config.rulesDir)
      : config.rulesUrl
        ? await loadRuleSetFromUrl(config.rulesUrl, { ...(parts.listFetch ? { fetch: parts.listFetch } : {}), cache: ruleFileCache })
        : undefined

  const upstream = parts.upstreamFetch()
  if (upstream.close) closers.push(() => upstream.close?.())
  const qr = parts.qrDecoder()
  if (qr.close) closers.push(() => qr.close?.())

  const { app, audit } = await createService({
    config,
    db,
    keyStore,
    uvciKey: fromBase64(uvciKey),
    adminToken,
    fetch: sandboxes ? sandboxes.fetchVia(upstream) : upstream,
    now,
    log,
    samples: sandboxes ? () => sandboxes.samples : undefined,
    populationSamples: sandboxes?.populationSamples,
    trustLists: refreshing?.store,
    trustListRefresh: refreshing,
    revocationLists,
    rules,
    decodeImage: qr.decode,
    cardPdf: parts.cardPdf,
    metricsText: parts.metricsText,
    clientId: clientIdentifier(parts.remoteAddress, trustProxy),
  })

  const refreshEveryMs = config.trustListRefreshSeconds * 1000
  closers.push(
    parts.scheduler.start({
      purge: { db, log, audit, now, retention: retentionFor(config) },
      ...(refreshing ? { trustLists: { lists: refreshing, everyMs: refreshEveryMs } } : {}),
    }),
  )

  const served = config
  return {
    app,
    config: served,
    audit,
    trustProxy,
    refreshTrustListsIfDue: () => refreshing?.refreshIfDue(refreshEveryMs),
    announce(fields = {}) {
      if (served.mode === 'sandbox') {
        log.warn('SANDBOX MODE: test signing keys and emulated national systems; certificates issued here are not valid for travel', fields)
        return
      }
      const metrics = served.metricsToken ? 'protected by CERTBRIDGE_METRICS_TOKEN' : 'open (set CERTBRIDGE_METRICS_TOKEN to protect)'
      log.info('certbridge started', { ...fields, mode: served.mode, metrics, trustProxy: trustProxy.kind })
    },
    close,
  }
}
