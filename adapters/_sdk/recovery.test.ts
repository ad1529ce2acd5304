import { describe, expect, it } from 'vitest'
import { AdapterError } from './errors.ts'
import { checkRecoveryTest } from './recovery.ts'

function codeOf(fn: () => void): string {
  try {
    fn()
    return 'ok'
  } catch (error) {
    return error instanceof AdapterError ? `${error.code}: ${error.message}` : 'other'
  }
}

describe('checkRecoveryTest', () => {
  it('accepts a positive NAAT at any date and a rapid antigen test from 1 October 2021', () => {
    expect(codeOf(() => checkRecoveryTest('NAAT', '2020-11-02'))).toBe('ok')
    expect(codeOf(() => checkRecoveryTest('RAT', '2021-10-01'))).toBe('ok')
  })
  it('refuses, naming the reason, an earlier rapid test, an antibody test and an unstated type', () => {
    expect(codeOf(() => checkRecoveryTest('RAT', '2021-09-30'))).toMatch(/^TYPE_NOT_CONVERTIBLE: .*1 October 2021/)
    expect(codeOf(() => checkRecoveryTest('ANTIBODY', '2022-01-01'))).toMatch(/^TYPE_NOT_CONVERTIBLE: .*antibody/)
    expect(codeOf(() => checkRecoveryTest(undefined, '2022-01-01'))).toMatch(/^RECORD_INCOMPLETE: .*type of the first positive test/)
  })
})
