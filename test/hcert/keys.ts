// Test keys: a fresh P-256 key pair per run, as a PKCS#8 PEM signer and as a TrustedKey.
import { generateKeyPairSync } from 'node:crypto'
import type { Signer } from '../../src/platform/signer.ts'
import type { TrustedKey } from '../../src/hcert/trusted-key.ts'
import { createEs256Signer } from '../../src/platform/primitives.ts'

export interface TestKey {
  readonly signer: Signer
  readonly trusted: TrustedKey
  readonly privateKeyPem: string
}

export async function testKey(kid = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), extra: Partial<TrustedKey> = {}): Promise<TestKey> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }))
  const cryptoKey = await crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])
  return {
    privateKeyPem,
    signer: createEs256Signer({ privateKeyPem, kid }),
    trusted: { kid, publicKey: cryptoKey, algorithm: -7, source: 'test', ...extra },
  }
}

export const sampleDcc = {
  ver: '1.3.0',
  nam: { fn: 'Ivanov', fnt: 'IVANOV', gn: 'Ivan', gnt: 'IVAN' },
  dob: '1980-01-02',
  v: [
    {
      tg: '840539006',
      vp: 'J07BX03',
      mp: 'Sputnik-V',
      ma: 'Gamaleya-Research-Institute',
      dn: 2,
      sd: 2,
      dt: '2021-06-01',
      co: 'RU',
      is: 'certbridge',
      ci: 'URN:UVCI:01:RU:ABCDEF0123456789#Q',
    },
  ],
}
