// The three verifier columns must be able to say no: a certificate issued by the sandbox service is
// VALID for each, and the same certificate with a flipped signature bit, checked after its expiry, or
// against a trust list without its key, gets each verifier's own failure code.
import { deflateSync, inflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeBase45 } from '../../src/hcert/base45.ts'
import { decodeHc1 } from '../../src/hcert/decode.ts'
import { HarnessError } from '../../tools/harness/errors.ts'
import {
  fetchPublished,
  fetchSamples,
  issuable,
  issueSamples,
  startSandbox,
  type Issued,
  type Published,
  type Sandbox,
} from '../../tools/harness/issue.ts'
import { base45Decode } from '../../tools/harness/verifiers/base45.ts'
import { createCertbridgeVerifier } from '../../tools/harness/verifiers/certbridge.ts'
import { createCoseJsVerifier } from '../../tools/harness/verifiers/cose-js.ts'
import { createDccUtilsVerifier, loadDccUtils } from '../../tools/harness/verifiers/dcc-utils.ts'
import type { HarnessVerifier } from '../../tools/harness/verifiers/types.ts'

let sandbox: Sandbox
let published: Published
let certificate: Issued
let verifiers: HarnessVerifier[]

beforeAll(async () => {
  sandbox = await startSandbox()
  const [sample] = issuable(await fetchSamples(sandbox.url), 1)
  const { issued } = await issueSamples(sandbox.url, [sample!])
  certificate = issued[0]!
  published = await fetchPublished(sandbox.url)
  verifiers = [
    await createCertbridgeVerifier(published.trustList),
    createDccUtilsVerifier(published.jwks),
    createCoseJsVerifier(published.trustList),
  ]
}, 20_000)

afterAll(async () => sandbox?.close())

/** The certificate with the last bit of its COSE signature flipped. */
function withBadSignature(hc1: string): string {
  const cose = new Uint8Array(inflateSync(base45Decode(hc1.slice(4))))
  cose[cose.length - 1]! ^= 1
  return `HC1:${encodeBase45(new Uint8Array(deflateSync(cose)))}`
}

async function verdicts(hc1: string, at: Date, list = verifiers): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const v of list) out[v.name] = await v.verify(hc1, at)
  return out
}

describe('harness verifiers', () => {
  it('accept a certificate the service issued', async () => {
    expect(await verdicts(certificate.hc1, new Date())).toEqual({ certbridge: 'VALID', 'dcc-utils': 'VALID', 'cose-js': 'VALID' })
  })

  it('reject a forged signature, each with its own code', async () => {
    expect(await verdicts(withBadSignature(certificate.hc1), new Date())).toEqual({
      certbridge: 'HCERT_SIGNATURE',
      'dcc-utils': 'SIGNATURE_INVALID',
      'cose-js': 'SIGNATURE_INVALID',
    })
  })

  it('reject an expired certificate (dcc-utils checks signatures only)', async () => {
    const exp = decodeHc1(certificate.hc1).exp!
    const after = new Date((exp + 86_400) * 1000)
    const result = await verdicts(certificate.hc1, after)
    expect(result.certbridge).toMatch(/^HCERT_(EXPIRED|NOT_YET_VALID)$/)
    expect(['EXPIRED', 'DSC_NOT_VALID']).toContain(result['cose-js'])
    expect(result['dcc-utils']).toBe('VALID')
  })

  it('reject a certificate whose key is not published', async () => {
    const empty = [
      await createCertbridgeVerifier({ certificates: [] }),
      createDccUtilsVerifier({ keys: [] }),
      createCoseJsVerifier({ certificates: [] }),
    ]
    expect(await verdicts(certificate.hc1, new Date(), empty)).toEqual({
      certbridge: 'HCERT_KID_UNKNOWN',
      'dcc-utils': 'KID_UNKNOWN',
      'cose-js': 'KID_UNKNOWN',
    })
  })

  it('reject text that is not an HC1', async () => {
    const result = await verdicts('HC1:not base45 at all', new Date())
    expect(result).toEqual({ certbridge: 'HCERT_BASE45', 'dcc-utils': 'DECODE_FAILED', 'cose-js': 'DECODE_FAILED' })
  })

  it('say clearly when dcc-utils is absent', () => {
    const missing = (() => {
      throw new Error("Cannot find module 'dcc-utils'")
    }) as unknown as NodeJS.Require
    expect(() => loadDccUtils(missing)).toThrowError(HarnessError)
    try {
      loadDccUtils(missing)
    } catch (error) {
      expect((error as HarnessError).code).toBe('HARNESS_VERIFIER_MISSING')
      expect((error as Error).message).toMatch(/dcc-utils is not installed/)
    }
  })
})
