import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { HarnessError } from './errors.ts'
import { DEFAULT_RULES_DIR, parseHarnessArgs } from './options.ts'

function usageError(argv: string[]): string {
  try {
    parseHarnessArgs(argv)
  } catch (error) {
    expect(error).toBeInstanceOf(HarnessError)
    expect((error as HarnessError).code).toBe('HARNESS_USAGE')
    return (error as Error).message
  }
  throw new Error('no usage error')
}

describe('parseHarnessArgs', () => {
  it('defaults to the shared test data, every country and the issuance time', () => {
    const options = parseHarnessArgs([])
    expect(options.rulesDir).toBe(DEFAULT_RULES_DIR)
    expect(options.vectorsDir).toMatch(/dgc-testdata$/)
    expect(options).toMatchObject({ at: undefined, countries: undefined, quick: false, jsonFile: undefined, htmlFile: undefined })
  })

  it('reads every option, with a space or =', () => {
    const rules = testdataPath('business-rules')
    const options = parseHarnessArgs([
      '--rules',
      rules,
      '--at=2022-01-15',
      '--countries',
      'de, eu,DE',
      '--json',
      'a.json',
      '--html=b.html',
      '--quick',
    ])
    expect(options).toMatchObject({ rulesDir: rules, countries: ['DE', 'EU'], jsonFile: 'a.json', htmlFile: 'b.html', quick: true })
    expect(options.at?.toISOString()).toBe('2022-01-15T12:00:00.000Z')
    expect(parseHarnessArgs(['--at', '2022-01-15T08:00:00Z']).at?.toISOString()).toBe('2022-01-15T08:00:00.000Z')
  })

  it('--quick alone evaluates two countries, EU and DE', () => {
    expect(parseHarnessArgs(['--quick']).countries).toEqual(['EU', 'DE'])
  })

  it('refuses bad input with HARNESS_USAGE', () => {
    expect(usageError(['--at', '15.01.2022'])).toMatch(/--at/)
    expect(usageError(['--at', '2022-13-45'])).toMatch(/--at/)
    expect(usageError(['--countries', 'DEU'])).toMatch(/--countries/)
    expect(usageError(['--json'])).toMatch(/--json needs a value/)
    expect(usageError(['--rules', '/nonexistent/rules'])).toMatch(/no such rules directory/)
    expect(usageError(['--vectors', '/nonexistent/vectors'])).toMatch(/no such vectors directory/)
    expect(usageError(['extra'])).toMatch(/unknown argument/)
  })
})
