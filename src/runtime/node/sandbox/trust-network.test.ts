import { afterAll, describe, expect, it } from 'vitest'
import { createKeyStore } from '../../../trust/keystore.ts'
import { loadTrustList, loadTrustListSigners } from '../../../trust/load.ts'
import { fromBase64 } from '../../../platform/bytes.ts'
import { startSandboxTrustNetwork } from './trust-network.ts'

const now = new Date('2026-03-01T10:00:00.000Z')
const store = await createKeyStore({ country: 'XX', organisation: 'certbridge sandbox', now, test: true })
const network = await startSandboxTrustNetwork(store, { now: () => now })
afterAll(() => network.close())

describe('the sandbox trust network', () => {
  it('serves our keys as a DID list in the network shape, signed by the sandbox WHO, that verifies with its signing DID', async () => {
    expect(network.listUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2\/trustlist\/-\/XXX\/DSC\/did\.json$/)
    const signers = await loadTrustListSigners([network.signerUrl])
    expect(signers).toHaveLength(1)
    expect(signers[0]!.id).toMatch(/^did:web:127\.0\.0\.1%3A\d+:WHO:signing:DID$/)
    const list = await loadTrustList(`sandbox-who=${network.listUrl}`, { signers, eager: true })
    expect(list).toMatchObject({ source: 'sandbox-who', format: 'did', signature: 'valid', chains: { invalid: 0 } })
    expect(list.entries).toBe(store.dscs.filter((d) => new Date(d.notAfter) > now).length)
    expect(await list.store.resolve(fromBase64(store.dscs[0]!.kid))).toHaveLength(1)

    const document = await (await fetch(network.listUrl)).json()
    expect(document).toMatchObject({
      id: expect.stringMatching(/:v2:trustlist:-:XXX:DSC$/),
      controller: expect.stringMatching(/:v2:trustlist:-:XXX$/),
      proof: { type: 'JsonWebSignature2020', proofPurpose: 'assertionMethod', verificationMethod: signers[0]!.id },
    })
  })

  it('answers 304 to the ETag it gave, and refuses to verify with another WHO', async () => {
    const first = await fetch(network.listUrl)
    await first.body?.cancel()
    const again = await fetch(network.listUrl, { headers: { 'if-none-match': first.headers.get('etag')! } })
    expect(again.status).toBe(304)
    const other = await startSandboxTrustNetwork(store)
    try {
      await expect(loadTrustList(network.listUrl, { signers: await loadTrustListSigners([other.signerUrl]) })).rejects.toMatchObject({
        code: 'TRUST_LIST_SIGNATURE',
      })
    } finally {
      await other.close()
    }
  })
})
