/// <reference types="vite/client" />
// GDHCN trust-list proofs inside workerd: jsonld and rdf-canonize load in the Worker runtime, the
// kept contexts canonicalize, a DEV list verifies with the DEV WHO key (and is refused changed), and
// the same signing path the sandbox uses verifies.
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import devList from '../../../shared/testdata/gdhcn/tng-cdn-dev/v2/trustlist/-/XXA/did.json?raw'
import devWho from '../../../shared/testdata/gdhcn/who-signing-dev/did.json?raw'
import { signDidDocument, verifyProof } from '../../src/trust/gdhcn/proof.ts'
import { readTrustListSigners } from '../../src/trust/gdhcn/signers.ts'
import { trustListFromJson } from '../../src/trust/load.ts'
import { buildWorkerService } from '../../src/runtime/workerd/main.ts'
import type { WorkerEnv } from '../../src/runtime/workerd/config-source.ts'
import { createKeyStore } from '../../src/trust/keystore.ts'
import { toBase64 } from '../../src/platform/bytes.ts'

describe('GDHCN trust lists in workerd', () => {
  it('verifies the DEV XXA list with the DEV WHO key and refuses it changed by one byte', async () => {
    const signers = await readTrustListSigners(JSON.parse(devWho))
    const check = await verifyProof(JSON.parse(devList), signers)
    expect(check.status).toBe('valid')
    console.info(
      `workerd: DEV -/XXA list canonicalized in ${check.canonicalizeMs.toFixed(1)} ms, verified in ${check.verifyMs.toFixed(1)} ms`,
    )
    expect((await verifyProof(JSON.parse(devList.replace('"#XXA"', '"#XXB"')), signers)).status).toBe('invalid')
    const list = await trustListFromJson(JSON.parse(devList), 'WHO', { signers, eager: true })
    expect(list).toMatchObject({ format: 'did', signature: 'valid', entries: 1, chains: { valid: 1, invalid: 0 } })
  })

  it('signs a list in the network shape with a fresh key, and verifies it with that key only', async () => {
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
    const signed = await signDidDocument(JSON.parse(devList), pair.privateKey, {
      verificationMethod: 'did:web:who.test',
      created: new Date('2026-01-01T00:00:00Z'),
    })
    expect((await verifyProof(signed, [{ key: pair.publicKey }])).status).toBe('valid')
    expect((await verifyProof(signed, await readTrustListSigners(JSON.parse(devWho)))).status).toBe('invalid')
  })

  it('the Worker loads a DID list with its signer from https URLs and refreshes it beside requests when due', async () => {
    const asked: { url: string; ifNoneMatch: string | null }[] = []
    const listFetch: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input)
      asked.push({ url, ifNoneMatch: new Headers(init?.headers).get('if-none-match') })
      if (url === 'https://lists.test/who.json') return new Response(devWho, { headers: { 'content-type': 'application/json' } })
      if (url !== 'https://lists.test/xxa.json') return new Response(null, { status: 404 })
      if (new Headers(init?.headers).get('if-none-match') === '"1"') return new Response(null, { status: 304 })
      return new Response(devList, { headers: { 'content-type': 'application/json', etag: '"1"' } })
    }
    let clock = new Date('2026-06-01T00:00:00Z')
    const keyStore = await createKeyStore({ country: 'XX', organisation: 'certbridge test', now: clock, test: true })
    const service = await buildWorkerService(
      {
        ...(env as unknown as WorkerEnv),
        CERTBRIDGE_KEYSTORE: JSON.stringify(keyStore),
        CERTBRIDGE_UVCI_KEY: toBase64(crypto.getRandomValues(new Uint8Array(32))),
        CERTBRIDGE_ADMIN_TOKEN: 'admin-token-for-tests',
        CERTBRIDGE_TRUST_LISTS: 'WHO=https://lists.test/xxa.json',
        CERTBRIDGE_TRUST_LIST_SIGNERS: 'https://lists.test/who.json',
        CERTBRIDGE_TRUST_LIST_REFRESH_SECONDS: '3600',
      },
      { decodeImage: async () => '', fetch: listFetch, now: () => clock, log: { info() {}, warn() {}, error() {} } },
    )
    const health = (await (await service.app.fetch(new Request('https://certbridge.test/healthz'))).json()) as {
      checks: Record<string, string>
    }
    expect(health.checks['trustList:WHO']).toBe('ok')
    expect(service.refreshTrustLists()).toBeUndefined()
    clock = new Date('2026-06-01T01:00:00Z')
    await service.refreshTrustLists()
    expect(asked.filter((a) => a.url.endsWith('xxa.json')).map((a) => a.ifNoneMatch)).toEqual([null, '"1"'])
  })
})
