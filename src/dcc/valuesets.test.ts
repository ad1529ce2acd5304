import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import {
  COUNTRY_CODES,
  DISEASE_AGENTS,
  MANUFACTURERS,
  PROPHYLAXIS,
  TEST_RESULTS,
  TEST_TYPES,
  VACCINE_PRODUCTS,
  isCountryCode,
  vaccineProduct,
} from './valuesets.ts'

interface ValueSet {
  valueSetValues: Record<string, { display: string; active: boolean }>
}
interface Instruction {
  'vaccine-code': string
  'vaccine-manufacturer': string
  'sct-codes': string[]
}

const official = (name: string): ValueSet => JSON.parse(readFileSync(testdataPath('eu-dcc-valuesets', `${name}.json`), 'utf8')) as ValueSet
const instructions = Object.values(
  (
    JSON.parse(readFileSync(testdataPath('eu-dcc-valuesets', 'vaccine-encoding-instructions.json'), 'utf8')) as {
      valueSetValues: Record<string, Instruction>
    }
  ).valueSetValues,
)
const GENERIC_VP = '28531000087107'
const stripDeprecated = (text: string) => text.replace(/ \(deprecated\)$/, '')

describe('EU value sets stated in code agree with eu-dcc-valuesets 2.12.0', () => {
  it('lists every medicinal product of the value set, with its display name and status', () => {
    const products = official('vaccine-medicinal-product').valueSetValues
    expect(VACCINE_PRODUCTS.map((p) => p.mp).sort()).toEqual(Object.keys(products).sort())
    for (const product of VACCINE_PRODUCTS) {
      const entry = products[product.mp]
      expect(stripDeprecated(entry?.display ?? ''), product.mp).toBe(product.display)
      expect(product.deprecated, product.mp).toBe(!entry?.active)
    }
  })

  it('gives each product the ma and vp of the encoding instructions (vp: the specific code, else the generic one)', () => {
    expect(instructions).toHaveLength(VACCINE_PRODUCTS.length)
    for (const instruction of instructions) {
      const mp = stripDeprecated(instruction['vaccine-code'])
      const product = vaccineProduct(mp)
      expect(product, mp).toBeDefined()
      expect(product?.ma, mp).toBe(instruction['vaccine-manufacturer'])
      expect(instruction['sct-codes'], mp).toContain(product?.vp)
      const specific = instruction['sct-codes'].filter((code) => code !== GENERIC_VP)
      expect(product?.vp, mp).toBe(specific[0] ?? GENERIC_VP)
    }
  })

  it('maps the products the national adapters meet', () => {
    const expected: Record<string, [string, string]> = {
      'EU/1/20/1528': ['ORG-100030215', 'Comirnaty'],
      'EU/1/20/1507': ['ORG-100031184', 'Spikevax'],
      'EU/1/21/1529': ['ORG-100001699', 'Vaxzevria'],
      'EU/1/20/1525': ['ORG-100001417', 'Jcovden'],
      'EU/1/21/1618': ['ORG-100032020', 'Nuvaxovid'],
      'Sputnik-V': ['Gamaleya-Research-Institute', 'Sputnik-V'],
      'Sputnik-Light': ['Gamaleya-Research-Institute', 'Sputnik Light'],
      'Sputnik-M': ['Gamaleya-Research-Institute', 'Sputnik M'],
      EpiVacCorona: ['Vector-Institute', 'EpiVacCorona'],
      'EpiVacCorona-N': ['Vector-Institute', 'EpiVacCorona-N'],
      CoviVac: ['Chumakov-Federal-Scientific-Center', 'CoviVac'],
      'BBIBP-CorV': ['ORG-100020693', 'BBIBP-CorV'],
      CoronaVac: ['Sinovac-Biotech', 'CoronaVac'],
      Covaxin: ['Bharat-Biotech', 'Covaxin'],
      Covishield: ['ORG-100001981', 'Covishield'],
      Abdala: ['CIGB', 'Abdala'],
      'Soberana-02': ['Finlay-Institute', 'Soberana 02'],
      'Soberana-Plus': ['Finlay-Institute', 'Soberana Plus'],
    }
    for (const [mp, [ma, display]] of Object.entries(expected)) {
      expect(vaccineProduct(mp), mp).toMatchObject({ mp, ma, display, deprecated: false })
    }
    expect(vaccineProduct('Sputnik-V')?.vp).toBe('29061000087103')
    expect(vaccineProduct('EU/1/20/1528')?.vp).toBe('1119349007')
    expect(vaccineProduct('CoviVac')?.vp).toBe('1157024006')
    expect(vaccineProduct('EpiVacCorona')?.vp).toBe('1162643001')
    expect(vaccineProduct('Gam-COVID-Vac')).toBeUndefined()
    expect(vaccineProduct('sputnik-v')).toBeUndefined()
  })

  it('lists manufacturers, prophylaxis, test types and results, disease agent exactly as the files', () => {
    const same = (ours: Readonly<Record<string, string>>, name: string) => {
      const values = official(name).valueSetValues
      expect(Object.keys(ours).sort(), name).toEqual(Object.keys(values).sort())
      for (const [code, display] of Object.entries(ours)) expect(display, `${name} ${code}`).toBe(values[code]?.display)
    }
    same(MANUFACTURERS, 'vaccine-mah-manf')
    same(PROPHYLAXIS, 'vaccine-prophylaxis')
    same(TEST_TYPES, 'test-type')
    same(TEST_RESULTS, 'test-result')
    same(DISEASE_AGENTS, 'disease-agent-targeted')
    for (const product of VACCINE_PRODUCTS) {
      expect(MANUFACTURERS[product.ma], product.mp).toBeDefined()
      expect(PROPHYLAXIS[product.vp], product.mp).toBeDefined()
    }
  })

  it('lists every country code of the value set', () => {
    expect([...COUNTRY_CODES].sort()).toEqual(Object.keys(official('country-2-codes').valueSetValues).sort())
    expect(isCountryCode('RU')).toBe(true)
    expect(isCountryCode('VN')).toBe(true)
    expect(isCountryCode('XY')).toBe(false)
    expect(isCountryCode('ru')).toBe(false)
  })
})
