// DESIGN: src/runtime/workerd/ is the Cloudflare Workers edge. Its parts have the same file names as
// the Node edge's (src/runtime/node/): config-source.ts (the string bindings), secrets.ts (Workers
// secrets; sandbox keys per isolate), database.ts (D1), fetch.ts (the platform's fetch),
// primitives.ts (crypto.subtle and node:zlib under nodejs_compat: the one import from the Node edge),
// conn-info.ts (CF-Connecting-IP), sandboxes.ts (in-process sandboxes), scheduler.ts (no timers: the
// cron trigger purges). There is no filesystem: lists are URLs and rules come from a URL.
// This file hands the parts to the one assembly (src/service/assemble.ts), once per isolate, and
// answers fetch and scheduled events. A failed build is not cached: the next request tries again,
// and the failure answers 503 with no detail beyond its code.
import zxingWasm from 'zxing-wasm/reader/zxing_reader.wasm'
import type { ExecutionContext, ScheduledController } from '@cloudflare/workers-types'
import { ConfigError, type Config } from '../../config.ts'
import type { AuditSink } from '../../audit/audit.ts'
import { createLogger, type Logger } from '../../platform/log.ts'
import { createQrImageDecoder, type QrImageDecoder } from '../../qr/decode.ts'
import { assemble, type AssembledService } from '../../service/assemble.ts'
import { workerConfigSource, type WorkerEnv } from './config-source.ts'
import { workerRemoteAddress } from './conn-info.ts'
import { openD1Db } from './database.ts'
import { workerFetch } from './fetch.ts'
import { workerPrimitives } from './primitives.ts'
import { inProcessSandboxes } from './sandboxes.ts'
import { scheduledPurge, workerScheduler } from './scheduler.ts'
import { workerSecrets } from './secrets.ts'

export interface WorkerServiceOptions {
  readonly decodeImage: QrImageDecoder
  /** The fetch national requests and list downloads go through; the platform's by default. */
  readonly fetch?: typeof fetch
  readonly now?: () => Date
  readonly log?: Logger
}

export interface WorkerService {
  readonly app: AssembledService['app']
  readonly config: Config
  readonly audit: AuditSink
  /** Starts a background trust-list refresh when one is due (for ctx.waitUntil); no timer runs on Workers. */
  readonly refreshTrustLists: () => Promise<void> | undefined
}

/** Builds the service from the Worker's bindings through the one assembly. */
export async function buildWorkerService(env: WorkerEnv, options: WorkerServiceOptions): Promise<WorkerService> {
  const platformFetch = options.fetch ?? workerFetch
  const service = await assemble({
    configSource: workerConfigSource(env),
    log: options.log ?? createLogger(),
    ...(options.now ? { now: options.now } : {}),
    primitives: workerPrimitives,
    secrets: workerSecrets,
    database: () => {
      if (!env.DB) throw new ConfigError('CONFIG_MISSING', 'the D1 binding DB is missing (wrangler.toml [[d1_databases]])')
      return openD1Db(env.DB)
    },
    upstreamFetch: () => platformFetch,
    listFetch: platformFetch,
    remoteAddress: workerRemoteAddress,
    sandboxes: inProcessSandboxes(),
    scheduler: workerScheduler,
    qrDecoder: () => ({ decode: options.decodeImage }),
  })
  service.announce(
    service.config.mode === 'sandbox' ? { runtime: 'workerd', keys: 'kept only as long as this isolate' } : { runtime: 'workerd' },
  )
  return { app: service.app, config: service.config, audit: service.audit, refreshTrustLists: service.refreshTrustListsIfDue }
}

const decodeImage = createQrImageDecoder(zxingWasm)
const log = createLogger()
let service: Promise<WorkerService> | undefined

function serviceFor(env: WorkerEnv): Promise<WorkerService> {
  if (!service) {
    service = buildWorkerService(env, { decodeImage, log })
    service.catch(() => {
      service = undefined
    })
  }
  return service
}

function unavailable(code: string): Response {
  const body = {
    type: 'about:blank',
    title: 'Service unavailable',
    status: 503,
    code,
    detail: 'The service could not start; see the Worker logs.',
  }
  return new Response(JSON.stringify(body), { status: 503, headers: { 'content-type': 'application/problem+json', 'retry-after': '30' } })
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    let built: WorkerService
    try {
      built = await serviceFor(env)
    } catch (error) {
      const code = (error as { code?: unknown }).code
      log.error('start-up failed', { error })
      return unavailable(typeof code === 'string' ? code : 'INTERNAL')
    }
    // A due trust-list refresh runs beside this request; the request uses the lists as they are.
    const refresh = built.refreshTrustLists()
    if (refresh) ctx.waitUntil(refresh)
    return built.app.fetch(request, env, ctx)
  },
  /** The cron trigger: purges expired rows (src/db/purge.ts). */
  async scheduled(_controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    ctx.waitUntil(scheduledPurge(env, log))
  },
}
