import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { revocationHash } from '../revocation/hashes.ts'
import { createRevocationList } from '../revocation/list.ts'
import { toBase64 } from '../platform/bytes.ts'
import { fullVaccinationRules, resolverOf, signed, testKey, vectorPayload } from '../../test/verify/support.ts'
import { STATUSES, isVerificationStatus } from './status.ts'
import { verifyCertificate } from './verify.ts'

const iat = new Date('2021-06-01T00:00:00Z')
const exp = new Date('2022-06-01T00:00:00Z')
const now = new Date('2021-10-15T12:00:00Z')
const payload = vectorPayload('DE/2DCode/raw/1.json') // Comirnaty, dose 2 of 2
const ci = (payload.v as Array<{ ci: string }>)[0]!.ci

async function fixture() {
  const { signer, key } = await testKey({
    country: 'DE',
    source: 'DE',
    notBefore: new Date('2021-01-01Z'),
    notAfter: new Date('2023-01-01Z'),
  })
  const { hc1, signature } = await signed(payload, signer, { iat, exp })
  return { key, hc1, signature, keys: resolverOf(key) }
}

describe('verifyCertificate', () => {
  it('answers VALID with the payload, type, issuer and its trust list, and times', async () => {
    const { hc1, key, keys } = await fixture()
    const result = await verifyCertificate({ hc1 }, { keys, now })
    expect(result).toMatchObject({
      status: 'VALID',
      statusText: STATUSES.VALID,
      verified: true,
      type: 'vaccination',
      payload,
      issuer: { iss: 'DE', kid: toBase64(key.kid), source: 'DE', country: 'DE' },
      iat: iat.toISOString(),
      exp: exp.toISOString(),
      clock: now.toISOString(),
      revocation: { checked: false, hashTypes: [] },
    })
    expect(result.rules).toBeUndefined()
  })

  it('returns the decoded payload, unverified, when the signer is unknown', async () => {
    const { hc1 } = await fixture()
    const stranger = await testKey()
    const result = await verifyCertificate({ hc1 }, { keys: resolverOf(stranger.key), now })
    expect(result.status).toBe('HCERT_KID_UNKNOWN')
    expect(result.verified).toBe(false)
    expect(result.payload).toEqual(payload)
    expect(result.issuer?.iss).toBe('DE')
    expect(result.issuer?.source).toBeUndefined()
  })

  it('answers HCERT_SIGNATURE for a different key with the same kid', async () => {
    const { hc1, key } = await fixture()
    const other = await testKey()
    const impostor = { ...other.key, kid: key.kid }
    const result = await verifyCertificate({ hc1 }, { keys: resolverOf(impostor), now })
    expect(result.status).toBe('HCERT_SIGNATURE')
    expect(result.verified).toBe(false)
  })

  it('tries every key of a colliding kid', async () => {
    const { hc1, key } = await fixture()
    const other = await testKey()
    const result = await verifyCertificate({ hc1 }, { keys: resolverOf({ ...other.key, kid: key.kid, source: 'X' }, key), now })
    expect(result.status).toBe('VALID')
    expect(result.issuer?.source).toBe('DE')
  })

  it('answers HCERT_EXPIRED after exp and HCERT_NOT_YET_VALID before iat, still verified', async () => {
    const { hc1, keys } = await fixture()
    const late = await verifyCertificate({ hc1 }, { keys, now }, { at: new Date('2022-06-02T00:00:00Z') })
    expect(late).toMatchObject({ status: 'HCERT_EXPIRED', verified: true, clock: '2022-06-02T00:00:00.000Z' })
    const early = await verifyCertificate({ hc1 }, { keys, now }, { at: new Date('2021-05-01T00:00:00Z') })
    expect(early.status).toBe('HCERT_NOT_YET_VALID')
  })

  it('answers HCERT_KEY_USAGE when the DSC may not sign vaccinations', async () => {
    const { signer, key } = await testKey({ allowedTypes: ['test'] })
    const { hc1 } = await signed(payload, signer, { iat, exp })
    expect((await verifyCertificate({ hc1 }, { keys: resolverOf(key), now })).status).toBe('HCERT_KEY_USAGE')
  })

  it('answers HCERT_SCHEMA for a payload outside the schema, and skips the check on request', async () => {
    const { signer, key } = await testKey()
    const { hc1 } = await signed({ ...payload, dob: 'yesterday' }, signer, { iat, exp })
    expect((await verifyCertificate({ hc1 }, { keys: resolverOf(key), now })).status).toBe('HCERT_SCHEMA')
    expect((await verifyCertificate({ hc1 }, { keys: resolverOf(key), now }, { schema: false })).status).toBe('VALID')
  })

  for (const hashType of ['UCI', 'COUNTRYCODEUCI', 'SIGNATURE'] as const) {
    it(`answers REVOKED for a certificate listed by its ${hashType} hash`, async () => {
      const { hc1, keys, signature } = await fixture()
      const hash = await revocationHash(hashType, { uvci: ci, country: 'DE', signature, algorithm: -7 })
      const revocation = createRevocationList({ [hashType]: [hash] }, ['test'])
      const result = await verifyCertificate({ hc1 }, { keys, now, revocation })
      expect(result.status).toBe('REVOKED')
      expect(result.revocation).toEqual({ checked: true, hashTypes: ['UCI', 'COUNTRYCODEUCI', 'SIGNATURE'], revokedBy: hashType })
    })
  }

  it('consults the revocation list and passes when the certificate is not in it', async () => {
    const { hc1, keys } = await fixture()
    const revocation = createRevocationList({ UCI: [await revocationHash('UCI', { uvci: 'URN:UVCI:01:DE:OTHER' })] })
    const result = await verifyCertificate({ hc1 }, { keys, now, revocation })
    expect(result.status).toBe('VALID')
    expect(result.revocation).toEqual({ checked: true, hashTypes: ['UCI', 'COUNTRYCODEUCI', 'SIGNATURE'] })
  })

  it('accepts an asynchronous lookup, and answers REVOCATION_UNAVAILABLE when it fails', async () => {
    const { hc1, keys } = await fixture()
    const seen: unknown[] = []
    const lookup = async (input: unknown) => {
      seen.push(input)
      return undefined
    }
    expect((await verifyCertificate({ hc1 }, { keys, now, revocation: lookup })).status).toBe('VALID')
    expect(seen).toHaveLength(1)
    const failing = async () => {
      throw new Error('list server down')
    }
    const result = await verifyCertificate({ hc1 }, { keys, now, revocation: failing })
    expect(result.status).toBe('REVOCATION_UNAVAILABLE')
    expect(result.revocation?.checked).toBe(false)
  })

  it('evaluates the arrival country rules: passed, and RULES_FAILED for an incomplete course', async () => {
    const { signer, key } = await testKey()
    const rules = fullVaccinationRules()
    const complete = await signed(payload, signer, { iat, exp })
    const passed = await verifyCertificate({ hc1: complete.hc1 }, { keys: resolverOf(key), now, rules }, { country: 'de' })
    expect(passed.status).toBe('VALID')
    expect(passed.rules).toEqual({
      country: 'DE',
      passed: true,
      results: [
        {
          identifier: 'VR-DE-9001',
          type: 'Acceptance',
          country: 'DE',
          version: '1.0.0',
          description: 'The vaccination course must be complete.',
          result: 'PASS',
        },
      ],
    })
    const firstDose = vectorPayload('DE/2DCode/raw/4.json') // dose 1 of 2
    const incomplete = await signed(firstDose, signer, { iat, exp })
    const failed = await verifyCertificate({ hc1: incomplete.hc1 }, { keys: resolverOf(key), now, rules }, { country: 'DE' })
    expect(failed.status).toBe('RULES_FAILED')
    expect(failed.detail).toBe('not passed: VR-DE-9001')
    expect(failed.rules?.results[0]?.result).toBe('FAIL')
    // Rules of another arrival country do not apply.
    expect((await verifyCertificate({ hc1: incomplete.hc1 }, { keys: resolverOf(key), now, rules }, { country: 'FR' })).rules).toEqual({
      country: 'FR',
      passed: true,
      results: [],
    })
  })

  it('refuses an arrival country without a rule set (a caller fault, not a certificate status)', async () => {
    const { hc1, keys } = await fixture()
    await expect(verifyCertificate({ hc1 }, { keys, now }, { country: 'DE' })).rejects.toMatchObject({ code: 'RULES_NOT_CONFIGURED' })
  })

  it('never throws for malformed input: each decode failure is its status', async () => {
    const keys = resolverOf()
    const cases: Array<[string, string]> = [
      ['https://example.org/', 'HCERT_PREFIX'],
      ['HC1:abc', 'HCERT_BASE45'],
      ['HC1:' + 'A'.repeat(20_000), 'HCERT_TOO_LARGE'],
      ['', 'HCERT_PREFIX'],
    ]
    for (const [hc1, status] of cases) {
      const result = await verifyCertificate({ hc1 }, { keys, now })
      expect(result.status).toBe(status)
      expect(result.verified).toBe(false)
      expect(result.payload).toBeUndefined()
    }
    // A truncated real certificate.
    const { hc1 } = await fixture()
    const truncated = await verifyCertificate({ hc1: hc1.slice(0, 120) }, { keys, now })
    expect(truncated.status).toMatch(/^HCERT_(BASE45|ZLIB)$/)
  })

  it('answers a status from the taxonomy for any corruption of a real certificate', async () => {
    const { hc1, keys } = await fixture()
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'
    await fc.assert(
      fc.asyncProperty(fc.nat(hc1.length - 1), fc.nat(alphabet.length - 1), fc.nat(40), async (position, letter, cut) => {
        const mutated = (hc1.slice(0, position) + alphabet[letter] + hc1.slice(position + 1)).slice(0, hc1.length - cut)
        const result = await verifyCertificate({ hc1: mutated }, { keys, now })
        expect(isVerificationStatus(result.status)).toBe(true)
        if (result.status === 'VALID') expect(mutated).toBe(hc1)
      }),
      { numRuns: 300, seed: 42 },
    )
  })
})
