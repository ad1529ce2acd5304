// Inputs the fuzzing found to break a parser, kept as plain regression tests once fixed.
import { describe, expect, it } from 'vitest'
import { parseRevocationList } from '../../src/revocation/list.ts'
import { typedSync } from '../../tools/fuzz/check.ts'

describe('fuzz regressions', () => {
  // parseRevocationList once did `push(...hashes)`, which overflows the stack past ~120,000 hashes
  // (an untyped RangeError); the EU revocation lists hold millions.
  it('parseRevocationList reads a list of 200,000 hashes', () => {
    const json = { hashes: { UCI: new Array<string>(200_000).fill('AAAAAAAAAAAAAAAAAAAAAA==') } }
    const list = typedSync(() => parseRevocationList(json, { source: 'fuzz' }), { budgetMs: 5_000 })
    expect(list).toBeDefined()
  })
})
