// Keys and a payload shared by every benchmark: one P-256 key pair in the forms each party needs.
import { generateKeyPairSync } from 'node:crypto'

export function benchKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const jwk = privateKey.export({ format: 'jwk' })
  return {
    privateKey,
    publicKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
    d: Buffer.from(jwk.d!, 'base64url'),
    x: Buffer.from(jwk.x!, 'base64url'),
    y: Buffer.from(jwk.y!, 'base64url'),
    kid: Uint8Array.from([0x32, 0x4d, 0x23, 0x74, 0xe3, 0xab, 0xce, 0xb5]),
  }
}

export const benchPayload = {
  ver: '1.3.0',
  nam: { fn: 'Ivanova', fnt: 'IVANOVA', gn: 'Mariia', gnt: 'MARIIA' },
  dob: '1985-03-14',
  v: [
    {
      tg: '840539006',
      vp: 'J07BX03',
      mp: 'Sputnik-V',
      ma: 'Gamaleya-Research-Institute',
      dn: 2,
      sd: 2,
      dt: '2021-07-01',
      co: 'RU',
      is: 'certbridge test issuer',
      ci: 'URN:UVCI:01:RU:5F2C8B1D9E0A4C7F8B3D2E1A6C9F0B4D#K',
    },
  ],
}
