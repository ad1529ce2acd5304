import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { testdataPath } from '../../../test/shared.ts'
import { signDidDocument, verifyProof } from './proof.ts'
import { readTrustListSigners } from './signers.ts'
import { KEPT_CONTEXTS, canonize } from './canonize.ts'

const dev = (...path: string[]) =>
  JSON.parse(readFileSync(testdataPath('gdhcn', 'tng-cdn-dev', 'v2', ...path, 'did.json'), 'utf8')) as Record<string, unknown>
const devWho = () => readTrustListSigners(JSON.parse(readFileSync(testdataPath('gdhcn', 'who-signing-dev', 'did.json'), 'utf8')))
const LISTS = [
  'trustlist/-/-/DSC',
  'trustlist/-/-/SCA',
  'trustlist/-/XXA',
  'trustlist/-/XXA/DSC',
  'trustlist/-/XXA/SCA',
  'trustlist-ref',
  'trustlist-ref/DCC',
  'trustlist-ref/DCC/XXA',
  'trustlist-ref/DCC/XXA/DSC',
  'trustlist-ref/DCC/XXA/SCA',
]

describe('the kept JSON-LD contexts', () => {
  it('equal the official files', () => {
    const files: Record<string, string> = {
      'https://www.w3.org/ns/did/v1': 'did-v1.jsonld',
      'https://w3id.org/security/suites/jws-2020/v1': 'jws-2020-v1.jsonld',
      'https://smart.who.int/trust/tng-context/v1-DEV.jsonld': 'tng-context-v1-DEV.jsonld',
    }
    expect([...KEPT_CONTEXTS.keys()].sort()).toEqual(Object.keys(files).sort())
    for (const [url, file] of Object.entries(files)) {
      expect(KEPT_CONTEXTS.get(url), url).toEqual(JSON.parse(readFileSync(testdataPath('gdhcn', 'contexts', file), 'utf8')))
    }
  })

  it('refuses a context that is not kept, without fetching it', async () => {
    await expect(canonize({ '@context': 'https://example.org/ctx.jsonld', id: 'did:web:x' })).rejects.toMatchObject({
      code: 'TRUST_LIST_INVALID',
      message: expect.stringContaining('not kept'),
    })
  })
})

describe('JsonWebSignature2020 proofs of the DEV lists', () => {
  it.each(LISTS)('%s verifies with the DEV WHO key', async (path) => {
    const check = await verifyProof(dev(...path.split('/')), await devWho())
    console.info(`${path}: canonicalization ${check.canonicalizeMs.toFixed(1)} ms, verification ${check.verifyMs.toFixed(1)} ms`)
    expect(check).toMatchObject({ status: 'valid' })
  })

  it('refuses a list changed by one byte, in the document or in the proof options', async () => {
    const signers = await devWho()
    const original = readFileSync(testdataPath('gdhcn', 'tng-cdn-dev', 'v2', 'trustlist', '-', 'XXA', 'DSC', 'did.json'), 'utf8')
    // one character of a certificate, of a participant code, of the proof's nonce and of its date
    const changes: [string, string][] = [
      ['MIICuTCCAmCgAwIBAgIUD9k1', 'MIICuTCCAmCgAwIBAgIUD9k2'],
      ['"#XXA"', '"#XXB"'],
      ['"nonce":"', '"nonce":"x'],
      ['"created":"2026', '"created":"2025'],
    ]
    for (const [from, to] of changes) {
      expect(original).toContain(from)
      const changed = JSON.parse(original.replace(from, to))
      expect((await verifyProof(changed, signers)).status, from).toBe('invalid')
    }
    const jws = JSON.parse(original).proof.jws as string
    const flipped = JSON.parse(original.replace(jws, jws.slice(0, -3) + (jws.at(-3) === 'A' ? 'B' : 'A') + jws.slice(-2)))
    expect((await verifyProof(flipped, signers)).status).toBe('invalid')
  })

  it('says absent without a proof or without a signer, invalid with another signer', async () => {
    const { proof: _proof, ...bare } = dev('trustlist', '-', 'XXA', 'DSC')
    expect((await verifyProof(bare, await devWho())).status).toBe('absent')
    expect((await verifyProof(dev('trustlist', '-', 'XXA', 'DSC'), [])).status).toBe('absent')
    const other = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])
    expect((await verifyProof(dev('trustlist', '-', 'XXA', 'DSC'), [{ key: other.publicKey }])).status).toBe('invalid')
  })

  it('signs in the same shape: a signed copy verifies with the new key only', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])
    const signed = await signDidDocument(dev('trustlist', '-', 'XXA', 'SCA'), pair.privateKey, {
      verificationMethod: 'did:web:127.0.0.1%3A1:who',
      created: new Date('2026-01-02T03:04:05Z'),
    })
    expect(signed.proof).toMatchObject({
      type: 'JsonWebSignature2020',
      created: '2026-01-02T03:04:05Z',
      proofPurpose: 'assertionMethod',
      jws: expect.stringMatching(/^eyJiNjQiOmZhbHNlLCJjcml0IjpbImI2NCJdLCJhbGciOiJFUzI1NiJ9\.\./),
    })
    expect((await verifyProof(signed, [{ id: 'did:web:127.0.0.1%3A1:who', key: pair.publicKey }])).status).toBe('valid')
    expect((await verifyProof(signed, [{ id: 'did:web:elsewhere', key: pair.publicKey }])).status).toBe('invalid')
    expect((await verifyProof(signed, await devWho())).status).toBe('invalid')
  })
})
