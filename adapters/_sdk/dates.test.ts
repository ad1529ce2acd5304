import { describe, expect, it } from 'vitest'
import { addDays, daysBetween, isIsoDate, parseRuDate } from './dates.ts'

describe('dates', () => {
  it('parses dd.MM.yyyy', () => {
    expect(parseRuDate('27.08.1958')).toBe('1958-08-27')
    expect(parseRuDate('29.02.2024')).toBe('2024-02-29')
  })
  it.each(['29.02.2023', '31.04.2021', '1.08.1958', '1958-08-27', '00.01.2020', ''])('refuses %j with UPSTREAM_INVALID', (text) => {
    expect(() => parseRuDate(text)).toThrow(expect.objectContaining({ code: 'UPSTREAM_INVALID' }))
  })
  it('checks and shifts ISO days', () => {
    expect(isIsoDate('2024-02-30')).toBe(false)
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01')
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2)
  })
})
