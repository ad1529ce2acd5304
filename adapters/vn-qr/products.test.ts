import { describe, expect, it } from 'vitest'
import { AdapterError } from '../_sdk/index.ts'
import { mapProduct } from './products.ts'

function refusal(name: string): AdapterError {
  try {
    mapProduct(name)
  } catch (error) {
    if (error instanceof AdapterError) return error
    throw error
  }
  throw new Error(`mapped: ${name}`)
}

describe('mapProduct (Vietnamese record source names)', () => {
  it.each([
    ['AstraZeneca', 'EU/1/21/1529'],
    ['Vaxzevria', 'EU/1/21/1529'],
    ['AstraZeneca (Covishield)', 'Covishield'],
    ['Covishield', 'Covishield'],
    ['Pfizer-BioNTech', 'EU/1/20/1528'],
    ['Comirnaty (Pfizer – BioNTech)', 'EU/1/20/1528'],
    ['Moderna', 'EU/1/20/1507'],
    ['Spikevax', 'EU/1/20/1507'],
    ['Vero Cell (Sinopharm)', 'BBIBP-CorV'],
    ['Sinopharm BIBP', 'BBIBP-CorV'],
    ['SPUTNIK V', 'Sputnik-V'],
    ['Abdala', 'Abdala'],
    ['Janssen', 'EU/1/20/1525'],
    ['Hayat-Vax', 'Hayat-Vax'],
  ])('%s → %s', (name, mp) => {
    expect(mapProduct(name).mp).toBe(mp)
  })

  it('gives the manufacturer and prophylaxis codes', () => {
    expect(mapProduct('AstraZeneca')).toEqual({ mp: 'EU/1/21/1529', ma: 'ORG-100001699', vp: '29061000087103' })
    expect(mapProduct('Covishield')).toEqual({ mp: 'Covishield', ma: 'ORG-100001981', vp: '29061000087103' })
    expect(mapProduct('Abdala')).toEqual({ mp: 'Abdala', ma: 'CIGB', vp: '28531000087107' })
  })

  it("refuses Nanocovax naming it, and never takes Vietnam's Covivac for Russia's CoviVac", () => {
    const nanocovax = refusal('Nanocovax')
    expect(nanocovax.code).toBe('PRODUCT_UNMAPPED')
    expect(nanocovax.message).toContain('Nanocovax')
    expect(refusal('Covivac').message).toContain('IVAC')
    expect(refusal('Vero Cell').code).toBe('PRODUCT_UNMAPPED') // which Vero Cell vaccine is not stated
  })

  it('refuses an unknown name without echoing it', () => {
    const error = refusal('Ho Chi Minh secret vaccine')
    expect(error.code).toBe('PRODUCT_UNMAPPED')
    expect(error.message).not.toContain('secret')
  })
})
