// The real app for fuzzing request bodies through `app.request`, with no socket and no network: the
// service assembly of src/service/service.ts over an in-memory database and fresh test keys, and an upstream
// fetch that hands each request to the national sandbox of the adapter whose origin it targets.
import { adapters, sandboxes } from '../../adapters/registry.ts'
import { loadConfig, settingVariable } from '../../src/config.ts'
import { openNodeDb } from '../../src/runtime/node/database.ts'
import { createLogger } from '../../src/platform/log.ts'
import { decodeQrImage } from '../../src/runtime/node/qr/decode.ts'
import { createService } from '../../src/service/service.ts'
import { createKeyStore } from '../../src/trust/keystore.ts'
import type { AdapterSandbox } from '../../adapters/_sdk/sandbox.ts'

export interface FuzzApp {
  request(path: string, init: RequestInit): Promise<Response>
  /** Log lines at level error (a 500 logs one). */
  readonly errors: string[]
  close(): void
}

export async function createFuzzApp(): Promise<FuzzApp> {
  const env: Record<string, string> = {
    CERTBRIDGE_RATE_PER_CLIENT_PER_MINUTE: '100000000',
    CERTBRIDGE_RATE_PER_RECORD_PER_HOUR: '100000000',
    CERTBRIDGE_HOLDER_MAX_MISMATCHES: '100000000',
    CERTBRIDGE_HOLDER_MAX_MISMATCHES_PER_RECORD: '100000000',
    CERTBRIDGE_RATE_VERIFY_PER_CLIENT_PER_MINUTE: '100000000',
    CERTBRIDGE_UPSTREAM_DEADLINE_MS: '2000',
  }
  const routes = new Map<string, AdapterSandbox>()
  for (const adapter of adapters) {
    const sandbox = sandboxes[adapter.id]!()
    const origin = `http://${adapter.id}.sandbox.invalid`
    routes.set(origin, sandbox)
    for (const [name, value] of Object.entries(sandbox.config(origin)))
      if (value !== undefined) env[settingVariable(adapter.id, name)] = value
  }
  const upstream = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    const sandbox = routes.get(new URL(request.url).origin)
    if (!sandbox) throw new TypeError('fetch failed')
    return sandbox.fetch(request)
  }) as typeof fetch

  const config = loadConfig(env, adapters)
  const db = openNodeDb(':memory:')
  const keyStore = await createKeyStore({ country: 'XX', organisation: 'certbridge fuzz', now: new Date(), test: true })
  const errors: string[] = []
  const log = createLogger((line) => {
    if (line.includes('"level":"error"')) errors.push(line)
  })
  const { app } = await createService({
    config,
    db,
    keyStore,
    uvciKey: crypto.getRandomValues(new Uint8Array(32)),
    adminToken: 'fuzz-admin-token-not-secret',
    fetch: upstream,
    log,
    clientId: () => '127.0.0.1',
    decodeImage: decodeQrImage,
  })
  return {
    request: async (path, init) => app.request(`http://127.0.0.1${path}`, init),
    errors,
    close: () => db.close(),
  }
}
