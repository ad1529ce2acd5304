import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { euVaccines } from './eu-vaccines.ts'

interface Instruction {
  readonly 'vaccine-code': string
  readonly 'vaccine-manufacturer': string
  readonly 'sct-codes': readonly string[]
}

const instructions = Object.values(
  (JSON.parse(readFileSync(testdataPath('eu-dcc-valuesets/vaccine-encoding-instructions.json'), 'utf8')) as { valueSetValues: Record<string, Instruction> }).valueSetValues,
)
const products = (JSON.parse(readFileSync(testdataPath('eu-dcc-valuesets/vaccine-medicinal-product.json'), 'utf8')) as { valueSetValues: Record<string, unknown> }).valueSetValues

describe('local EU vaccine table', () => {
  it.each([...euVaccines.values()])('$mp agrees with the encoding instructions', (vaccine) => {
    expect(Object.keys(products)).toContain(vaccine.mp)
    const instruction = instructions.find((i) => i['vaccine-code'] === vaccine.mp)
    expect(instruction).toBeDefined()
    expect(vaccine.ma).toBe(instruction!['vaccine-manufacturer'])
    const specific = instruction!['sct-codes'].filter((c) => c !== '28531000087107')
    expect(vaccine.vp).toBe(specific[0] ?? '28531000087107')
  })
})
