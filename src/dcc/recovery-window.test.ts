import { describe, expect, it } from 'vitest'
import type { NormalizedRecord, RecoveryEvent } from './record.ts'
import { certificateValidity } from '../issue/policy.ts'
import { buildPayload } from './payload.ts'
import { endOfDaySeconds, recoveryValidUntil, recoveryWindow } from './recovery-window.ts'

const event: RecoveryEvent = {
  type: 'recovery',
  firstPositive: '2021-06-01',
  validFrom: '2021-06-05',
  validUntil: '2022-01-01',
  country: 'RU',
}
const record = (e: RecoveryEvent): NormalizedRecord => ({
  country: 'RU',
  sourceRef: 'ru-gosuslugi:unrz:9160000012345678',
  holder: { identity: { familyName: 'Смирнов', givenName: 'Пётр', dateOfBirth: '1980-01-01' }, shown: {} },
  event: e,
})
const validity = (e: RecoveryEvent, recoveryDays = 180) =>
  certificateValidity({
    record: record(e),
    now: new Date('2021-07-01T00:00:00Z'),
    validityDays: { vaccination: 365, recovery: recoveryDays, test: 3 },
    dscNotAfter: new Date('2030-01-01Z'),
  })
const iso = (seconds: number) => new Date(seconds * 1000).toISOString()

describe('recovery window and expiry', () => {
  it('narrows the national window to fr + 11 days … fr + 180 days, du being the last valid day', () => {
    expect(recoveryWindow(event)).toEqual({ df: '2021-06-12', du: '2021-11-28' })
    expect(recoveryWindow({ ...event, validFrom: '2021-07-01', validUntil: '2021-10-01' })).toEqual({ df: '2021-07-01', du: '2021-10-01' })
    expect(() => recoveryWindow({ ...event, validUntil: '2021-06-10' })).toThrow(expect.objectContaining({ code: 'DCC_PAYLOAD' }))
    expect(recoveryValidUntil(event)).toBe('2021-11-28')
  })

  it('ends the CWT exp at 23:59:59 UTC of du, not at its start', () => {
    // capped by the EU 180 days: du 2021-11-28, exp the last second of that day
    const capped = validity(event)
    const { du } = recoveryWindow(event)
    expect(iso(capped.expiresAt)).toBe(`${du}T23:59:59.000Z`)
    expect(capped.expiresAt).toBe(endOfDaySeconds(du))
    // a national end inside the window: the same rule, its own last day
    const national = { ...event, validUntil: '2021-10-01' }
    expect(iso(validity(national).expiresAt)).toBe('2021-10-01T23:59:59.000Z')
    // a shorter configured validity ends at the end of its own last day too
    expect(iso(validity(event, 90).expiresAt)).toBe('2021-08-30T23:59:59.000Z')
  })

  it('states du in the payload on the same day the CWT exp ends', () => {
    const payload = buildPayload({
      record: record(event),
      names: { familyName: 'Смирнов', givenName: 'Пётр' },
      issuer: 'Test',
      uvci: 'URN:UVCI:01:RU:ABC#1',
    })
    const du = 'r' in payload ? payload.r[0].du : ''
    expect(iso(validity(event).expiresAt).slice(0, 10)).toBe(du)
  })
})
