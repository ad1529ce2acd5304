import { describe, expect, it } from 'vitest'
import { HcertError, type HcertErrorCode } from '../hcert/errors.ts'
import { decodeHc1 } from '../hcert/decode.ts'
import { STATUSES, VERIFICATION_STATUSES, isVerificationStatus, statusMarkdown, statusText } from './status.ts'
import { parseClock } from './clock.ts'

describe('status taxonomy', () => {
  it('has one plain line per status, the verdicts first and last', () => {
    expect(VERIFICATION_STATUSES[0]).toBe('VALID')
    expect(VERIFICATION_STATUSES.slice(-2)).toEqual(['REVOKED', 'RULES_FAILED'])
    for (const status of VERIFICATION_STATUSES) {
      expect(statusText(status)).toMatch(/^[A-Z].{20,200}\.$/)
      expect(statusText(status)).not.toContain('\n')
    }
    expect(new Set(Object.values(STATUSES)).size).toBe(VERIFICATION_STATUSES.length)
  })

  it('covers every code the codec throws', () => {
    const thrown = new Set<HcertErrorCode>()
    for (const input of ['nope', 'HC1:abc', 'HC1:' + 'A'.repeat(20_000)]) {
      try {
        decodeHc1(input)
      } catch (error) {
        if (error instanceof HcertError) thrown.add(error.code)
      }
    }
    expect([...thrown].sort()).toEqual(['HCERT_BASE45', 'HCERT_PREFIX', 'HCERT_TOO_LARGE'])
    for (const code of thrown) expect(isVerificationStatus(code)).toBe(true)
    expect(isVerificationStatus('HCERT_NOPE')).toBe(false)
    expect(isVerificationStatus('toString')).toBe(false)
  })

  it('renders as a Markdown list for the OpenAPI description and the README', () => {
    const lines = statusMarkdown().split('\n')
    expect(lines).toHaveLength(VERIFICATION_STATUSES.length)
    expect(lines[0]).toBe(`- \`VALID\`: ${STATUSES.VALID}`)
  })
})

describe('parseClock', () => {
  it('reads ISO dates and date-times with a zone', () => {
    expect(parseClock('2021-10-15')?.toISOString()).toBe('2021-10-15T00:00:00.000Z')
    expect(parseClock('2021-10-15T12:00:00Z')?.toISOString()).toBe('2021-10-15T12:00:00.000Z')
    expect(parseClock(' 2021-06-27T16:07:52.434402+03:00 ')?.toISOString()).toBe('2021-06-27T13:07:52.434Z')
  })

  it('refuses anything else rather than guessing', () => {
    for (const text of ['', 'now', '15.10.2021', '2021-10-15T12:00:00', '2021-02-30', '2021-13-01T00:00Z', '1634299200']) {
      expect(parseClock(text), text).toBeUndefined()
    }
  })
})
