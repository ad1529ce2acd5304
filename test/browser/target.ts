// The server the browser tests drive: the real Node server in sandbox mode on 127.0.0.1 when it starts
// (with the web routes in front when src/http/app.ts does not serve them yet), otherwise the pages
// with a stand-in API (fake-api.ts), saying so on the console.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { webRoutes } from '../../src/web/routes.ts'
import { fakeApi } from './fake-api.ts'
import { testdataPath } from '../shared.ts'

export interface Target {
  readonly url: string
  /** True when the API is the real service (issuance and verification are real). */
  readonly real: boolean
  close(): Promise<void>
}

async function listen(app: Hono): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

const quietLog = { debug() {}, info() {}, warn() {}, error() {} }

export interface TargetOptions {
  /** Load the EU business-rules test data (CERTBRIDGE_RULES_DIR) into the real server. */
  readonly rules?: boolean
}

export async function startTarget(options: TargetOptions = {}): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), 'certbridge-web-'))
  let real: { url: string; close(): Promise<void> } | undefined
  try {
    const { startServer } = await import('../../src/runtime/node/main.ts')
    const env = options.rules ? { CERTBRIDGE_RULES_DIR: testdataPath('business-rules') } : {}
    real = await startServer({ port: 0, dataDir, env, log: quietLog as never })
  } catch (error) {
    console.warn(`browser tests: the real server did not start (${(error as Error).message.split('\n')[0]}); using the stand-in API`)
  }
  if (real) {
    const served = await fetch(`${real.url}/`)
    if (served.ok && (served.headers.get('content-type') ?? '').startsWith('text/html')) {
      const r = real
      return {
        url: r.url,
        real: true,
        close: async () => {
          await r.close()
          rmSync(dataDir, { recursive: true, force: true })
        },
      }
    }
    // The pages are not mounted yet: serve them here and pass every other request to the real server.
    const upstream = real.url
    const app = new Hono()
    app.route('/', webRoutes({ sandbox: true }))
    app.all('*', async (c) => {
      const url = new URL(c.req.url)
      const init: RequestInit = { method: c.req.method, headers: c.req.raw.headers }
      if (!['GET', 'HEAD'].includes(c.req.method)) init.body = await c.req.arrayBuffer()
      return fetch(`${upstream}${url.pathname}${url.search}`, init)
    })
    const front = await listen(app)
    const r = real
    return {
      url: front.url,
      real: true,
      close: async () => {
        await front.close()
        await r.close()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  }
  const app = new Hono()
  app.route('/', webRoutes({ sandbox: true }))
  app.route('/', fakeApi())
  const front = await listen(app)
  return {
    url: front.url,
    real: false,
    close: async () => {
      await front.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
