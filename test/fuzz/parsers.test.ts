// The fixed-seed share of the fuzzing in `npm test`: every target of tools/fuzz/targets.ts with a few
// hundred generated cases (npm run fuzz runs 100,000). A failure prints fast-check's shrunk
// counterexample and the seed to replay it.
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { fuzzTargets } from '../../tools/fuzz/targets.ts'

const SEED = 20_260_709
const RUNS: Readonly<Record<string, number>> = {
  'link matchers': 1_000,
  'HC1 decoder (prefix, base45, zlib, CBOR, COSE, CWT)': 1_200,
  'QR image decoder': 30,
  'request bodies (POST /v1/certificates, /v1/verify JSON and multipart)': 300,
  'trust-list readers': 200,
  'rule-set readers': 500,
  'revocation-list reader': 500,
}

describe('fuzz (fixed seed)', () => {
  for (const target of fuzzTargets({ large: false })) {
    it(`${target.name}: only valid results or typed errors`, async () => {
      const { property, close } = await target.setup()
      try {
        await fc.assert(property, { numRuns: RUNS[target.name] ?? 200, seed: SEED })
      } finally {
        close?.()
      }
    }, 60_000)
  }
})
