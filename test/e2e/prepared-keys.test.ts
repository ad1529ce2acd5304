// A sandbox start on a DATA_DIR prepared offline with `certbridge trust onboard` and `certbridge keys
// dsc` signs with that DSC and publishes it with its SCA: it generates no keys of its own, and the key
// store it reads never holds the SCA's private key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, type RunningServer } from '../../src/runtime/node/main.ts'
import { createLogger } from '../../src/platform/log.ts'
import { run as onboard } from '../../src/cli/trust-onboard.ts'
import { run as keys } from '../../src/cli/keys.ts'
import { verifyCertificate } from '../../src/verify/verify.ts'
import { importDsc } from '../../src/trust/dsc.ts'
import { createTrustStore } from '../../src/trust/store.ts'

const quiet = { out: () => undefined, err: () => undefined, now: () => new Date() }
let root: string
let dataDir: string
let participant: string
let server: RunningServer
let prepared: { kid: string; certificate: string }
let storeBefore: string

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'certbridge-prepared-'))
  participant = join(root, 'XXX')
  dataDir = join(root, 'data')
  expect(await onboard(['--country', 'XX', '--out', participant, '--organisation', 'Example Bridge'], quiet)).toBe(0)
  expect(await keys(['dsc', '--ca', participant, '--data-dir', dataDir, '--test'], { ...quiet, env: {} })).toBe(0)
  storeBefore = readFileSync(join(dataDir, 'keystore.json'), 'utf8')
  prepared = JSON.parse(storeBefore).dscs[0]
  server = await startServer({
    port: 0,
    dataDir,
    env: { CERTBRIDGE_MODE: 'sandbox', CERTBRIDGE_RATE_PER_CLIENT_PER_MINUTE: '100000', CERTBRIDGE_RATE_PER_RECORD_PER_HOUR: '100000' },
    log: createLogger(() => undefined),
  })
}, 60_000)

afterAll(async () => {
  await server?.close()
  rmSync(root, { recursive: true, force: true })
})

describe('sandbox start on a prepared DATA_DIR', () => {
  it('signs with the prepared DSC, which verifies, and keeps the key store as it was', async () => {
    const { samples } = (await (await fetch(`${server.url}/v1/sandbox/samples`)).json()) as {
      samples: { qr: string; holder: unknown; expect: { status: number } }[]
    }
    const sample = samples.find((s) => s.expect.status === 201)!
    const res = await fetch(`${server.url}/v1/certificates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qr: sample.qr, holder: sample.holder, consent: true }),
    })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { kid: string; hc1: string }
    expect(body.kid).toBe(prepared.kid)
    const own = createTrustStore([await importDsc(prepared.certificate, { source: 'prepared' })])
    await expect(verifyCertificate({ hc1: body.hc1 }, { keys: own.resolve, now: new Date() })).resolves.toMatchObject({
      status: 'VALID',
      type: expect.any(String),
    })
    expect(readFileSync(join(dataDir, 'keystore.json'), 'utf8')).toBe(storeBefore)
    expect(storeBefore).not.toContain(readFileSync(join(participant, 'private', 'SCA.key'), 'utf8').split('\n')[1])
  })

  it('publishes the prepared DSC, chained to the onboarded SCA', async () => {
    const list = (await (await fetch(`${server.url}/v1/trust-list`)).json()) as { certificates: { kid: string; rawData: string }[] }
    expect(list.certificates.map((c) => [c.kid, c.rawData])).toEqual([[prepared.kid, prepared.certificate]])
    const jwks = (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string; x5c: string[] }[] }
    const sca = readFileSync(join(participant, 'onboarding', 'DCC', 'SCA', 'SCA.pem'), 'utf8').replace(/-----[A-Z ]+-----|\s/g, '')
    expect(jwks.keys.map((k) => [k.kid, k.x5c])).toEqual([[prepared.kid, [prepared.certificate, sca]]])
  })
})
