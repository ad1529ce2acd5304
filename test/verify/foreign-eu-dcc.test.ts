// Input that is already an EU DCC (issue 5, `eu-dcc`; issue 16): Ukraine's Diia vectors and Vietnam's
// DSC as published in the DE trust list. A certificate that verifies is ALREADY_EU_DCC with the
// verification result; any other is refused with EU_DCC_UNVERIFIED carrying the exact reason at the
// given clock, never "needs no conversion".
import { beforeAll, describe, expect, it } from 'vitest'
import { encodeBase45 } from '../../src/hcert/base45.ts'
import { encodeCoseSign1, protectedHeaderBytes, sigStructure } from '../../src/hcert/cose.ts'
import { encodeCwt } from '../../src/hcert/cwt.ts'
import { addPrefix } from '../../src/hcert/prefix.ts'
import { deflateZlib } from '../../src/hcert/zlib.ts'
import { fromBase64 } from '../../src/platform/bytes.ts'
import { loadTrustList, type LoadedTrustList } from '../../src/trust/load.ts'
import { createTrustStore, mergeTrustStores } from '../../src/trust/store.ts'
import { ALREADY_EU_DCC_MESSAGE, alreadyEuDcc, EuDccUnverifiedError, isEuDccText } from '../../src/verify/already-eu-dcc.ts'
import type { VerifyDeps, VerifyOptions } from '../../src/verify/types.ts'
import { testdataPath } from '../shared.ts'
import { loadVector, type LoadedVector } from './vectors.ts'

const VN_KID = 'ZtJVElOdWm0=' // the one Vietnamese DSC of trustlist_de.json
const UA_FILES = ['UA/2DCode/raw/1.json', 'UA/2DCode/raw/2.json', 'UA/2DCode/raw/3.json', 'UA/2DCode/raw/4.json', 'UA/2DCode/raw/5.json']
const today = new Date('2026-11-24T00:00:00Z')

let de: LoadedTrustList
let ua: LoadedVector[]

beforeAll(async () => {
  de = await loadTrustList(testdataPath('trustlists', 'trustlist_de.json'))
  ua = await Promise.all(UA_FILES.map(loadVector))
})

describe('Ukraine (Diia) vectors, already EU DCCs', () => {
  it('recognises HC1 text as an EU DCC', () => {
    for (const vector of ua) expect(isEuDccText(vector.hc1)).toBe(true)
    expect(isEuDccText('https://www.gosuslugi.ru/covid-cert/verify/1')).toBe(false)
  })

  it('against the DE list alone: the Diia test DSC is not published there, so refused as HCERT_KID_UNKNOWN', async () => {
    for (const vector of ua) {
      const refusal = await refused(vector.hc1, { keys: de.store.resolve, now: vector.clock })
      expect(refusal).toMatchObject({ code: 'EU_DCC_UNVERIFIED', verificationStatus: 'HCERT_KID_UNKNOWN' })
      expect(refusal.message).toContain('could not be verified (HCERT_KID_UNKNOWN')
      expect(refusal.message).not.toContain('needs no conversion')
    }
  })

  it('with the Diia DSC trusted: VALID at the validation clock, each of vaccination, recovery and test', async () => {
    const types: string[] = []
    for (const vector of ua) {
      const keys = mergeTrustStores([de.store, createTrustStore([vector.key])]).resolve
      const answer = await alreadyEuDcc(vector.hc1, { keys, now: vector.clock })
      expect(answer).toMatchObject({ outcome: 'ALREADY_EU_DCC', message: ALREADY_EU_DCC_MESSAGE })
      expect(answer.verification.payload).toEqual(vector.json)
      expect(answer.verification).toMatchObject({ status: 'VALID', verified: true, issuer: { iss: 'UA', source: 'vector', country: 'UA' } })
      types.push(answer.verification.type!)
    }
    expect(types).toEqual(['vaccination', 'vaccination', 'recovery', 'test', 'test'])
  })

  it('with the Diia DSC trusted: the exact reason at other clocks', async () => {
    const vector = ua[0]!
    const keys = createTrustStore([vector.key]).resolve
    const at = (clock: string) => refused(vector.hc1, { keys, now: today }, { at: new Date(clock) })
    // iat 2021-06-22T13:07:51Z, exp 2021-08-21T13:07:51Z, DSC 2021-06-04 → 2023-06-04
    expect((await at('2021-06-20T00:00:00Z')).verificationStatus).toBe('HCERT_NOT_YET_VALID')
    const valid = await alreadyEuDcc(vector.hc1, { keys, now: today }, { at: new Date('2021-08-21T13:07:51Z') })
    expect(valid.verification.status).toBe('VALID')
    const expired = await at('2021-08-21T13:07:52Z')
    expect(expired.verificationStatus).toBe('HCERT_EXPIRED')
    expect(expired.message).toContain('(HCERT_EXPIRED, certificate expired)')
    expect((await refused(vector.hc1, { keys, now: today })).verificationStatus).toBe('HCERT_EXPIRED')
  })
})

describe('Vietnam: the DSC in the DE trust list', () => {
  it('is found by its kid: RSA (PS256), country VN, from the DE list, valid 2021-07-15 → 2026-07-14', async () => {
    const keys = await de.store.resolve(fromBase64(VN_KID))
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatchObject({ algorithm: -37, country: 'VN', source: 'DE' })
    expect(keys[0]!.notBefore?.toISOString()).toBe('2021-07-15T11:43:43.000Z')
    expect(keys[0]!.notAfter?.toISOString()).toBe('2026-07-14T11:43:43.000Z')
  })

  it('a certificate claiming that DSC but signed by another key is HCERT_SIGNATURE, at any clock', async () => {
    const { hc1, publicKey } = await forgedVietnamese()
    // Well-formed: with the forger's own key trusted under that kid it would pass.
    const forgerKey = { kid: fromBase64(VN_KID), publicKey, algorithm: -37 as const, source: 'forger' }
    const control = await alreadyEuDcc(hc1, { keys: createTrustStore([forgerKey]).resolve, now: new Date('2022-01-15T00:00:00Z') })
    expect(control.verification.status).toBe('VALID')
    expect(control.outcome).toBe('ALREADY_EU_DCC')
    for (const clock of [new Date('2022-01-15T00:00:00Z'), today]) {
      const refusal = await refused(hc1, { keys: de.store.resolve, now: clock })
      expect(refusal).toMatchObject({ code: 'EU_DCC_UNVERIFIED', verificationStatus: 'HCERT_SIGNATURE' })
      // the reason names no personal data of the certificate
      for (const personal of ['Nguyễn', 'NGUYEN', '1987-01-18', 'URN:UVCI']) expect(refusal.message).not.toContain(personal)
    }
  })
})

/** The refusal of an HC1 that does not verify (fails the test when it is accepted instead). */
async function refused(hc1: string, deps: VerifyDeps, options: VerifyOptions = {}): Promise<EuDccUnverifiedError> {
  const error = await alreadyEuDcc(hc1, deps, options).then(
    (answer) => new Error(`accepted as ${answer.verification.status}`),
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(EuDccUnverifiedError)
  return error as EuDccUnverifiedError
}

/** A PS256 HC1 in the shape of Vietnam's vaccine passport, with the VN DSC's kid but our own key. */
async function forgedVietnamese(): Promise<{ hc1: string; publicKey: CryptoKey }> {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )
  const dcc = {
    ver: '1.3.0',
    nam: { fn: 'Nguyễn', fnt: 'NGUYEN', gn: 'Văn A', gnt: 'VAN<A' },
    dob: '1987-01-18',
    v: [
      {
        tg: '840539006',
        vp: 'J07BX03',
        mp: 'EU/1/20/1528',
        ma: 'ORG-100030215',
        dn: 2,
        sd: 2,
        dt: '2021-11-02',
        co: 'VN',
        is: 'Ministry of Health of Viet Nam',
        ci: 'URN:UVCI:01:VN:0123456789ABCDEF0123456789ABCDEF',
      },
    ],
  }
  const payload = encodeCwt({
    iss: 'VN',
    iat: Date.parse('2021-12-01T00:00:00Z') / 1000,
    exp: Date.parse('2022-12-01T00:00:00Z') / 1000,
    dcc,
  })
  const protectedBytes = protectedHeaderBytes(-37, fromBase64(VN_KID))
  const signature = new Uint8Array(
    await crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, pair.privateKey, new Uint8Array(sigStructure(protectedBytes, payload))),
  )
  return { hc1: addPrefix(encodeBase45(deflateZlib(encodeCoseSign1(protectedBytes, payload, signature)))), publicKey: pair.publicKey }
}
