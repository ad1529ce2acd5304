// The validity of a recovery certificate under the EU rules (Regulation 2021/953, checked by
// RR-EU-0002): from 11 days after the first positive test at the earliest, for 180 days after it at
// most. `df` and `du` are dates, `du` the last valid day; the CWT `exp` of the certificate ends at the
// end of that day (23:59:59 UTC), never at its start, so the two agree.
import type { RecoveryEvent } from './record.ts'
import { DccError } from './errors.ts'

const DAY_MS = 86_400_000
export const RECOVERY_EARLIEST_DAYS = 11
export const RECOVERY_LATEST_DAYS = 180

type Dates = Pick<RecoveryEvent, 'firstPositive' | 'validFrom' | 'validUntil'>

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** Unix seconds of the last second (23:59:59 UTC) of a YYYY-MM-DD day. */
export function endOfDaySeconds(date: string): number {
  return Math.floor(Date.parse(`${date.slice(0, 10)}T23:59:59Z`) / 1000)
}

/** The last valid day: the national end, narrowed to 180 days after the first positive test. */
export function recoveryValidUntil(event: Dates): string {
  const latest = addDays(event.firstPositive, RECOVERY_LATEST_DAYS)
  return event.validUntil > latest ? latest : event.validUntil
}

/**
 * `df` and `du` of the certificate: the national window narrowed to the EU one. A national window
 * entirely outside it cannot be expressed (DCC_PAYLOAD).
 */
export function recoveryWindow(event: Dates): { readonly df: string; readonly du: string } {
  const earliest = addDays(event.firstPositive, RECOVERY_EARLIEST_DAYS)
  const df = event.validFrom < earliest ? earliest : event.validFrom
  const du = recoveryValidUntil(event)
  if (du < df)
    throw new DccError('DCC_PAYLOAD', 'The recovery validity of the national record lies outside the window an EU certificate allows.')
  return { df, du }
}
