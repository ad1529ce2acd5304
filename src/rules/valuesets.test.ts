import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { compressValueSets } from './valuesets.ts'

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'))

describe('compressValueSets', () => {
  const compressed = readJson(testdataPath('business-rules', 'valuesets', 'valueSets.json')) as Record<string, string[]>

  it('keeps the compressed form published beside the EU business rules as it is', () => {
    const valueSets = compressValueSets(compressed)
    expect(Object.keys(valueSets).sort()).toEqual(Object.keys(compressed).sort())
    expect(valueSets['covid-19-lab-result']).toEqual(['260373001', '260415000'])
    expect(valueSets['vaccines-covid-19-names']).toContain('EU/1/20/1528')
    expect(valueSets['vaccines-covid-19-names']).toContain('Sputnik-V')
  })

  it('compresses the full eu-dcc-valuesets files to their codes, as an array or a map', () => {
    const dir = testdataPath('eu-dcc-valuesets')
    const full = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => readJson(join(dir, name)))
    const fromArray = compressValueSets(full)
    expect(fromArray['covid-19-lab-result']).toEqual(expect.arrayContaining(['260373001', '260415000']))
    expect(fromArray['country-2-codes']).toHaveLength(250)
    expect(fromArray['vaccines-covid-19-names']).toEqual(expect.arrayContaining(['EU/1/20/1528', 'Sputnik-V']))
    const asMap = Object.fromEntries(full.map((set) => [(set as { valueSetId: string }).valueSetId, set]))
    expect(compressValueSets(asMap)).toEqual(fromArray)
    const single = full.find((set) => (set as { valueSetId: string }).valueSetId === 'covid-19-lab-test-type')
    expect(compressValueSets(single)).toEqual({ 'covid-19-lab-test-type': expect.arrayContaining(['LP6464-4', 'LP217198-3']) })
  })

  it('refuses malformed value sets with RULES_INVALID', () => {
    const code = expect.objectContaining({ code: 'RULES_INVALID' })
    expect(() => compressValueSets('nope')).toThrow(code)
    expect(() => compressValueSets(null)).toThrow(code)
    expect(() => compressValueSets({ a: [1, 2] })).toThrow(code)
    expect(() => compressValueSets([{ valueSetId: 'x' }])).toThrow(code)
    expect(() => compressValueSets({ 'bad id!': ['a'] })).toThrow(code)
    expect(() =>
      compressValueSets([
        { valueSetId: 'x', valueSetValues: {} },
        { valueSetId: 'x', valueSetValues: {} },
      ]),
    ).toThrow(code)
  })

  it('refuses an oversized value set with RULES_TOO_LARGE', () => {
    const codes = Array.from({ length: 20_001 }, (_, i) => String(i))
    expect(() => compressValueSets({ big: codes })).toThrow(expect.objectContaining({ code: 'RULES_TOO_LARGE' }))
  })
})
