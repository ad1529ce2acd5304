import { afterAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { testdataPath } from '../../../../test/shared.ts'
import { canonizeHere, useCanonicalizer } from '../../../trust/gdhcn/canonize.ts'
import { startCanonizeThread } from './canonize-thread.ts'
import { verifyProof } from '../../../trust/gdhcn/proof.ts'
import { readTrustListSigners } from '../../../trust/gdhcn/signers.ts'

const thread = startCanonizeThread()
afterAll(() => thread.close())
const list = JSON.parse(readFileSync(testdataPath('gdhcn', 'tng-cdn-dev', 'v2', 'trustlist', '-', 'XXA', 'did.json'), 'utf8'))

describe('canonicalization in a worker thread', () => {
  it('gives the same N-Quads as this thread, and the DEV proof verifies through it', async () => {
    const { proof: _proof, ...document } = list
    expect(await thread.canonize(document)).toBe(await canonizeHere(document))
    const previous = useCanonicalizer(thread.canonize)
    try {
      const signers = await readTrustListSigners(JSON.parse(readFileSync(testdataPath('gdhcn', 'who-signing-dev', 'did.json'), 'utf8')))
      expect((await verifyProof(list, signers)).status).toBe('valid')
    } finally {
      useCanonicalizer(previous)
    }
  })

  it('passes refusals back as coded errors, and starts again after close', async () => {
    await expect(thread.canonize({ '@context': 'https://example.org/other.jsonld', id: 'did:web:x' })).rejects.toMatchObject({
      code: 'TRUST_LIST_INVALID',
      message: expect.stringContaining('not kept'),
    })
    await thread.close()
    const [a, b] = await Promise.all([
      thread.canonize({ '@context': list['@context'], id: 'did:web:a', controller: 'did:web:c' }),
      thread.canonize({ '@context': list['@context'], id: 'did:web:b', controller: 'did:web:c' }),
    ])
    expect([a, b]).toEqual([
      await canonizeHere({ '@context': list['@context'], id: 'did:web:a', controller: 'did:web:c' }),
      await canonizeHere({ '@context': list['@context'], id: 'did:web:b', controller: 'did:web:c' }),
    ])
  })
})
