import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { isRatDevice, RAT_DEVICES } from './test-devices.ts'

describe('RAT devices (t/ma)', () => {
  it('are exactly the active entries of the official value set', () => {
    const file = JSON.parse(readFileSync(testdataPath('eu-dcc-valuesets', 'test-manf-example.json'), 'utf8')) as {
      valueSetId: string
      valueSetValues: Record<string, { active: boolean }>
    }
    expect(file.valueSetId).toBe('covid-19-lab-test-manufacturer-and-name')
    const active = Object.entries(file.valueSetValues)
      .filter(([, v]) => v.active)
      .map(([id]) => id)
    expect([...RAT_DEVICES].sort()).toEqual(active.sort())
    expect(isRatDevice('1232')).toBe(true)
    expect(isRatDevice('1065')).toBe(false) // listed, inactive
    expect(isRatDevice('9999')).toBe(false)
  })
})
