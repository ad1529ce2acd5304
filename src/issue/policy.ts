// Policy: how long a bridged certificate may be valid. The CWT `exp` is the earliest of the national
// certificate's own expiry, the per-type validity counted from the event, the recovery's stated end,
// and the signing DSC's notAfter. A record that would already be expired is refused. A recovery ends
// at the end (23:59:59 UTC) of its last valid day, the DCC's `du`, never at that day's start.
import { IssueError } from './errors.ts'
import { addDays, recoveryValidUntil } from '../dcc/recovery-window.ts'
import type { NormalizedRecord } from '../dcc/record.ts'
import type { CertificateType } from '../config.ts'

export interface ValidityInput {
  readonly record: NormalizedRecord
  readonly now: Date
  /** Maximum days of validity per type, counted from the event. */
  readonly validityDays: Readonly<Record<CertificateType, number>>
  readonly dscNotAfter: Date
}

export interface Validity {
  /** Unix seconds. */
  readonly issuedAt: number
  readonly expiresAt: number
}

const DAY = 86_400

/** End of a YYYY-MM-DD day in UTC, as Unix seconds. */
function endOfDay(date: string): number {
  return Math.floor(Date.parse(`${date.slice(0, 10)}T23:59:59Z`) / 1000)
}

function eventStart(record: NormalizedRecord): number {
  const event = record.event
  switch (event.type) {
    case 'vaccination':
      return Math.floor(Date.parse(`${event.date}T00:00:00Z`) / 1000)
    case 'recovery':
      return Math.floor(Date.parse(`${event.firstPositive}T00:00:00Z`) / 1000)
    case 'test':
      return Math.floor(Date.parse(event.sampledAt) / 1000)
  }
}

export function certificateValidity({ record, now, validityDays, dscNotAfter }: ValidityInput): Validity {
  const issuedAt = Math.floor(now.getTime() / 1000)
  const start = eventStart(record)
  if (!Number.isFinite(start)) throw new IssueError('RECORD_INVALID', 'The national record has no usable event date.')
  const event = record.event
  const typeLimit =
    event.type === 'recovery' ? endOfDay(addDays(event.firstPositive, validityDays.recovery)) : start + validityDays[event.type] * DAY
  const limits = [typeLimit, Math.floor(dscNotAfter.getTime() / 1000)]
  if (record.expiresOn) limits.push(endOfDay(record.expiresOn))
  if (event.type === 'recovery') limits.push(endOfDay(recoveryValidUntil(event)))
  const expiresAt = Math.min(...limits.filter(Number.isFinite))
  if (expiresAt <= issuedAt) {
    throw new IssueError(
      'RECORD_EXPIRED',
      'The national certificate has expired or is past the validity an EU certificate of its type may have.',
    )
  }
  return { issuedAt, expiresAt }
}
