// Builds the service from Workers bindings: the same assembly as the Node edge (src/service/service.ts) with
// D1 for the database, secrets for the keys, the platform's fetch for national systems (or the
// in-process sandboxes), CF-Connecting-IP as the client id and the zxing .wasm the bundle imports.
import type { Hono } from 'hono'
import { ConfigError, loadConfig, type Config } from '../../config.ts'
import { assertProductionReady } from '../../service/production.ts'
import { parseTrustProxy } from '../../http/trust-proxy.ts'
import type { AuditSink } from '../../audit/audit.ts'
import { openD1Db } from './database.ts'
import { createLogger, type Logger } from '../../platform/log.ts'
import { createService } from '../../service/service.ts'
import { fromBase64 } from '../../platform/bytes.ts'
import { loadTrustListSigners } from '../../trust/load.ts'
import { createRefreshingTrustLists } from '../../trust/refresh.ts'
import { parseLocation } from '../../trust/load.ts'
import { loadRevocationLists } from '../../revocation/load.ts'
import type { QrImageDecoder } from '../../qr/decode.ts'
import { adapters, sandboxes } from '../../../adapters/registry.ts'
import { workerClientId } from './client-id.ts'
import { stringBindings, type WorkerEnv } from './env.ts'
import { loadRuleSetFromUrl } from '../../rules/load-url.ts'
import { startInProcessSandboxes } from './sandboxes.ts'
import { workerSecrets } from './secrets.ts'

export interface WorkerServiceOptions {
  readonly decodeImage: QrImageDecoder
  /** The fetch national requests and trust-list downloads go through; the platform's by default. */
  readonly fetch?: typeof fetch
  readonly now?: () => Date
  readonly log?: Logger
}

export interface WorkerService {
  readonly app: Hono<any>
  readonly config: Config
  readonly audit: AuditSink
  /** Starts a background trust-list refresh when one is due (for ctx.waitUntil); no timer runs on Workers. */
  readonly refreshTrustLists: () => Promise<void> | undefined
}

/** Rule files fetched from CERTBRIDGE_RULES_URL, by hash, for the life of the isolate. */
const ruleFileCache = new Map<string, unknown>()

/** Workers have no filesystem: lists are URLs, and a rules directory cannot be read. */
function checkLocations(config: Config): void {
  for (const [variable, locations] of [['CERTBRIDGE_TRUST_LISTS', config.trustLists], ['CERTBRIDGE_TRUST_LIST_SIGNERS', config.trustListSigners], ['CERTBRIDGE_REVOCATION_LISTS', config.revocationLists]] as const) {
    if (locations.some((l) => !parseLocation(l).isUrl)) throw new ConfigError('CONFIG_INVALID', `${variable}: Workers read lists from https URLs only.`)
  }
  if (config.rulesDir) throw new ConfigError('CONFIG_INVALID', 'CERTBRIDGE_RULES_DIR: Workers have no filesystem; give the rules as CERTBRIDGE_RULES_URL (EU gateway distribution format).')
}

export async function buildWorkerService(env: WorkerEnv, options: WorkerServiceOptions): Promise<WorkerService> {
  const bindings = stringBindings(env)
  const log = options.log ?? createLogger()
  const now = options.now ?? (() => new Date())
  const platformFetch = options.fetch ?? ((input, init) => fetch(input, init))
  let config = loadConfig(bindings, adapters)

  let upstream = platformFetch
  let samples: ReturnType<typeof startInProcessSandboxes>['samples'] | undefined
  if (config.mode === 'sandbox') {
    const inProcess = startInProcessSandboxes(adapters, sandboxes, bindings)
    config = loadConfig({ ...bindings, ...inProcess.overrides }, adapters)
    upstream = inProcess.fetchVia(platformFetch)
    samples = inProcess.samples
  }
  checkLocations(config)

  const { keyStore, uvciKey, adminToken } = await workerSecrets(config, now())
  if (config.mode === 'production') await assertProductionReady({ config, adapters, keyStore, adminToken, now: now() })
  const trustProxy = parseTrustProxy(config.trustProxy)
  if (!keyStore || !uvciKey || !adminToken) throw new ConfigError('CONFIG_MISSING', 'CERTBRIDGE_KEYSTORE, CERTBRIDGE_UVCI_KEY and CERTBRIDGE_ADMIN_TOKEN are required')
  if (!env.DB) throw new ConfigError('CONFIG_MISSING', 'the D1 binding DB is missing (wrangler.toml [[d1_databases]])')

  const listOptions = { fetch: platformFetch }
  // Loaded when the isolate builds the service; later refreshed beside requests when due (refreshTrustLists).
  const refreshing = config.trustLists.length
    ? createRefreshingTrustLists(config.trustLists, { ...listOptions, signers: await loadTrustListSigners(config.trustListSigners, listOptions), log, now })
    : undefined
  await refreshing?.refresh({ strict: true })
  const trustLists = refreshing?.store
  const revocationLists = config.revocationLists.length ? await loadRevocationLists(config.revocationLists, listOptions) : undefined
  // Rule files are content-addressed: an isolate rebuilding the service fetches only changed ones.
  const rules = config.rulesUrl ? await loadRuleSetFromUrl(config.rulesUrl, { ...listOptions, cache: ruleFileCache }) : undefined

  const { app, audit } = await createService({
    config,
    db: openD1Db(env.DB),
    keyStore,
    uvciKey: fromBase64(uvciKey),
    adminToken,
    fetch: upstream,
    now,
    log,
    samples: samples ? () => samples : undefined,
    trustLists,
    trustListRefresh: refreshing,
    revocationLists,
    rules,
    decodeImage: options.decodeImage,
    clientId: (request) => workerClientId(request, trustProxy),
  })
  if (config.mode === 'production') log.info('certbridge started', { mode: config.mode, metrics: config.metricsToken ? 'protected by CERTBRIDGE_METRICS_TOKEN' : 'open (set CERTBRIDGE_METRICS_TOKEN to protect)', trustProxy: trustProxy.kind })
  if (config.mode === 'sandbox') log.warn('SANDBOX MODE: test signing keys (kept only as long as this isolate) and in-process national sandboxes; certificates issued here are not valid for travel')
  return { app, config, audit, refreshTrustLists: () => refreshing?.refreshIfDue(config.trustListRefreshSeconds * 1000) }
}
