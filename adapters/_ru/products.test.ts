import { describe, expect, it } from 'vitest'
import { AdapterError } from '../_sdk/index.ts'
import { mapProduct } from './products.ts'

describe('product map', () => {
  it.each([
    ['Гам-КОВИД-Вак', 'Sputnik-V'],
    ['Gam-COVID-Vac', 'Sputnik-V'],
    ['Спутник V', 'Sputnik-V'],
    ['спутник  лайт', 'Sputnik-Light'],
    ['Спутник М', 'Sputnik-M'],
    ['ЭпиВакКорона', 'EpiVacCorona'],
    ['ЭпиВакКорона-Н', 'EpiVacCorona-N'],
    ['ЭпиВакКорона – Н', 'EpiVacCorona-N'],
    ['КовиВак', 'CoviVac'],
    ['Comirnaty', 'EU/1/20/1528'],
    ['CoronaVac', 'CoronaVac'],
  ])('%s → %s', (name, mp) => {
    expect(mapProduct(name).mp).toBe(mp)
  })
  it('a Russian product without an EU code is PRODUCT_UNMAPPED naming it', () => {
    let error: unknown
    try {
      mapProduct('Бетувакс-КоВ-2')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AdapterError)
    expect((error as AdapterError).code).toBe('PRODUCT_UNMAPPED')
    expect((error as Error).message).toContain('Betuvax-CoV-2')
  })
  it('takes manufacturer and prophylaxis from the EU value sets', () => {
    expect(mapProduct('Гам-КОВИД-Вак')).toEqual({ mp: 'Sputnik-V', ma: 'Gamaleya-Research-Institute', vp: '29061000087103' })
    expect(mapProduct('Спайквакс')).toEqual({ mp: 'EU/1/20/1507', ma: 'ORG-100031184', vp: '1119349007' })
  })
})
