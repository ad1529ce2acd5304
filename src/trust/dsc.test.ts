import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { testdataPath } from '../../test/shared.ts'
import { allowedTypesFromUsages, computeKid, importDsc } from './dsc.ts'

const vector = (path: string[]) =>
  JSON.parse(readFileSync(testdataPath('dgc-testdata', ...path), 'utf8')) as { TESTCTX: { CERTIFICATE: string } }
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

describe('importDsc', () => {
  it('imports an RSA DSC for PS256 with the kid of its DER and its usage OIDs (.0.1847 variant)', async () => {
    const key = await importDsc(vector(['common', '2DCode', 'raw', 'CO1.json']).TESTCTX.CERTIFICATE, { source: 'vector', country: 'AT' })
    expect(key.algorithm).toBe(-37)
    expect(hex(key.kid)).toBe('324d2374e3abceb5')
    expect(key.country).toBe('AT')
    expect([...(key.allowedTypes ?? [])].sort()).toEqual(['recovery', 'test', 'vaccination'])
    expect(key.notBefore?.toISOString()).toBe('2021-05-03T18:00:00.000Z')
  })

  it('imports an EC DSC from PEM, taking the country from the subject', async () => {
    const base64 = vector(['DE', '2DCode', 'raw', '1.json']).TESTCTX.CERTIFICATE
    const pem = `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`
    const key = await importDsc(pem, { source: 'vector' })
    expect(key.algorithm).toBe(-7)
    expect(key.country).toBe('DE')
    expect(hex(key.kid)).toBe(hex(await computeKid(Buffer.from(base64, 'base64'))))
  })

  it('refuses what is not a certificate with TRUST_CERT_INVALID', async () => {
    await expect(importDsc('not a certificate!', { source: 'x' })).rejects.toMatchObject({ code: 'TRUST_CERT_INVALID' })
    await expect(importDsc(new Uint8Array([0x30, 0x03, 1, 2, 3]), { source: 'x' })).rejects.toMatchObject({ code: 'TRUST_CERT_INVALID' })
  })

  it('maps usage OIDs to types; none of the family means no restriction', () => {
    expect(allowedTypesFromUsages(['1.3.6.1.4.1.1847.2021.1.1'])).toEqual(new Set(['test']))
    expect(allowedTypesFromUsages(['1.3.6.1.4.1.0.1847.2021.1.2', '1.3.6.1.4.1.1847.2021.1.3'])).toEqual(
      new Set(['vaccination', 'recovery']),
    )
    expect(allowedTypesFromUsages(['1.3.6.1.5.5.7.3.2'])).toBeUndefined()
  })
})
