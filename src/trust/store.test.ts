import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { testdataPath } from '../../test/shared.ts'
import { parseTrustList, readTrustList } from './lists.ts'
import { createLazyTrustStore, createTrustStore, mergeTrustStores } from './store.ts'
import { fromBase64, toBase64 } from '../platform/bytes.ts'

const snapshot = (cc: string): unknown => JSON.parse(readFileSync(testdataPath('trustlists', `trustlist_${cc}.json`), 'utf8'))

describe('trust store', () => {
  it('indexes the DE list lazily in milliseconds and imports a kid on first lookup', async () => {
    const started = performance.now()
    const store = await createLazyTrustStore(readTrustList(snapshot('de'), { source: 'DE' }).entries)
    const indexed = performance.now() - started
    console.info(`DE trust list: ${store.size} entries indexed lazily in ${indexed.toFixed(1)} ms`)
    expect(indexed).toBeLessThan(500)
    expect(store.size).toBe(832)
    expect(store.sources).toEqual(['DE'])
    const keys = await store.resolve(fromBase64('ZtJVElOdWm0='))
    expect(keys).toHaveLength(1)
    expect(keys[0]!.country).toBe('VN')
    expect(await store.resolve(fromBase64('ZtJVElOdWm0='))).toBe(keys) // imported once, then kept
    expect(await store.resolve(new Uint8Array(8))).toEqual([])
  })

  it('returns every key of a colliding kid', async () => {
    const ch = await parseTrustList(snapshot('ch'), { source: 'CH' })
    const store = createTrustStore(ch.keys)
    expect(await store.resolve(fromBase64('1PtilTAMiyk='))).toHaveLength(2)
    expect(await store.resolve(fromBase64('3lTmAZX19GQ='))).toHaveLength(1)
    expect(store.size).toBe(683)
  })

  it('counts entries that fail to import on first use, without failing the lookup', async () => {
    const list = { certificates: [{ kid: 'AQIDBAUGBwg=', rawData: 'AAAA' }] }
    const store = await createLazyTrustStore(readTrustList(list, { source: 'bad' }).entries)
    expect(await store.resolve(fromBase64('AQIDBAUGBwg='))).toEqual([])
    expect(store.failed).toEqual({ TRUST_CERT_INVALID: 1 })
  })

  it('indexes an entry without a kid by the hash of its certificate', async () => {
    const de = snapshot('de') as { certificates: { kid: string; rawData: string }[] }
    const first = de.certificates[0]!
    const store = await createLazyTrustStore(readTrustList({ certificates: [{ rawData: first.rawData }] }, { source: 'x' }).entries)
    const keys = await store.resolve(fromBase64(first.kid))
    expect(keys.map((k) => toBase64(k.kid))).toEqual([first.kid])
  })

  it('merges stores: a kid present in two lists yields both keys', async () => {
    const de = snapshot('de') as { certificates: { kid: string; rawData: string; country: string }[] }
    const nl = de.certificates.find((c) => c.country === 'NL')!
    const a = await createLazyTrustStore(readTrustList({ certificates: [nl] }, { source: 'DE' }).entries)
    const b = createTrustStore((await parseTrustList({ certificates: [{ kid: nl.kid, rawData: nl.rawData }] }, { source: 'AT' })).keys)
    const merged = mergeTrustStores([a, b])
    const keys = await merged.resolve(fromBase64(nl.kid))
    expect(keys.map((k) => k.source)).toEqual(['DE', 'AT'])
    expect(merged.sources).toEqual(['DE', 'AT'])
    expect(merged.size).toBe(2)
  })
})

describe('trust store: a real signature', () => {
  it('resolves the kid of an EU conformance vector to a key that verifies its COSE signature', async () => {
    const { default: cbor } = await import('cbor')
    const vector = JSON.parse(readFileSync(testdataPath('dgc-testdata', 'DE', '2DCode', 'raw', '1.json'), 'utf8')) as {
      COSE: string
      TESTCTX: { CERTIFICATE: string }
    }
    const decoded = cbor.decodeFirstSync(Buffer.from(vector.COSE, 'hex'))
    const [protectedBytes, unprotected, payload, signature] = (decoded instanceof cbor.Tagged ? decoded.value : decoded) as [
      Buffer,
      Map<number, unknown>,
      Buffer,
      Buffer,
    ]
    const header = cbor.decodeFirstSync(protectedBytes) as Map<number, unknown>
    const kid = new Uint8Array((header.get(4) ?? unprotected.get(4)) as Buffer)

    // A list that states no kid: the store indexes the certificate by the hash of its DER.
    const store = await createLazyTrustStore(
      readTrustList({ certificates: [{ rawData: vector.TESTCTX.CERTIFICATE }] }, { source: 'vector' }).entries,
    )
    const [key] = await store.resolve(kid)
    expect(key?.algorithm).toBe(-7)
    const sigStructure = cbor.encode(['Signature1', protectedBytes, Buffer.alloc(0), payload])
    expect(
      await crypto.subtle.verify(
        { name: 'ECDSA', hash: 'SHA-256' },
        key!.publicKey,
        new Uint8Array(signature),
        new Uint8Array(sigStructure),
      ),
    ).toBe(true)
  })
})
