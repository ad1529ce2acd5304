import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { parseVector } from '../conformance/vector.ts'
import { expectedValid, runVectors, spread } from './vectors.ts'

const vector = (file: string) => parseVector(file, readFileSync(testdataPath('dgc-testdata', file), 'utf8'))

describe('EU vectors through the verifier', () => {
  it('expects VALID exactly when every verifier-relevant flag is true', () => {
    expect(expectedValid(vector('DE/2DCode/raw/1.json'))).toBe(true)
    expect(expectedValid(vector('common/2DCode/raw/CO5.json'))).toBe(false) // EXPECTEDVERIFY false
    expect(expectedValid(vector('common/2DCode/raw/CO17.json'))).toBe(false) // expired
  })

  it('spreads a subset over the whole list', () => {
    expect(spread([1, 2, 3, 4, 5, 6, 7, 8], 4)).toEqual([1, 3, 5, 7])
    expect(spread([1, 2], 4)).toEqual([1, 2])
  })

  it('meets a spread of vectors, counting every one once', async () => {
    const report = await runVectors(testdataPath('dgc-testdata'), { limit: 30 })
    const counted = report.passed + report.failed + report.excluded.length + report.timeNotTested.length + report.skipped
    expect(counted).toBe(30)
    expect(report.passed).toBeGreaterThan(20)
    expect(report.failed).toBe(report.misses.length)
    for (const e of report.excluded) expect(e.reason).not.toBe('')
  })
})
