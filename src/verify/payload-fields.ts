// Small, defensive readers of a decoded (possibly untrusted) DCC payload and CWT dates.

/** The certificate identifier `ci` of the payload's single v/t/r entry, when present. */
export function certificateIdentifier(payload: unknown): string | undefined {
  if (payload === null || typeof payload !== 'object') return undefined
  for (const group of ['v', 't', 'r']) {
    const entries = (payload as Record<string, unknown>)[group]
    if (!Array.isArray(entries)) continue
    const first: unknown = entries[0]
    if (first !== null && typeof first === 'object') {
      const ci = (first as Record<string, unknown>).ci
      if (typeof ci === 'string') return ci
    }
  }
  return undefined
}

/** Seconds since the epoch → Date, or undefined when absent or outside the range of Date. */
export function dateOfSeconds(seconds: number | undefined): Date | undefined {
  if (seconds === undefined) return undefined
  const date = new Date(seconds * 1000)
  return Number.isNaN(date.getTime()) ? undefined : date
}
