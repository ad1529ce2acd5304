import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'
import { adapters } from '../adapters/registry.ts'

const codeOf = (env: Record<string, string>) => {
  try {
    loadConfig(env, adapters)
    return 'ok'
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return `${(error as ConfigError).code}: ${(error as Error).message}`
  }
}

describe('loadConfig', () => {
  it('starts in sandbox mode without configuration, with no synthetic population', () => {
    const config = loadConfig({}, adapters)
    expect(config).toMatchObject({ mode: 'sandbox', port: 8787, country: 'XX', sandboxPopulation: 0 })
  })

  it('reads CERTBRIDGE_SANDBOX_POPULATION from 0 to 1,000,000 and names it when out of range', () => {
    expect(loadConfig({ CERTBRIDGE_SANDBOX_POPULATION: '0' }, adapters).sandboxPopulation).toBe(0)
    expect(loadConfig({ CERTBRIDGE_SANDBOX_POPULATION: '30000' }, adapters).sandboxPopulation).toBe(30_000)
    expect(loadConfig({ CERTBRIDGE_SANDBOX_POPULATION: '1000000' }, adapters).sandboxPopulation).toBe(1_000_000)
    expect(codeOf({ CERTBRIDGE_SANDBOX_POPULATION: '1000001' })).toBe(
      'CONFIG_INVALID: CERTBRIDGE_SANDBOX_POPULATION must be at most 1000000',
    )
    expect(codeOf({ CERTBRIDGE_SANDBOX_POPULATION: '-5' })).toBe('CONFIG_INVALID: CERTBRIDGE_SANDBOX_POPULATION must be a positive integer')
    expect(codeOf({ CERTBRIDGE_SANDBOX_POPULATION: 'many' })).toBe(
      'CONFIG_INVALID: CERTBRIDGE_SANDBOX_POPULATION must be a positive integer',
    )
  })

  it('refuses an unknown mode by name', () => {
    expect(codeOf({ CERTBRIDGE_MODE: 'prod' })).toBe("CONFIG_INVALID: CERTBRIDGE_MODE must be 'sandbox' or 'production', not 'prod'")
  })
})
