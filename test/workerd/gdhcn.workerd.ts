/// <reference types="vite/client" />
// GDHCN trust-list proofs inside workerd: jsonld and rdf-canonize load in the Worker runtime, the
// kept contexts canonicalize, a DEV list verifies with the DEV WHO key (and is refused changed), and
// the same signing path the sandbox uses verifies.
import { describe, expect, it } from 'vitest'
import devList from '../../../shared/testdata/gdhcn/tng-cdn-dev/v2/trustlist/-/XXA/did.json?raw'
import devWho from '../../../shared/testdata/gdhcn/who-signing-dev/did.json?raw'
import { signDidDocument, verifyProof } from '../../src/trust/gdhcn/proof.ts'
import { readTrustListSigners } from '../../src/trust/gdhcn/signers.ts'
import { trustListFromJson } from '../../src/trust/load.ts'

describe('GDHCN trust lists in workerd', () => {
  it('verifies the DEV XXA list with the DEV WHO key and refuses it changed by one byte', async () => {
    const signers = await readTrustListSigners(JSON.parse(devWho))
    const check = await verifyProof(JSON.parse(devList), signers)
    expect(check.status).toBe('valid')
    console.info(`workerd: DEV -/XXA list canonicalized in ${check.canonicalizeMs.toFixed(1)} ms, verified in ${check.verifyMs.toFixed(1)} ms`)
    expect((await verifyProof(JSON.parse(devList.replace('"#XXA"', '"#XXB"')), signers)).status).toBe('invalid')
    const list = await trustListFromJson(JSON.parse(devList), 'WHO', { signers, eager: true })
    expect(list).toMatchObject({ format: 'did', signature: 'valid', entries: 1, chains: { valid: 1, invalid: 0 } })
  })

  it('signs a list in the network shape with a fresh key, and verifies it with that key only', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
    const signed = await signDidDocument(JSON.parse(devList), pair.privateKey, { verificationMethod: 'did:web:who.test', created: new Date('2026-01-01T00:00:00Z') })
    expect((await verifyProof(signed, [{ key: pair.publicKey }])).status).toBe('valid')
    expect((await verifyProof(signed, await readTrustListSigners(JSON.parse(devWho)))).status).toBe('invalid')
  })
})
