// The trust network end to end over real HTTP: the Node server reads a GDHCN DID list (the DEV
// XXA list, served on 127.0.0.1) with the DEV WHO key as signer, refreshes it with validators,
// keeps the last good copy when a refresh is refused and says so in /healthz and /metrics; and it
// publishes its own keys as a DID document that its own verifier reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { startTestServer, type TestServer } from './server.ts'
import { testdataPath } from '../shared.ts'
import { loadTrustList } from '../../src/trust/load.ts'
import { verifyCertificate } from '../../src/verify/verify.ts'

const good = readFileSync(testdataPath('gdhcn', 'tng-cdn-dev', 'v2', 'trustlist', '-', 'XXA', 'DSC', 'did.json'), 'utf8')
let body = good
let etag = '"1"'
const seen: IncomingHttpHeaders[] = []
let lists: Server
let server: TestServer

beforeAll(async () => {
  lists = createServer((req, res) => {
    seen.push(req.headers)
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end()
    res.writeHead(200, { 'content-type': 'application/json', etag }).end(body)
  })
  await new Promise<void>((resolve) => lists.listen(0, '127.0.0.1', resolve))
  server = await startTestServer({
    CERTBRIDGE_TRUST_LISTS: `WHO=http://127.0.0.1:${(lists.address() as AddressInfo).port}/v2/trustlist/-/XXA/DSC/did.json`,
    CERTBRIDGE_TRUST_LIST_SIGNERS: testdataPath('gdhcn', 'who-signing-dev', 'did.json'),
    CERTBRIDGE_TRUST_LIST_REFRESH_SECONDS: '1',
  })
}, 120_000)
afterAll(async () => {
  await server?.close()
  await new Promise<void>((resolve) => lists.close(() => resolve()))
})

async function health(): Promise<Record<string, string>> {
  return ((await (await fetch(`${server.url}/healthz`)).json()) as { checks: Record<string, string> }).checks
}

/** Polls /healthz until the list's check matches (the refresh runs on its own schedule). */
async function untilList(pattern: RegExp): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const check = (await health())['trustList:WHO'] ?? ''
    if (pattern.test(check)) return check
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`trustList:WHO never matched ${pattern}: ${(await health())['trustList:WHO']}`)
}

describe('sandbox mode without configured lists', () => {
  it('reads its own keys from the emulated network: a DID list signed by the sandbox WHO', async () => {
    const sandbox = await startTestServer()
    try {
      expect((await (await fetch(`${sandbox.url}/healthz`)).json()).checks['trustList:sandbox-who']).toBe('ok')
    } finally {
      await sandbox.close()
    }
  }, 120_000)
})

describe('GDHCN trust lists in the running service', () => {
  it('loads the signed list before serving and refreshes it with If-None-Match', async () => {
    expect((await health())['trustList:WHO']).toBe('ok')
    const before = seen.length
    await untilList(/^ok$/)
    while (seen.length === before) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(seen.at(-1)!['if-none-match']).toBe('"1"')
  })

  it('keeps the last good copy when a refreshed list fails its proof, and says so in /healthz and /metrics', async () => {
    body = good.replace('"#XXA"', '"#XXB"')
    etag = '"2"'
    const check = await untilList(/^stale/)
    expect(check).toMatch(/^stale since \d{4}-\d\d-\d\dT.* \(TRUST_LIST_SIGNATURE\)$/)
    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    expect(metrics).toMatch(/certbridge_trust_list_refreshes_total\{source="WHO",outcome="failed"\} [1-9]/)
    body = good
    etag = '"3"'
    await untilList(/^ok$/)
  })

  it('publishes its keys as a DID document that its own verifier reads, and that verifies what it issues', async () => {
    const did = await (await fetch(`${server.url}/.well-known/did.json`)).json()
    expect(did.id).toBe(`did:web:${new URL(server.url).host.replace(':', '%3A')}`)
    const list = await loadTrustList(`${server.url}/.well-known/did.json`, { eager: true })
    expect(list).toMatchObject({ format: 'did', signature: 'absent', chains: { invalid: 0 } })
    expect(list.entries).toBeGreaterThan(0)

    const { samples } = (await (await fetch(`${server.url}/v1/sandbox/samples`)).json()) as {
      samples: { qr: string; holder: Record<string, string>; expect: { status: number } }[]
    }
    const sample = samples.find((s) => s.expect.status === 201)!
    const issued = await (
      await fetch(`${server.url}/v1/certificates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ qr: sample.qr, holder: sample.holder, consent: true }),
      })
    ).json()
    expect(issued.hc1).toMatch(/^HC1:/)
    await expect(verifyCertificate({ hc1: issued.hc1 }, { keys: list.store.resolve, now: new Date() })).resolves.toMatchObject({
      status: 'VALID',
      type: expect.any(String),
    })
  })
})
