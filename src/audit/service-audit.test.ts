// The audit events the assembled service records by itself (src/service/service.ts): a circuit breaker that
// opens, and trust-list refreshes that changed a list or failed (an unchanged one is not recorded).
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../config.ts'
import { openNodeDb, type NodeDb } from '../runtime/node/database.ts'
import { createLogger } from '../platform/log.ts'
import { createService } from '../service/service.ts'
import { createKeyStore } from '../trust/keystore.ts'
import type { RefreshOutcome } from '../trust/refresh.ts'
import { adapters, sandboxes } from '../../adapters/registry.ts'

let db: NodeDb
afterEach(() => db?.close())

async function service(env: Record<string, string> = {}) {
  db = openNodeDb(':memory:')
  const listeners: ((source: string, outcome: RefreshOutcome) => void)[] = []
  const { app } = await createService({
    config: loadConfig({ CERTBRIDGE_BREAKER_FAILURES: '1', ...env }, adapters),
    db,
    keyStore: await createKeyStore({ country: 'XX', organisation: 'certbridge test', now: new Date(), test: true }),
    uvciKey: crypto.getRandomValues(new Uint8Array(32)),
    adminToken: 'admin-token-for-tests',
    // Every national system is down.
    fetch: async () => {
      throw new TypeError('fetch failed')
    },
    log: createLogger(() => {}),
    clientId: () => '127.0.0.1',
    decodeImage: async () => 'HC1:',
    trustListRefresh: { states: () => [], listen: (listener) => void listeners.push(listener) },
  })
  return { app, tell: (outcome: RefreshOutcome) => listeners.forEach((l) => l('DE', outcome)) }
}

const events = () => db.sqlite.prepare('SELECT action, adapter, outcome FROM audit_events ORDER BY id').all()

describe('audit events of the service', () => {
  it('records a circuit breaker that opens, with its adapter', async () => {
    const { app } = await service({
      CERTBRIDGE_VN_QR_RECORD_SOURCE_URL: 'https://records.invalid/vn',
      CERTBRIDGE_VN_QR_RECORD_SOURCE_TOKEN: 'token',
    })
    const sample = sandboxes['vn-qr']!()
      .samples()
      .find((s) => s.expect.status === 201)!
    const res = await app.request('/v1/certificates?qr=none', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qr: sample.qr, holder: sample.holder, consent: true }),
    })
    expect(res.status).toBe(503)
    await new Promise((r) => setTimeout(r, 0)) // the breaker's event is recorded without holding the request
    expect(events()).toEqual([{ action: 'breaker.state', adapter: 'vn-qr', outcome: 'OPEN' }])
  })

  it('records trust lists loaded or failed, not those unchanged', async () => {
    const { tell } = await service()
    tell('loaded')
    tell('not-modified')
    tell('failed')
    await new Promise((r) => setTimeout(r, 0))
    expect(events()).toEqual([
      { action: 'trust.refresh', adapter: null, outcome: 'LOADED' },
      { action: 'trust.refresh', adapter: null, outcome: 'FAILED' },
    ])
  })
})
