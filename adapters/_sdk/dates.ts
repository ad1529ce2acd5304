// Date helpers every adapter shares. Dates are calendar days as 'YYYY-MM-DD' strings; comparisons
// are string comparisons (ISO order), arithmetic goes through UTC so no time zone shifts a day.
import { AdapterError } from './errors.ts'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function validDay(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function malformedDate(): AdapterError {
  return new AdapterError('UPSTREAM_INVALID', 'The national service answered with an invalid date.')
}

/** 'dd.MM.yyyy' (Russian services) → 'YYYY-MM-DD'; anything else, or an impossible day, is UPSTREAM_INVALID. */
export function parseRuDate(text: string): string {
  const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text.trim())
  if (!match) throw malformedDate()
  const [, dd, mm, yyyy] = match as unknown as [string, string, string, string]
  if (!validDay(Number(yyyy), Number(mm), Number(dd))) throw malformedDate()
  return `${yyyy}-${mm}-${dd}`
}

/** True for a real calendar day written 'YYYY-MM-DD'. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text)
  return match !== null && validDay(Number(match[1]), Number(match[2]), Number(match[3]))
}

/** 'YYYY-MM-DD' → the same string, validated (UPSTREAM_INVALID otherwise). */
export function parseIsoDate(text: string): string {
  if (!isIsoDate(text)) throw malformedDate()
  return text
}

/** The UTC calendar day of an instant, 'YYYY-MM-DD'. */
export function isoDay(instant: Date): string {
  return instant.toISOString().slice(0, 10)
}

/** The calendar day `days` after (or before, when negative) an ISO day. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return isoDay(new Date(Date.UTC(y, m - 1, d + days)))
}

/** Whole days from `from` to `to` (both ISO days); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}
