import { describe, expect, it } from 'vitest'
import { createHash, createPublicKey } from 'node:crypto'
import { createKeyStore, rotateKeyStore } from './keystore.ts'
import { gatewayTrustList, jwks, ownTrustedKeys } from './publish.ts'
import { parseTrustList } from './lists.ts'
import { toBase64 } from '../platform/bytes.ts'

const DAY = 86_400_000
const now = new Date('2026-03-01T10:00:00.000Z')
const first = await createKeyStore({ country: 'XX', organisation: 'certbridge sandbox', now, test: true })
const store = await rotateKeyStore(first, new Date(now.getTime() + 30 * DAY))
const later = new Date(now.getTime() + 31 * DAY)

describe('publishing our trust list', () => {
  it('lists the active and the retired DSC in the gateway JSON shape', async () => {
    const list = await gatewayTrustList(store, later)
    expect(list.certificates).toHaveLength(2)
    for (const [i, entry] of list.certificates.entries()) {
      const dsc = store.dscs[i]!
      expect(entry).toEqual({
        certificateType: 'DSC',
        country: 'XX',
        kid: dsc.kid,
        rawData: dsc.certificate,
        thumbprint: createHash('sha256').update(Buffer.from(dsc.certificate, 'base64')).digest('hex'),
        timestamp: dsc.createdAt,
      })
    }
    expect(JSON.stringify(list)).not.toContain('PRIVATE')
  })

  it('stops listing a retired DSC after its notAfter', async () => {
    const list = await gatewayTrustList(store, new Date(store.dscs[0]!.notAfter))
    expect(list.certificates.map((c) => c.kid)).toEqual([store.dscs[1]!.kid])
  })

  it('publishes the same keys as a JWKS whose coordinates are the certificates’ keys', async () => {
    const set = await jwks(store, later)
    expect(set.keys.map((k) => k.kid)).toEqual(store.dscs.map((d) => d.kid))
    for (const key of set.keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', use: 'sig', alg: 'ES256' })
      expect(key.x5c).toEqual([store.dscs.find((d) => d.kid === key.kid)!.certificate, store.csca.certificate])
      // The JWK coordinates and the x5c certificate hold one and the same public key.
      const certKey = createPublicKey({ key: `-----BEGIN CERTIFICATE-----\n${key.x5c[0]}\n-----END CERTIFICATE-----` }).export({
        format: 'jwk',
      })
      expect([certKey.x, certKey.y]).toEqual([key.x, key.y])
    }
    expect(JSON.stringify(set)).not.toMatch(/"d"|PRIVATE/)
  })

  it('is read back by our own trust-list reader, in both shapes', async () => {
    const gateway = await parseTrustList(await gatewayTrustList(store, later), { source: 'peer' })
    const fromJwks = await parseTrustList(await jwks(store, later), { source: 'peer' })
    for (const parsed of [gateway, fromJwks]) {
      expect(parsed.keys.map((k) => toBase64(k.kid))).toEqual(store.dscs.map((d) => d.kid))
      expect(parsed.keys.every((k) => k.country === 'XX' && k.allowedTypes?.size === 3)).toBe(true)
    }
    expect([gateway.format, fromJwks.format]).toEqual(['gateway', 'jwks'])
  })

  it('gives our keys as trusted keys for our own verifier', async () => {
    const keys = await ownTrustedKeys(store, later)
    expect(keys.map((k) => [toBase64(k.kid), k.source, k.algorithm])).toEqual(store.dscs.map((d) => [d.kid, 'certbridge', -7]))
  })
})
