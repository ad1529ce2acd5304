// The project's own verifier (src/verify) against the trust list the service publishes at
// GET /v1/trust-list, read with the project's trust-list parser.
import { parseTrustList } from '../../../src/trust/lists.ts'
import { createTrustStore } from '../../../src/trust/store.ts'
import { verifyCertificate } from '../../../src/verify/verify.ts'
import type { HarnessVerifier } from './types.ts'

export async function createCertbridgeVerifier(trustList: unknown): Promise<HarnessVerifier> {
  const { keys } = await parseTrustList(trustList, { source: 'certbridge' })
  const store = createTrustStore(keys)
  return {
    name: 'certbridge',
    async verify(hc1, at) {
      const result = await verifyCertificate({ hc1 }, { keys: store.resolve, now: at })
      return result.status
    },
  }
}
