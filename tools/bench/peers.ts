// The two peers, as their own projects use them (dev dependencies only):
// - the EU reference JavaScript signing pipeline (ehn-sign-verify-javascript-trivial): cbor + cose-js
//   + zlib + base45;
// - dcc-utils (Italian Ministry of Health): DCC.fromRaw + checkSignature.
import { createRequire } from 'node:module'
import { deflateSync } from 'node:zlib'

const require = createRequire(import.meta.url)

interface PeerKeys {
  readonly d: Buffer
  readonly x: Buffer
  readonly y: Buffer
  readonly kid: Uint8Array
}

export function euReferenceSigner(keys: PeerKeys): (payload: unknown, iat: number, exp: number) => Promise<string> {
  const cbor = require('cbor') as { encode(value: unknown): Buffer }
  const cose = require('cose-js') as { sign: { create(headers: object, payload: Buffer, signer: object): Promise<Buffer> } }
  const base45 = require('base45') as { encode(data: Buffer): string }
  const headers = { p: { alg: 'ES256', kid: Buffer.from(keys.kid) }, u: {} }
  const signer = { key: { d: keys.d } }
  return async (payload, iat, exp) => {
    const claims = new Map<number, unknown>([
      [1, 'RU'],
      [4, exp],
      [6, iat],
      [-260, new Map([[1, payload]])],
    ])
    const signed = await cose.sign.create(headers, cbor.encode(claims), signer)
    return 'HC1:' + base45.encode(deflateSync(signed))
  }
}

export function dccUtilsVerifier(keys: PeerKeys): (hc1: string) => Promise<unknown> {
  const { DCC } = require('dcc-utils') as {
    DCC: { fromRaw(raw: string): Promise<{ checkSignature(key: object): Promise<unknown>; payload: unknown }> }
  }
  const key = { x: keys.x, y: keys.y }
  return async (hc1) => {
    const dcc = await DCC.fromRaw(hc1)
    await dcc.checkSignature(key)
    return dcc.payload
  }
}
