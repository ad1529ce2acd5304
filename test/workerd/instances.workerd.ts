// Two separately built instances of the service (as two Worker isolates would build them) sharing one
// D1: the per-client rate limit and Idempotency-Key replays hold across them, because both are kept
// in the database. Also the start-up refusals of the assembly (src/service/assemble.ts) on the Workers edge, with their codes.
import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildWorkerService, type WorkerService } from '../../src/runtime/workerd/main.ts'
import type { WorkerEnv } from '../../src/runtime/workerd/config-source.ts'
import { createKeyStore } from '../../src/trust/keystore.ts'
import { toBase64 } from '../../src/platform/bytes.ts'
import type { QrImageDecoder } from '../../src/qr/decode.ts'

const decodeImage: QrImageDecoder = async () => {
  throw new Error('not used')
}
const silent = { info() {}, warn() {}, error() {} }
const origin = 'https://certbridge.test'

let shared: WorkerEnv
let a: WorkerService
let b: WorkerService

beforeAll(async () => {
  const keyStore = await createKeyStore({ country: 'XX', organisation: 'certbridge test', now: new Date(), test: true })
  shared = {
    ...(env as unknown as WorkerEnv),
    CERTBRIDGE_KEYSTORE: JSON.stringify(keyStore),
    CERTBRIDGE_UVCI_KEY: toBase64(crypto.getRandomValues(new Uint8Array(32))),
    CERTBRIDGE_ADMIN_TOKEN: 'admin-token-for-tests',
    CERTBRIDGE_RATE_PER_CLIENT_PER_MINUTE: '3',
  }
  a = await buildWorkerService(shared, { decodeImage, log: silent })
  b = await buildWorkerService(shared, { decodeImage, log: silent })
})

function post(app: WorkerService['app'], body: unknown, headers: Record<string, string>) {
  return app.fetch(
    new Request(`${origin}/v1/certificates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    }),
  )
}

async function issuableSample() {
  const { samples } = (await (await a.app.fetch(new Request(`${origin}/v1/sandbox/samples`))).json()) as {
    samples: { adapter: string; qr: string; holder: object; expect: { status: number } }[]
  }
  return samples.find((s) => s.adapter === 'ru-gosuslugi' && s.expect.status === 201)!
}

describe('two instances sharing one D1', () => {
  it('count one per-client limit: the fourth request in the minute is refused by either instance', async () => {
    const client = { 'cf-connecting-ip': '203.0.113.7' }
    // Forged links: refused (400) before any national call, yet counted against the client.
    const forged = {
      qr: 'https://www.gosuslugi.ru@evil.example/covid-cert/status/6f2a9e3c-2b7d-4e51-9a3f-8c1d2e4f5a6b',
      holder: (await issuableSample()).holder,
      consent: true,
    }
    const statuses = [
      (await post(a.app, forged, client)).status,
      (await post(b.app, forged, client)).status,
      (await post(a.app, forged, client)).status,
    ]
    expect(statuses).toEqual([400, 400, 400])
    const refused = await post(b.app, forged, client)
    expect(refused.status).toBe(429)
    expect(((await refused.json()) as { code: string }).code).toBe('RATE_LIMITED')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    // another client is not affected
    expect((await post(a.app, forged, { 'cf-connecting-ip': '203.0.113.8' })).status).toBe(400)
  })

  it('replay an Idempotency-Key across instances: the same certificate, and a conflict for another body', async () => {
    const sample = await issuableSample()
    const key = { 'idempotency-key': 'retry-0123456789', 'cf-connecting-ip': '198.51.100.1' }
    const first = await post(a.app, { qr: sample.qr, holder: sample.holder, consent: true }, key)
    const firstBody = (await first.json()) as { uvci: string; repeated: boolean; expiresAt: string }
    expect(first.status).toBe(201)
    expect(firstBody.repeated).toBe(false)
    const again = await post(b.app, { qr: sample.qr, holder: sample.holder, consent: true }, key)
    const againBody = (await again.json()) as { uvci: string; repeated: boolean; expiresAt: string }
    expect(again.status).toBe(201)
    expect(againBody).toMatchObject({ uvci: firstBody.uvci, repeated: true, expiresAt: firstBody.expiresAt })
    const other = await post(b.app, { qr: sample.qr, holder: { ...sample.holder, givenName: 'Пётр' }, consent: true }, key)
    expect(other.status).toBe(409)
    expect(((await other.json()) as { code: string }).code).toBe('IDEMPOTENCY_CONFLICT')
  })
})

describe('start-up refusals', () => {
  const base = () => ({ DB: (env as unknown as WorkerEnv).DB })

  it('refuses production without secrets, naming the missing settings only', async () => {
    const error = await buildWorkerService({ ...base(), CERTBRIDGE_MODE: 'production' }, { decodeImage, log: silent }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ code: 'CONFIG_MISSING' })
    expect((error as Error).message).toContain('CERTBRIDGE_UVCI_KEY')
    expect((error as Error).message).toContain('CERTBRIDGE_RU_GOSUSLUGI_RECORD_SOURCE_TOKEN')
  })

  it('refuses a key store secret that is not JSON without echoing it', async () => {
    const secret = '-----BEGIN PRIVATE KEY-----MIGHAgEAMBMG'
    const error = await buildWorkerService({ ...base(), CERTBRIDGE_KEYSTORE: secret }, { decodeImage, log: silent }).catch(
      (e: unknown) => e,
    )
    expect(error).toMatchObject({ code: 'KEYSTORE_INVALID' })
    expect((error as Error).message).not.toContain('MIGHAgEA')
  })

  it('refuses trust lists given as file paths (Workers have no filesystem)', async () => {
    const error = await buildWorkerService(
      { ...base(), CERTBRIDGE_TRUST_LISTS: 'DE=/data/trustlist_de.json' },
      { decodeImage, log: silent },
    ).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' })
  })
})
