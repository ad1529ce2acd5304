// The Node edge: reads the environment, opens SQLite, loads (or, in sandbox mode, creates) the keys,
// starts the national sandboxes on loopback in sandbox mode, and serves the app with undici as the
// upstream client. Everything Node-specific lives here and in src/cli/.
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { ConfigError, loadConfig, settingVariable, type Config, type Env } from '../../config.ts'
import { assertProductionReady } from '../../service/production.ts'
import { dataDirProblems } from './data-dir.ts'
import { clientAddress, parseTrustProxy } from '../../http/trust-proxy.ts'
import { startPurgeTimer } from '../../service/maintenance.ts'
import { retentionFor } from '../../db/purge.ts'
import { openNodeDb } from './database.ts'
import { createLogger, type Logger } from '../../platform/log.ts'
import { createService } from '../../service/service.ts'
import { fromBase64, toBase64 } from '../../platform/bytes.ts'
import { loadTrustListSigners } from '../../trust/load.ts'
import { createRefreshingTrustLists } from '../../trust/refresh.ts'
import { useCanonicalizer } from '../../trust/gdhcn/canonize.ts'
import { startCanonizeThread } from './trust/canonize-thread.ts'
import { startSandboxTrustNetwork } from './sandbox/trust-network.ts'
import { loadRevocationLists } from '../../revocation/load.ts'
import { loadRuleSetFromDirectory } from './rules-dir.ts'
import { loadRuleSetFromUrl } from '../../rules/load-url.ts'
import { createQrDecodePool, qrPoolOptionsFromEnv, type QrDecodePoolOptions } from './qr/decode-pool.ts'
import { keyStoreExists, loadKeyStore, loadOrCreateKeyStore } from './trust/keystore-file.ts'
import { parseKeyStoreSetting } from '../../trust/keystore-parse.ts'
import type { KeyStore } from '../../trust/keystore.ts'
import { adapters, sandboxes } from '../../../adapters/registry.ts'
import { serveSandbox } from './sandbox/listen.ts'
import { createUpstreamFetch } from './fetch.ts'
import type { SampleEntry } from '../../http/deps.ts'
import type { AdapterSandbox } from '../../../adapters/_sdk/sandbox.ts'
import type { Metrics } from '../../http/metrics.ts'
import { cardPdf } from '../../web/card-pdf.ts'
import { installNodeRuntime } from './install.ts'

export interface StartOptions {
  readonly env?: Env
  /** Overrides PORT; 0 picks a free port. */
  readonly port?: number
  readonly dataDir?: string
  readonly host?: string
  readonly log?: Logger
  /** Given this process's registry, what answers /metrics (src/runtime/node/cluster.ts sums every worker's). */
  readonly metricsText?: (local: Metrics) => () => Promise<string>
  /** The QR image decoding pool (worker threads); defaults from CERTBRIDGE_QR_* variables. */
  readonly qrPool?: QrDecodePoolOptions
}

export interface RunningServer {
  readonly url: string
  readonly config: Config
  close(): Promise<void>
}

interface SandboxSecrets {
  readonly uvciKey: string
  readonly adminToken: string
}

/** Sandbox mode: secrets generated once and kept in DATA_DIR (mode 0600), marked as test material. */
function sandboxSecrets(dataDir: string): SandboxSecrets {
  const file = join(dataDir, 'sandbox-secrets.json')
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SandboxSecrets
  const random = (n: number) => toBase64(crypto.getRandomValues(new Uint8Array(n)))
  const secrets = { test: true, uvciKey: random(32), adminToken: random(24).replace(/[^A-Za-z0-9]/g, 'x') }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  return secrets
}

/** The key store: CERTBRIDGE_KEYSTORE, or DATA_DIR/keystore.json (created with test keys in sandbox mode). */
async function openKeyStore(config: Config): Promise<KeyStore | undefined> {
  if (config.keyStoreJson) return parseKeyStoreSetting(config.keyStoreJson)
  if (config.mode === 'sandbox') {
    const organisation = 'certbridge sandbox'
    return (await loadOrCreateKeyStore(config.dataDir, { country: config.country, organisation, now: new Date(), test: true })).store
  }
  return (await keyStoreExists(config.dataDir)) ? loadKeyStore(config.dataDir) : undefined
}

/**
 * Makes what several processes sharing DATA_DIR must find made once: the migrated database and, in
 * sandbox mode, the generated test keys and secrets. Run by a cluster's primary before it forks.
 */
export async function prepareDataDir(options: Pick<StartOptions, 'env' | 'dataDir'> = {}): Promise<Config> {
  const env: Env = { ...(options.env ?? process.env) }
  const config = loadConfig({ ...env, ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}) }, adapters)
  if (config.mode === 'sandbox') {
    sandboxSecrets(config.dataDir)
    await openKeyStore(config)
  }
  openNodeDb(config.dataDir).close()
  return config
}

/** Starts the service; on a start-up failure, whatever it had started (sandboxes, pool) is closed first. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const closers: (() => Promise<void> | void)[] = []
  try {
    return await startServerWith(options, closers)
  } catch (error) {
    for (const close of closers.reverse()) await Promise.resolve().then(close).catch(() => {})
    throw error
  }
}

async function startServerWith(options: StartOptions, closers: (() => Promise<void> | void)[]): Promise<RunningServer> {
  // The node:crypto primitives and file reads for lists given as paths.
  installNodeRuntime()
  const env: Env = { ...(options.env ?? process.env) }
  const log = options.log ?? createLogger()
  let config = loadConfig({ ...env, ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}) }, adapters)

  let samples: (() => SampleEntry[]) | undefined
  let populationSamples: (() => SampleEntry[]) | undefined
  let uvciKey = config.uvciKey
  let adminToken = config.adminToken
  if (config.mode === 'sandbox') {
    // The national sandboxes on loopback, and adapter settings pointing at them (unless set explicitly).
    const overrides: Record<string, string> = {}
    const all: SampleEntry[] = []
    const populated: { readonly adapter: string; readonly sandbox: AdapterSandbox }[] = []
    for (const adapter of adapters) {
      const factory = sandboxes[adapter.id]
      if (!factory) continue
      const sandbox = factory({ population: config.sandboxPopulation })
      if (config.sandboxPopulation > 0 && sandbox.populationSamples) populated.push({ adapter: adapter.id, sandbox })
      const served = await serveSandbox(sandbox, { port: 0 })
      closers.push(() => served.close())
      for (const [name, value] of Object.entries(sandbox.config(served.baseUrl))) {
        const variable = settingVariable(adapter.id, name)
        if (value !== undefined && env[variable] === undefined) overrides[variable] = value
      }
      for (const sample of sandbox.samples()) all.push({ adapter: adapter.id, ...sample })
    }
    config = loadConfig({ ...env, ...overrides, ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}) }, adapters)
    samples = () => all
    // Built on first request (100,000 holders take about 0.3 s per sandbox), then kept; the adapters
    // take turns, so any stretch of the list mixes them.
    let population: SampleEntry[] | undefined
    if (config.sandboxPopulation > 0) populationSamples = () => {
      if (population) return population
      const lists = populated.map(({ adapter, sandbox }) => sandbox.populationSamples!().map((sample): SampleEntry => ({ adapter, ...sample })))
      population = []
      for (let i = 0; i < Math.max(0, ...lists.map((l) => l.length)); i++) for (const list of lists) if (i < list.length) population.push(list[i]!)
      return population
    }
    const secrets = sandboxSecrets(config.dataDir)
    uvciKey ??= secrets.uvciKey
    adminToken ??= secrets.adminToken
  }

  const keyStore = await openKeyStore(config)
  if (config.mode === 'production') {
    await assertProductionReady({ config, adapters, keyStore, adminToken, now: new Date(), edgeProblems: dataDirProblems(config.dataDir) })
  }
  const trustProxy = parseTrustProxy(config.trustProxy)
  if (!keyStore || !uvciKey || !adminToken) throw new ConfigError('CONFIG_MISSING', 'signing keys, CERTBRIDGE_UVCI_KEY and CERTBRIDGE_ADMIN_TOKEN are required')

  if (config.trustLists.length) {
    // Canonicalizing a large GDHCN list takes a tenth of a second or more: it runs off this thread.
    const thread = startCanonizeThread()
    const previous = useCanonicalizer(thread.canonize)
    closers.push(async () => {
      useCanonicalizer(previous)
      await thread.close()
    })
  }
  if (config.mode === 'sandbox' && config.trustLists.length === 0) {
    // Sandbox mode emulates the trust network: our keys as a DID list signed by a sandbox "WHO" key,
    // read back through the same proof, chain and refresh path as the network's lists.
    const network = await startSandboxTrustNetwork(keyStore)
    closers.push(() => network.close())
    config = { ...config, trustLists: [`sandbox-who=${network.listUrl}`], trustListSigners: [network.signerUrl] }
  }
  // Trust lists load once before the server listens (a list that cannot be read stops the start),
  // then refresh in the background: no request waits for a fetch or a proof check.
  const refreshing = config.trustLists.length ? createRefreshingTrustLists(config.trustLists, { signers: await loadTrustListSigners(config.trustListSigners), log }) : undefined
  await refreshing?.refresh({ strict: true })
  if (refreshing) closers.push(refreshing.schedule(config.trustListRefreshSeconds * 1000))
  const trustLists = refreshing?.store
  const revocationLists = config.revocationLists.length ? await loadRevocationLists(config.revocationLists) : undefined
  const rules = config.rulesDir ? await loadRuleSetFromDirectory(config.rulesDir) : config.rulesUrl ? await loadRuleSetFromUrl(config.rulesUrl) : undefined

  const db = openNodeDb(config.dataDir)
  closers.push(() => db.close())
  const upstream = createUpstreamFetch()
  closers.push(() => upstream.close())
  const qr = createQrDecodePool({ ...qrPoolOptionsFromEnv(env), ...options.qrPool })
  closers.push(() => qr.close())
  const { app, audit } = await createService({
    config,
    db,
    keyStore,
    uvciKey: fromBase64(uvciKey),
    adminToken,
    fetch: upstream,
    log,
    samples,
    populationSamples,
    trustLists,
    trustListRefresh: refreshing,
    revocationLists,
    rules,
    decodeImage: qr.decode,
    cardPdf,
    metricsText: options.metricsText,
    clientId: (request, raw) => {
      let remote = 'unknown'
      try {
        remote = getConnInfo({ env: raw } as never).remote.address ?? 'unknown'
      } catch {}
      return clientAddress(remote, request.headers.get('x-forwarded-for'), trustProxy)
    },
  })

  closers.push(startPurgeTimer({ db, log, audit, retention: retentionFor(config) }))

  const host = options.host ?? '127.0.0.1'
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    // Slow clients are dropped quickly: headers within 10 s, the whole request within 30 s.
    const serverOptions = { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 }
    const s = serve({ fetch: app.fetch, port: options.port ?? config.port, hostname: host, serverOptions }, () => resolve(s))
    s.once('error', reject) // e.g. EADDRINUSE: a typed start-up failure, not an uncaught exception
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${host}:${port}`
  if (config.mode === 'sandbox') {
    log.warn('SANDBOX MODE: test signing keys and emulated national systems; certificates issued here are not valid for travel', { url, dataDir: config.dataDir })
  } else {
    log.info('certbridge started', { url, mode: config.mode, metrics: config.metricsToken ? 'protected by CERTBRIDGE_METRICS_TOKEN' : 'open (set CERTBRIDGE_METRICS_TOKEN to protect)', trustProxy: trustProxy.kind })
  }

  return {
    url,
    config,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      for (const close of closers.reverse()) await close()
    },
  }
}
