import { describe, expect, it } from 'vitest'
import { productMapper } from './products.ts'

describe('productMapper', () => {
  const map = productMapper({ national: { 'спутник v': 'Sputnik-V', comirnaty: 'EU/1/20/1528' }, unmapped: { nanocovax: 'Nanocovax' } })

  it('maps folded national names to the EU codes of the value sets', () => {
    expect(map('  СПУТНИК   V ')).toEqual({ mp: 'Sputnik-V', ma: 'Gamaleya-Research-Institute', vp: '29061000087103' })
    expect(map('Comirnaty')).toEqual({ mp: 'EU/1/20/1528', ma: 'ORG-100030215', vp: '1119349007' })
  })

  it('names a known product without an EU code, and never echoes an unknown one', () => {
    expect(() => map('NANOCOVAX')).toThrow(
      expect.objectContaining({ code: 'PRODUCT_UNMAPPED', message: expect.stringContaining('Nanocovax') }),
    )
    expect(() => map('Ivanov Ivan 4509 123456')).toThrow(
      expect.objectContaining({ code: 'PRODUCT_UNMAPPED', message: expect.not.stringContaining('Ivanov') }),
    )
  })

  it('refuses a table that names a code the EU value sets do not list', () => {
    expect(() => productMapper({ national: { x: 'Made-Up-Vaccine' } })).toThrow(/Made-Up-Vaccine/)
  })
})
