import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { AdapterError } from '../_sdk/errors.ts'
import { euProducts, mapProduct } from './products.ts'

interface Instruction {
  readonly 'vaccine-code': string
  readonly 'vaccine-manufacturer': string
  readonly 'sct-codes': readonly string[]
}
const read = (name: string) => JSON.parse(readFileSync(testdataPath('eu-dcc-valuesets', name), 'utf8')) as { valueSetValues: Record<string, unknown> }
const instructions = Object.values(read('vaccine-encoding-instructions.json').valueSetValues) as Instruction[]
const products = read('vaccine-medicinal-product.json').valueSetValues

describe('product map', () => {
  it.each([
    ['Гам-КОВИД-Вак', 'Sputnik-V'], ['Gam-COVID-Vac', 'Sputnik-V'], ['Спутник V', 'Sputnik-V'], ['спутник  лайт', 'Sputnik-Light'],
    ['Спутник М', 'Sputnik-M'], ['ЭпиВакКорона', 'EpiVacCorona'], ['ЭпиВакКорона-Н', 'EpiVacCorona-N'], ['ЭпиВакКорона – Н', 'EpiVacCorona-N'],
    ['КовиВак', 'CoviVac'], ['Comirnaty', 'EU/1/20/1528'], ['CoronaVac', 'CoronaVac'],
  ])('%s → %s', (name, mp) => {
    expect(mapProduct(name).mp).toBe(mp)
  })
  it('an unknown product is PRODUCT_UNMAPPED naming it', () => {
    let error: unknown
    try {
      mapProduct('Бетувакс-КоВ-2')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AdapterError)
    expect((error as AdapterError).code).toBe('PRODUCT_UNMAPPED')
    expect((error as Error).message).toContain('Бетувакс-КоВ-2')
  })
  it.each(euProducts.map((p) => [p.mp, p]))('%s agrees with the EU value sets and encoding instructions', (_mp, vaccine) => {
    expect(Object.keys(products)).toContain(vaccine.mp)
    const instruction = instructions.find((i) => i['vaccine-code'] === vaccine.mp)
    expect(instruction?.['vaccine-manufacturer']).toBe(vaccine.ma)
    expect(instruction!['sct-codes']).toContain(vaccine.vp)
    expect(vaccine.vp).toBe(instruction!['sct-codes'].find((c) => c !== '28531000087107') ?? '28531000087107')
  })
})
