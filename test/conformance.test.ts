// The EU conformance vectors, run through the codec inside `npm test`: any miss that is not an
// explained exclusion fails the suite.
import { describe, expect, it } from 'vitest'
import { runConformance } from '../tools/conformance/runner.ts'
import { testdataPath } from './shared.ts'

describe('EU dgc-testdata conformance', () => {
  it('meets every expectation except the explained exclusions', async () => {
    const report = await runConformance(testdataPath('dgc-testdata'))
    expect(report.files).toBe(581)
    const misses = report.outcomes.filter((o) => !o.passed && !o.excludedBecause).map((o) => `${o.file} ${o.flag} expected ${o.expected}`)
    expect(misses).toEqual([])
    for (const { reason } of report.excluded) expect(reason.length).toBeGreaterThan(20)
    // Exclusions of our own (beyond the maintainers' tests/known_issues.csv) stay few and explained.
    const own = new Set(report.excluded.filter((e) => !e.reason.startsWith('known issue')).map((e) => e.file))
    expect(own.size).toBeLessThanOrEqual(15)
    // The known-issue exclusions are the maintainers' own entries: NL's whole set (issue 107) and a few files.
    const known = new Set(report.excluded.filter((e) => e.reason.startsWith('known issue')).map((e) => e.file))
    expect([...known].filter((f) => !f.startsWith('NL/')).length).toBeLessThanOrEqual(15)
    expect(report.passed / report.expectations).toBeGreaterThanOrEqual(0.98)
  })

  it('counts a broken vector as a miss (the runner can fail)', async () => {
    const { CHECKS } = await import('../tools/conformance/checks.ts')
    const { parseVector } = await import('../tools/conformance/vector.ts')
    const vector = parseVector(
      'XX/2DCode/raw/1.json',
      JSON.stringify({ PREFIX: 'HC1:ABC', BASE45: 'ABD', EXPECTEDRESULTS: { EXPECTEDUNPREFIX: true } }),
    )
    expect(await CHECKS.EXPECTEDUNPREFIX(vector)).toBe(false)
  })
})
