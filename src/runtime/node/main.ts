// DESIGN: src/runtime/node/ is the Node edge, the only place (with the CLI) where node: modules are
// imported. Its parts have the same file names as the Workers edge's (src/runtime/workerd/):
// config-source.ts (the environment), secrets.ts (key store and secrets in DATA_DIR), database.ts
// (SQLite), fetch.ts (undici), primitives.ts (node:crypto, node:zlib), conn-info.ts (the socket's
// address), sandboxes.ts (sandboxes on loopback), scheduler.ts (timers); files.ts reads list files
// and a rules directory. Node-only libraries live beside them (qr/ the decode pool, trust/ key files,
// PKCS#11 and the canonicalization thread, sandbox/, cluster.ts, data-dir.ts, rules-dir.ts, qa/).
// This file hands the parts to the one assembly (src/service/assemble.ts) and serves its app over HTTP.
import { serve } from '@hono/node-server'
import { loadConfig, type Config, type Env } from '../../config.ts'
import { createLogger, type Logger } from '../../platform/log.ts'
import { assemble } from '../../service/assemble.ts'
import type { EdgeParts } from '../../service/edge.ts'
import type { Metrics } from '../../http/metrics.ts'
import { cardPdf } from '../../web/card-pdf.ts'
import { adapters } from '../../../adapters/registry.ts'
import { nodeConfigSource } from './config-source.ts'
import { nodeRemoteAddress } from './conn-info.ts'
import { openNodeDb } from './database.ts'
import { dataDirProblems } from './data-dir.ts'
import { createUpstreamFetch } from './fetch.ts'
import { nodeFiles } from './files.ts'
import { nodePrimitives } from './primitives.ts'
import { createQrDecodePool, qrPoolOptionsFromEnv, type QrDecodePoolOptions } from './qr/decode-pool.ts'
import { loopbackSandboxes } from './sandboxes.ts'
import { nodeScheduler } from './scheduler.ts'
import { nodeSecrets, openKeyStore, sandboxSecrets } from './secrets.ts'
import { startCanonizeThread } from './trust/canonize-thread.ts'

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

/** The Node edge's parts (src/service/edge.ts). */
export function nodeParts(options: StartOptions = {}): EdgeParts {
  const source = nodeConfigSource(options)
  return {
    configSource: source,
    log: options.log ?? createLogger(),
    primitives: nodePrimitives,
    secrets: nodeSecrets,
    productionProblems: (config) => dataDirProblems(config.dataDir),
    database: (config) => openNodeDb(config.dataDir),
    upstreamFetch: () => createUpstreamFetch(),
    remoteAddress: nodeRemoteAddress,
    sandboxes: loopbackSandboxes(),
    scheduler: nodeScheduler,
    files: nodeFiles,
    qrDecoder: () => createQrDecodePool({ ...qrPoolOptionsFromEnv(source), ...options.qrPool }),
    startCanonicalizer: startCanonizeThread,
    cardPdf,
    ...(options.metricsText ? { metricsText: options.metricsText } : {}),
  }
}

/**
 * Makes what several processes sharing DATA_DIR must find made once: the migrated database and, in
 * sandbox mode, the generated test keys and secrets. Run by a cluster's primary before it forks.
 */
export async function prepareDataDir(options: Pick<StartOptions, 'env' | 'dataDir'> = {}): Promise<Config> {
  const config = loadConfig(nodeConfigSource(options), adapters)
  if (config.mode === 'sandbox') {
    sandboxSecrets(config.dataDir)
    await openKeyStore(config, new Date())
  }
  openNodeDb(config.dataDir).close()
  return config
}

/** Starts the service and serves it on HTTP; on a start-up failure, whatever had started is closed first. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const service = await assemble(nodeParts(options))
  const host = options.host ?? '127.0.0.1'
  let server: ReturnType<typeof serve>
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      // Slow clients are dropped quickly: headers within 10 s, the whole request within 30 s.
      const serverOptions = { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 }
      const s = serve({ fetch: service.app.fetch, port: options.port ?? service.config.port, hostname: host, serverOptions }, () =>
        resolve(s),
      )
      s.once('error', reject) // e.g. EADDRINUSE: a typed start-up failure, not an uncaught exception
    })
  } catch (error) {
    await service.close()
    throw error
  }
  const address = server.address()
  const url = `http://${host}:${typeof address === 'object' && address !== null ? address.port : options.port}`
  service.announce(service.config.mode === 'sandbox' ? { url, dataDir: service.config.dataDir } : { url })

  return {
    url,
    config: service.config,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await service.close()
    },
  }
}
