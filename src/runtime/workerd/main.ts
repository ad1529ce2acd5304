// The Cloudflare Workers edge: the same Hono app as the Node server, built once per isolate from the
// Worker's bindings (see src/runtime/workerd/build.ts and wrangler.toml). A failed build is not cached: the
// next request tries again, and the failure answers 503 with no detail beyond its code.
import zxingWasm from 'zxing-wasm/reader/zxing_reader.wasm'
import type { ExecutionContext, ScheduledController } from '@cloudflare/workers-types'
import { createQrImageDecoder } from '../../qr/decode.ts'
import { buildWorkerService, type WorkerService } from './build.ts'
import type { WorkerEnv } from './env.ts'
import { createLogger } from '../../platform/log.ts'
import { usePrimitives } from '../../platform/primitives.ts'
import { workerPrimitives } from './primitives.ts'
import { scheduledPurge } from './scheduler.ts'

usePrimitives(workerPrimitives)

const decodeImage = createQrImageDecoder(zxingWasm)
const log = createLogger()
let service: Promise<WorkerService> | undefined

function serviceFor(env: WorkerEnv): Promise<WorkerService> {
  if (!service) {
    service = buildWorkerService(env, { decodeImage, log })
    service.catch(() => { service = undefined })
  }
  return service
}

function unavailable(code: string): Response {
  const body = { type: 'about:blank', title: 'Service unavailable', status: 503, code, detail: 'The service could not start; see the Worker logs.' }
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
