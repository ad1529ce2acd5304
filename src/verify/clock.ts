// The validation clock as callers give it: an ISO 8601 date-time with a zone (Z or ±hh:mm), or a
// plain date meaning its midnight UTC. Anything else is refused rather than guessed.
export const CLOCK_PATTERN = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/

/** The Date of an ISO text, or undefined when the text is not such a date. */
export function parseClock(text: string): Date | undefined {
  const trimmed = text.trim()
  if (!CLOCK_PATTERN.test(trimmed)) return undefined
  // Date rolls 2021-02-30 over to March: the calendar day itself must exist.
  const day = trimmed.slice(0, 10)
  const midnight = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(midnight.getTime()) || midnight.toISOString().slice(0, 10) !== day) return undefined
  const date = trimmed.length === 10 ? midnight : new Date(trimmed)
  return Number.isNaN(date.getTime()) ? undefined : date
}
