import { describe, expect, it } from 'vitest'
import { AdapterError } from '../_sdk/index.ts'
import { mapProduct } from './products.ts'

describe('mapProduct (Russian register names)', () => {
  it.each([
    ['Гам-КОВИД-Вак', 'Sputnik-V'],
    ['Спутник V', 'Sputnik-V'],
    ['  гам – ковид – вак ', 'Sputnik-V'],
    ['Спутник Лайт', 'Sputnik-Light'],
    ['Гам-КОВИД-Вак-М', 'Sputnik-M'],
    ['Спутник М', 'Sputnik-M'],
    ['ЭпиВакКорона', 'EpiVacCorona'],
    ['ЭпиВакКорона-Н', 'EpiVacCorona-N'],
    ['КовиВак', 'CoviVac'],
  ])('%s → %s', (name, mp) => {
    expect(mapProduct(name).mp).toBe(mp)
  })

  it('gives the manufacturer and prophylaxis codes', () => {
    expect(mapProduct('Гам-КОВИД-Вак')).toEqual({ mp: 'Sputnik-V', ma: 'Gamaleya-Research-Institute', vp: '29061000087103' })
    expect(mapProduct('ЭпиВакКорона')).toEqual({ mp: 'EpiVacCorona', ma: 'Vector-Institute', vp: '1162643001' })
  })

  it('refuses a product the EU does not list, naming it', () => {
    const error = (() => {
      try {
        mapProduct('Бетувакс-КоВ-2')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(AdapterError)
    expect((error as AdapterError).code).toBe('PRODUCT_UNMAPPED')
    expect((error as AdapterError).message).toContain('Betuvax-CoV-2')
  })

  it('refuses an unknown name without guessing or echoing it', () => {
    for (const name of ['Спутник', 'Sputnik', 'Гам-КОВИД-Вак-Лио', 'Pfizer']) {
      const error = (() => {
        try {
          mapProduct(name)
        } catch (e) {
          return e
        }
      })() as AdapterError
      expect(error.code, name).toBe('PRODUCT_UNMAPPED')
    }
    const error = (() => {
      try {
        mapProduct('Ivanov secret')
      } catch (e) {
        return e
      }
    })() as AdapterError
    expect(error.message).not.toContain('Ivanov')
  })
})
