// Findings of the fuzzing that need a fix outside the fuzz code, pinned with their minimal
// reproduction. Each is `it.fails` while the bug stands: when it is fixed the test fails, and should
// then become a plain `it` (and the input goes back into the fixed-seed share, see fuzzTargets).
import { describe, expect, it } from 'vitest'
import { parseRevocationList } from '../../src/revocation/list.ts'
import { typedSync } from '../../fuzz/check.ts'

describe('known fuzz findings', () => {
  // src/revocation/list.ts parseRevocationList: `(sets[type] ??= []).push(...hashes)` spreads the whole
  // array into call arguments, which overflows the stack past ~120,000 hashes (EU revocation lists
  // hold millions): an untyped RangeError instead of a list. Fix: push in a loop, or concat.
  it.fails('parseRevocationList reads a list of 200,000 hashes', () => {
    const json = { hashes: { UCI: new Array<string>(200_000).fill('AAAAAAAAAAAAAAAAAAAAAA==') } }
    const list = typedSync(() => parseRevocationList(json, { source: 'fuzz' }))
    expect(list).toBeDefined()
  })
})
