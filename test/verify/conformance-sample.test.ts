// End to end over a sample of the EU conformance vectors: each verified with its own DSC at its own
// VALIDATIONCLOCK (the expected status follows from the vector's EXPECTEDRESULTS and description),
// then DE vectors against the DE trust list snapshot and the EU business-rules snapshot.
import { beforeAll, describe, expect, it } from 'vitest'
import { loadRuleSetFromDirectory } from '../../src/runtime/node/rules-dir.ts'
import type { RuleSet } from '../../src/rules/types.ts'
import { loadTrustList, type LoadedTrustList } from '../../src/trust/load.ts'
import { createTrustStore, mergeTrustStores } from '../../src/trust/store.ts'
import { verifyCertificate } from '../../src/verify/verify.ts'
import { testdataPath } from '../shared.ts'
import { loadVector } from './vectors.ts'

// file → the status its EXPECTEDRESULTS and TESTCTX.DESCRIPTION call for.
const SAMPLE: ReadonlyArray<readonly [string, string]> = [
  ['DE/2DCode/raw/1.json', 'VALID'],
  ['DE/2DCode/raw/2.json', 'VALID'],
  ['DE/2DCode/raw/3.json', 'VALID'],
  ['AT/2DCode/raw/1.json', 'VALID'],
  ['BE/2DCode/raw/1.json', 'VALID'],
  ['CH/2DCode/raw/1.json', 'VALID'],
  ['DK/2DCode/raw/1.json', 'VALID'],
  ['UA/2DCode/raw/4.json', 'VALID'],
  ['common/2DCode/raw/CO1.json', 'VALID'], // RSA 2048, PS256
  ['common/2DCode/raw/CO3.json', 'VALID'], // EC 256
  ['common/2DCode/raw/CO5.json', 'HCERT_SIGNATURE'], // EXPECTEDVERIFY false
  ['common/2DCode/raw/CO22.json', 'HCERT_KID_UNKNOWN'], // wrong kid in the protected header (which wins)
  ['common/2DCode/raw/CO16.json', 'HCERT_NOT_YET_VALID'], // EXPECTEDEXPIRATIONCHECK false: issued in the future
  ['common/2DCode/raw/CO17.json', 'HCERT_EXPIRED'], // EXPECTEDEXPIRATIONCHECK false
  ['common/2DCode/raw/CO6.json', 'HCERT_KEY_USAGE'], // EXPECTEDKEYUSAGE false
  ['common/2DCode/raw/H1.json', 'HCERT_PREFIX'],
  ['common/2DCode/raw/B1.json', 'HCERT_BASE45'],
  ['common/2DCode/raw/Z1.json', 'HCERT_ZLIB'],
  ['common/2DCode/raw/CBO2.json', 'HCERT_CBOR'],
  ['common/2DCode/raw/CBO1.json', 'HCERT_CWT'],
]

describe('conformance vectors with their own DSC and clock', () => {
  for (const [file, status] of SAMPLE) {
    it(`${file} → ${status}`, async () => {
      const vector = await loadVector(file)
      const keys = createTrustStore([vector.key]).resolve
      const result = await verifyCertificate({ hc1: vector.hc1 }, { keys, now: vector.clock })
      expect(result.status).toBe(status)
      if (status === 'VALID') {
        expect(result.verified).toBe(true)
        expect(result.issuer?.source).toBe('vector')
        expect(result.payload).toEqual(vector.json)
      }
    })
  }
})

describe('DE vectors against the DE trust list and the DE business rules', () => {
  let de: LoadedTrustList
  let rules: RuleSet
  // Inside the vectors' DSC validity (2021-04-27 → 2022-04-30) and before their exp (2022-01-28).
  const at = new Date('2021-10-15T12:00:00Z')

  beforeAll(async () => {
    de = await loadTrustList(testdataPath('trustlists', 'trustlist_de.json'))
    rules = await loadRuleSetFromDirectory(testdataPath('business-rules'))
  })

  it('the DE list alone does not know the test DSC: unverified, payload still shown', async () => {
    const vector = await loadVector('DE/2DCode/raw/1.json')
    expect(de.entries).toBe(832)
    const result = await verifyCertificate({ hc1: vector.hc1 }, { keys: de.store.resolve, now: at, rules }, { country: 'DE' })
    expect(result).toMatchObject({ status: 'HCERT_KID_UNKNOWN', verified: false, issuer: { iss: 'DE', kid: 'DEsVUSvpFAE=' } })
    expect(result.payload).toEqual(vector.json)
    expect(result.rules).toBeUndefined()
  })

  it('a complete Comirnaty course passes every DE acceptance rule', async () => {
    const vector = await loadVector('DE/2DCode/raw/1.json')
    const keys = mergeTrustStores([de.store, createTrustStore([vector.key])]).resolve
    const result = await verifyCertificate({ hc1: vector.hc1 }, { keys, now: at, rules }, { country: 'DE' })
    expect(result.status).toBe('VALID')
    expect(result.issuer).toEqual({ iss: 'DE', kid: 'DEsVUSvpFAE=', source: 'vector', country: 'DE' })
    expect(result.rules?.results.map((r) => [r.identifier, r.result])).toEqual([
      ['VR-DE-0001', 'PASS'],
      ['VR-DE-0002', 'PASS'],
      ['VR-DE-0003', 'PASS'],
      ['VR-DE-0004', 'PASS'],
    ])
    for (const outcome of result.rules!.results) {
      expect(outcome).toMatchObject({ type: 'Acceptance', country: 'DE' })
      expect(outcome.description.length).toBeGreaterThan(10)
    }
  })

  it('a first dose of two fails VR-DE-0001; an old test fails TR-DE-0002 and TR-DE-0005', async () => {
    const firstDose = await loadVector('DE/2DCode/raw/4.json')
    const test = await loadVector('DE/2DCode/raw/2.json')
    const keys = mergeTrustStores([de.store, createTrustStore([firstDose.key])]).resolve
    const dose = await verifyCertificate({ hc1: firstDose.hc1 }, { keys, now: at, rules }, { country: 'DE' })
    expect(dose).toMatchObject({ status: 'RULES_FAILED', detail: 'not passed: VR-DE-0001', verified: true })
    const pcr = await verifyCertificate({ hc1: test.hc1 }, { keys, now: at, rules }, { country: 'DE' })
    expect(pcr.status).toBe('RULES_FAILED')
    expect(pcr.rules?.results.filter((r) => r.result === 'FAIL').map((r) => r.identifier)).toEqual(['TR-DE-0002', 'TR-DE-0005'])
  })

  it('the clock selects the rules: RR-DE-0002 applies from 2021-07-15 and fails the expired recovery', async () => {
    const recovery = await loadVector('DE/2DCode/raw/3.json')
    const keys = createTrustStore([recovery.key]).resolve
    const before = await verifyCertificate(
      { hc1: recovery.hc1 },
      { keys, now: at, rules },
      { country: 'DE', at: new Date('2021-07-10T12:00:00Z') },
    )
    expect(before.status).toBe('VALID')
    expect(before.rules?.results.map((r) => r.identifier)).toEqual(['RR-DE-0001'])
    const after = await verifyCertificate({ hc1: recovery.hc1 }, { keys, now: at, rules }, { country: 'DE' })
    expect(after).toMatchObject({ status: 'RULES_FAILED', detail: 'not passed: RR-DE-0002' })
  })
})
