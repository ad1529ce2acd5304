// The `t` entry of a test certificate under the EU rules per test type (eHN value sets and
// guidelines): a NAAT (LP6464-4) may name its test (`nm`) and never a device; a rapid antigen test
// (LP217198-3) must name its device (`ma`) from the value set and no `nm`. The sample time `sc` is a
// date-time with seconds and a zone: a record time without seconds is completed (10:15 → 10:15:00),
// fractions of a second are dropped, and a time without a zone is refused, so nothing reaches the
// schema check that it would refuse later.
import type { TestEvent } from './record.ts'
import { DccError } from './errors.ts'
import { codePointLength } from './formats.ts'
import { isRatDevice } from './test-devices.ts'
import type { TestEntry } from './types.ts'
import { DISEASE_AGENT, TEST_RESULTS, TEST_TYPE } from './valuesets.ts'

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:(Z|z)|([+-])(\d{2}):?(\d{2}))?$/

/** `YYYY-MM-DDTHH:MM:SS` with `Z` or `±HH:MM`, from an ISO 8601 time with or without seconds. */
export function sampleTime(text: string): string {
  const match = DATE_TIME.exec(text.trim())
  if (!match) throw new DccError('DCC_PAYLOAD', 'The test sample time is not an ISO 8601 date and time.')
  const [, date, hours, minutes, seconds = '00', utc, sign, zoneHours, zoneMinutes] = match
  if (!utc && !sign) throw new DccError('DCC_PAYLOAD', 'The test sample time has no time zone, which an EU certificate must state.')
  if (!isRealTime(date ?? '', [hours, minutes, seconds, zoneHours ?? '0', zoneMinutes ?? '0'].map(Number))) {
    throw new DccError('DCC_PAYLOAD', 'The test sample time is not a real date and time.')
  }
  const zone = utc ? 'Z' : `${sign}${zoneHours}:${zoneMinutes}`
  return `${date}T${hours}:${minutes}:${seconds}${zone}`
}

/** A calendar day that exists (no 2021-02-30) and a time and zone offset in range. */
function isRealTime(date: string, [hours = 0, minutes = 0, seconds = 0, zoneHours = 0, zoneMinutes = 0]: number[]): boolean {
  const day = new Date(`${date}T00:00:00Z`)
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) return false
  return hours < 24 && minutes < 60 && seconds < 60 && zoneHours < 24 && zoneMinutes < 60
}

export function testEntry(event: TestEvent, issuer: string, uvci: string): TestEntry {
  if (TEST_RESULTS[event.result] === undefined) throw new DccError('DCC_PAYLOAD', 'The test result is not in the EU value set.')
  const kind = typeFields(event)
  return {
    tg: DISEASE_AGENT.COVID_19,
    tt: event.testType,
    ...kind,
    sc: sampleTime(event.sampledAt),
    tr: event.result,
    tc: truncate(event.centre),
    co: event.country,
    is: issuer,
    ci: uvci,
  }
}

function typeFields(event: TestEvent): { nm?: string; ma?: string } {
  if (event.testType === TEST_TYPE.NAAT) return event.testName !== undefined ? { nm: truncate(event.testName) } : {}
  if (event.testType === TEST_TYPE.RAT) {
    if (event.device === undefined) throw new DccError('DCC_PAYLOAD', 'A rapid antigen test certificate must name its test device.')
    if (!isRatDevice(event.device)) throw new DccError('DCC_PAYLOAD', 'The rapid antigen test device is not in the EU list of devices.')
    return { ma: event.device }
  }
  throw new DccError('DCC_PAYLOAD', 'The test type is neither a NAAT nor a rapid antigen test of the EU value set.')
}

/** Free-text fields (test name, testing centre) are cut at the schema's 80 characters. */
export function truncate(text: string): string {
  return codePointLength(text) <= 80 ? text : Array.from(text).slice(0, 80).join('')
}
