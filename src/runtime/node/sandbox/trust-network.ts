// Sandbox mode's emulated trust network (Node): a loopback endpoint in the GDHCN shape. A sandbox
// "WHO" key, generated at start and never stored, signs a DID trust list of the bridge's own keys
// (embedded shape, as the network's `v2/trustlist/-/<participant>/DSC`), and its signing DID
// document is served beside it. Sandbox mode configures the list and the signer, so the service
// reads its own keys through the same proof, chain and refresh path as production lists.
//   GET /v2/trustlist/-/<participant>/DSC/did.json   the signed list (ETag; 304 to If-None-Match)
//   GET /WHO/signing/DID/did.json                    the sandbox WHO's public key as a DID document
import type { Server } from 'node:http'
import { createAdaptorServer } from '@hono/node-server'
import type { KeyStore } from '../../../trust/keystore.ts'
import { jwks, participantCode } from '../../../trust/publish.ts'
import { didTrustList, TRUST_LIST_CONTEXTS } from '../../../trust/gdhcn/publish-did.ts'
import { signDidDocument } from '../../../trust/gdhcn/proof.ts'
import { toBase64Url } from '../../../platform/bytes.ts'
import { listen } from './listen.ts'

export interface SandboxTrustNetwork {
  /** The signed list of our keys (http://127.0.0.1:<port>/v2/trustlist/-/<participant>/DSC/did.json). */
  readonly listUrl: string
  /** The sandbox WHO's signing DID document. */
  readonly signerUrl: string
  close(): Promise<void>
}

const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json', ...headers } })

export async function startSandboxTrustNetwork(keyStore: KeyStore, options: { now?: () => Date } = {}): Promise<SandboxTrustNetwork> {
  const now = options.now ?? (() => new Date())
  const who = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
  const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', who.publicKey)
  const participant = participantCode(keyStore.country)
  const listPath = `/v2/trustlist/-/${participant}/DSC/did.json`
  let host = ''
  const did = (...path: string[]) => ['did:web', host.replace(':', '%3A'), ...path].join(':')

  async function handle(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url)
    if (request.method !== 'GET') return new Response(null, { status: 405 })
    if (pathname === '/WHO/signing/DID/did.json') {
      const id = did('WHO', 'signing', 'DID')
      return json({
        '@context': TRUST_LIST_CONTEXTS.slice(0, 2),
        id,
        controller: id,
        verificationMethod: [{ id, type: 'JsonWebKey2020', controller: id, publicKeyJwk: { kty, crv, x, y } }],
      })
    }
    if (pathname === listPath) {
      const list = didTrustList((await jwks(keyStore, now())).keys, {
        did: did('v2', 'trustlist', '-', participant, 'DSC'),
        controller: did('v2', 'trustlist', '-', participant),
        participant,
      })
      const etag = `"${toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(list))))).slice(0, 22)}"`
      if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag } })
      const signed = await signDidDocument({ ...list }, who.privateKey, {
        verificationMethod: did('WHO', 'signing', 'DID'),
        created: now(),
      })
      return json(signed, { etag })
    }
    return new Response(null, { status: 404 })
  }

  const served = await listen(createAdaptorServer({ fetch: handle }) as Server, 0)
  host = new URL(served.baseUrl).host
  return { listUrl: `${served.baseUrl}${listPath}`, signerUrl: `${served.baseUrl}/WHO/signing/DID/did.json`, close: () => served.close() }
}
