// The Node edge in production and behind a proxy, over real HTTP on 127.0.0.1: a safe production
// configuration starts and says whether /metrics is protected; an unsafe one is refused with every
// problem named; CERTBRIDGE_TRUST_PROXY decides whether X-Forwarded-For names the client of the
// per-client limit; CERTBRIDGE_ADAPTERS leaves other adapters' links unsupported.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../../src/runtime/node/main.ts'
import { createLogger } from '../../src/platform/log.ts'
import { createKeyStore } from '../../src/trust/keystore.ts'
import { startTestServer, type TestServer } from './server.ts'

const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'certbridge-production-'))
  dirs.push(dir)
  return dir
}

async function productionEnv(): Promise<Record<string, string>> {
  const keyStore = await createKeyStore({ country: 'DE', organisation: 'Example Health Authority', now: new Date(), test: false })
  return {
    CERTBRIDGE_MODE: 'production',
    CERTBRIDGE_COUNTRY: 'DE',
    CERTBRIDGE_ISSUER: 'Example Health Authority',
    CERTBRIDGE_UVCI_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
    CERTBRIDGE_ADMIN_TOKEN: 'q3J8vR0xLw9Zt2Yb+Kp4N7sD1fGh6Uj5Mc0Ea8Wi2Xo=',
    CERTBRIDGE_KEYSTORE: JSON.stringify(keyStore),
    CERTBRIDGE_ADAPTERS: 'vn-qr',
    CERTBRIDGE_VN_QR_RECORD_SOURCE_URL: 'https://records.invalid/vn',
    CERTBRIDGE_VN_QR_RECORD_SOURCE_TOKEN: 'record-source-token',
  }
}

describe('production start (Node)', () => {
  it('starts a safe configuration and says that /metrics is open, or protected', async () => {
    const env = await productionEnv()
    for (const [extra, expected] of [
      [{}, /^open/],
      [{ CERTBRIDGE_METRICS_TOKEN: 'metrics-token-for-tests' }, /^protected/],
    ] as const) {
      const lines: string[] = []
      const server = await startServer({ port: 0, dataDir: tempDir(), env: { ...env, ...extra }, log: createLogger((l) => lines.push(l)) })
      try {
        const started = lines.map((l) => JSON.parse(l)).find((l) => l.message === 'certbridge started')
        expect(started?.metrics).toMatch(expected)
        expect(started?.trustProxy).toBe('off')
        const metrics = await fetch(`${server.url}/metrics`)
        expect(metrics.status).toBe('CERTBRIDGE_METRICS_TOKEN' in extra ? 401 : 200)
        await metrics.body?.cancel()
      } finally {
        await server.close()
      }
    }
  })

  it('refuses an unsafe configuration, naming each problem on its own line', async () => {
    const env = {
      ...(await productionEnv()),
      CERTBRIDGE_ADMIN_TOKEN: 'admin',
      CERTBRIDGE_COUNTRY: 'FR',
      CERTBRIDGE_VN_QR_RECORD_SOURCE_URL: 'http://records.invalid/vn',
    }
    const dataDir = tempDir()
    chmodSync(dataDir, 0o755)
    const error = await startServer({ port: 0, dataDir, env, log: createLogger(() => {}) }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' })
    const lines = (error as Error).message.split('\n').slice(1)
    expect(lines).toHaveLength(4)
    expect(lines[0]).toMatch(/CERTBRIDGE_ADMIN_TOKEN has less than 32 bytes/)
    expect(lines[1]).toMatch(/CERTBRIDGE_COUNTRY=FR differs from the DSC's country C=DE/)
    expect(lines[2]).toMatch(/CERTBRIDGE_VN_QR_RECORD_SOURCE_URL is an http: URL/)
    expect(lines[3]).toMatch(/^ {2}- DATA_DIR .* is readable by others \(mode 755\)/)
  })
})

describe('client address behind a proxy (Node)', () => {
  let direct: TestServer
  let proxied: TestServer
  beforeAll(async () => {
    direct = await startTestServer({ CERTBRIDGE_RATE_VERIFY_PER_CLIENT_PER_MINUTE: '2' })
    proxied = await startTestServer({
      CERTBRIDGE_RATE_VERIFY_PER_CLIENT_PER_MINUTE: '2',
      CERTBRIDGE_TRUST_PROXY: '1',
      CERTBRIDGE_ADAPTERS: 'vn-qr',
    })
  })
  afterAll(async () => {
    await direct?.close()
    await proxied?.close()
  })
  const describeFrom = async (server: TestServer, forwardedFor: string) => {
    const res = await fetch(`${server.url}/v1/links/describe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ text: 'https://example.com/x' }),
    })
    await res.body?.cancel()
    return res.status
  }

  it('ignores X-Forwarded-For by default: every client behind it shares the connection address', async () => {
    expect([
      await describeFrom(direct, '198.51.100.1'),
      await describeFrom(direct, '198.51.100.2'),
      await describeFrom(direct, '198.51.100.3'),
    ]).toEqual([400, 400, 429])
  })

  it('with CERTBRIDGE_TRUST_PROXY=1, counts each forwarded client on its own', async () => {
    const a = [
      await describeFrom(proxied, '198.51.100.1'),
      await describeFrom(proxied, '198.51.100.1'),
      await describeFrom(proxied, '198.51.100.1'),
    ]
    expect(a).toEqual([400, 400, 429])
    // a client cannot escape by prepending an address of its own: the proxy's entry is the last one
    expect(await describeFrom(proxied, '203.0.113.77, 198.51.100.1')).toBe(429)
    expect(await describeFrom(proxied, '198.51.100.2')).toBe(400)
  })

  it('with CERTBRIDGE_ADAPTERS=vn-qr, answers a Gosuslugi link LINK_UNSUPPORTED and issues from Vietnam', async () => {
    const { samples } = (await (await fetch(`${proxied.url}/v1/sandbox/samples`)).json()) as {
      samples: { adapter: string; qr: string; holder: object; expect: { status: number } }[]
    }
    const issue = async (adapter: string) => {
      const sample = samples.find((s) => s.adapter === adapter && s.expect.status === 201)!
      const res = await fetch(`${proxied.url}/v1/certificates?qr=none`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ qr: sample.qr, holder: sample.holder, consent: true }),
      })
      return [res.status, ((await res.json()) as { code?: string }).code]
    }
    expect(await issue('ru-gosuslugi')).toEqual([400, 'LINK_UNSUPPORTED'])
    expect(await issue('vn-qr')).toEqual([201, undefined])
  })
})
