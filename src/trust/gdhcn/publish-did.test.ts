import { describe, expect, it } from 'vitest'
import { createKeyStore } from '../keystore.ts'
import { didDocument, jwks, participantCode } from '../publish.ts'
import { trustListFromJson } from '../load.ts'
import { didWebOfRequest } from '../../http/routes/trust.ts'
import { signDidDocument } from './proof.ts'
import { fromBase64 } from '../../platform/bytes.ts'

const now = new Date('2026-03-01T10:00:00.000Z')
const store = await createKeyStore({ country: 'XX', organisation: 'certbridge sandbox', now, test: true })
const did = didWebOfRequest('http://127.0.0.1:8787/.well-known/did.json')

describe("the bridge's own DID document", () => {
  it('has the GDHCN embedded shape: one JsonWebKey2020 per published DSC, x5c = [DSC, SCA]', async () => {
    expect(did).toBe('did:web:127.0.0.1%3A8787')
    const document = await didDocument(store, now, did)
    const set = await jwks(store, now)
    expect(document).toMatchObject({
      id: did,
      controller: did,
      '@context': [
        'https://www.w3.org/ns/did/v1',
        'https://w3id.org/security/suites/jws-2020/v1',
        'https://smart.who.int/trust/tng-context/v1-DEV.jsonld',
      ],
    })
    expect(document.verificationMethod).toHaveLength(set.keys.length)
    for (const [i, method] of document.verificationMethod.entries()) {
      const key = set.keys[i]!
      expect(method).toEqual({
        id: `${did}#${key.kid}`,
        type: 'JsonWebKey2020',
        controller: did,
        publicKeyJwk: { kty: 'EC', crv: 'P-256', x: key.x, y: key.y, kid: key.kid, x5c: [key.x5c[0], store.csca.certificate] },
        domain: { code: '#DCC' },
        participant: { code: '#XXX' },
        keyusage: { code: '#DSC' },
      })
    }
    expect(JSON.stringify(document)).not.toMatch(/PRIVATE|privateKey|"d"/)
  })

  it('is read by our own verifier: unsigned (absent) without signers, chains valid, keys found by kid', async () => {
    const document = await didDocument(store, now, did)
    const list = await trustListFromJson(document, 'certbridge', { eager: true })
    expect(list).toMatchObject({
      format: 'did',
      signature: 'absent',
      entries: document.verificationMethod.length,
      chains: { valid: document.verificationMethod.length, invalid: 0 },
      skipped: {},
    })
    const kid = document.verificationMethod[0]!.publicKeyJwk.kid
    expect(await list.store.resolve(fromBase64(kid))).toHaveLength(1)
    await expect(
      trustListFromJson(document, 'certbridge', {
        signers: [{ key: (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])).publicKey }],
      }),
    ).rejects.toMatchObject({ code: 'TRUST_LIST_SIGNATURE' })
  })

  it('verifies once signed in the network shape by a key configured as signer', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
    const signed = await signDidDocument({ ...(await didDocument(store, now, did)) }, pair.privateKey, {
      verificationMethod: 'did:web:who.test',
      created: now,
    })
    expect(await trustListFromJson(signed, 'certbridge', { signers: [{ id: 'did:web:who.test', key: pair.publicKey }] })).toMatchObject({
      signature: 'valid',
    })
  })

  it('names participants by alpha-3, test countries by X + the alpha-2', () => {
    expect([participantCode('de'), participantCode('RU'), participantCode('XA'), participantCode('XX')]).toEqual([
      'DEU',
      'RUS',
      'XXA',
      'XXX',
    ])
  })
})
