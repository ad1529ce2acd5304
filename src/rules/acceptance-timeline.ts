// The timeline of acceptance.ts: the certificate's life, the instants where a rule may change its
// answer (rule ValidFrom/ValidTo, the certificate's dates shifted by the rules' plusTime amounts),
// and the windows merged from the answers at each instant and inside each gap between them.
import type { AcceptanceCertificate, AcceptanceWindow } from './acceptance-types.ts'
import type { Rule } from './types.ts'

const DAY = 86_400_000

interface Shift {
  readonly amount: number
  readonly unit: string
}

/** The certificate's life: from its iat (else its earliest date) to its CWT exp; bounds may be absent. */
export function lifetime(certificate: AcceptanceCertificate): { start?: number; end?: number } {
  const dates = payloadDates(certificate.payload)
  const start = certificate.iat?.getTime() ?? (dates.length > 0 ? Math.min(...dates) : undefined)
  const end = certificate.exp?.getTime()
  return {
    ...(start !== undefined && Number.isFinite(start) ? { start } : {}),
    ...(end !== undefined && Number.isFinite(end) ? { end } : {}),
  }
}

/** Instants where some rule may change its answer, sorted and distinct. */
export function cutPoints(rules: readonly Rule[], certificate: AcceptanceCertificate): number[] {
  const dates = payloadDates(certificate.payload)
  if (certificate.iat) dates.push(certificate.iat.getTime())
  if (certificate.exp) dates.push(certificate.exp.getTime())
  const shifts = new Map<string, Shift>([['0 day', { amount: 0, unit: 'day' }]])
  const points = new Set<number>()
  for (const rule of rules) {
    points.add(Date.parse(rule.ValidFrom))
    points.add(Date.parse(rule.ValidTo))
    collectShifts(rule.Logic, shifts)
  }
  const life = lifetime(certificate)
  if (life.start !== undefined) points.add(life.start)
  if (life.end !== undefined) points.add(life.end)
  for (const date of dates)
    for (const { amount, unit } of shifts.values()) {
      points.add(plusTime(date, amount, unit))
      points.add(plusTime(date, -amount, unit))
    }
  return [...points].filter((p) => Number.isFinite(p)).sort((a, b) => a - b)
}

/** CertLogic's plusTime on an instant: hours and days are fixed lengths, months and years calendar ones (UTC). */
function plusTime(time: number, amount: number, unit: string): number {
  const date = new Date(time)
  if (unit === 'hour') return time + amount * 3_600_000
  if (unit === 'day') return time + amount * DAY
  if (unit === 'month') return date.setUTCMonth(date.getUTCMonth() + amount)
  if (unit === 'year') return date.setUTCFullYear(date.getUTCFullYear() + amount)
  return Number.NaN
}

function collectShifts(node: unknown, shifts: Map<string, Shift>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectShifts(item, shifts)
    return
  }
  if (typeof node !== 'object' || node === null) return
  for (const [operator, args] of Object.entries(node)) {
    if (operator === 'plusTime' && Array.isArray(args) && typeof args[1] === 'number' && typeof args[2] === 'string') {
      shifts.set(`${Math.abs(args[1])} ${args[2]}`, { amount: Math.abs(args[1]), unit: args[2] })
    }
    collectShifts(args, shifts)
  }
}

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/
function payloadDates(payload: unknown): number[] {
  const found: number[] = []
  const walk = (value: unknown) => {
    if (typeof value === 'string' && DATE_TEXT.test(value)) {
      const time = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)
      if (!Number.isNaN(time)) found.push(time)
    } else if (Array.isArray(value)) value.forEach(walk)
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk)
  }
  walk(payload)
  return found
}

/** Merges the answers at each cut and inside each gap into windows of acceptance. */
export function windowsOf(cuts: readonly number[], acceptedAt: (clock: number) => boolean): AcceptanceWindow[] {
  // Segments in time order: before the first cut, then each cut and the gap after it.
  type Segment = { start: number | null; end: number | null; ok: boolean }
  const segments: Segment[] = []
  if (cuts.length === 0) return acceptedAt(Date.now()) ? [{ from: null, until: null }] : []
  segments.push({ start: null, end: cuts[0]! - 1, ok: acceptedAt(cuts[0]! - DAY) })
  cuts.forEach((cut, i) => {
    const next = cuts[i + 1]
    segments.push({ start: cut, end: cut, ok: acceptedAt(cut) })
    if (next === undefined) segments.push({ start: cut + 1, end: null, ok: acceptedAt(cut + DAY) })
    else if (next - cut > 1) segments.push({ start: cut + 1, end: next - 1, ok: acceptedAt(cut + Math.floor((next - cut) / 2)) })
  })
  const windows: AcceptanceWindow[] = []
  let open: Segment | undefined
  let last: Segment | undefined
  for (const segment of segments) {
    if (segment.ok && !open) open = segment
    if (!segment.ok && open) {
      windows.push(window(open.start, last!.end))
      open = undefined
    }
    last = segment
  }
  if (open) windows.push(window(open.start, last!.end))
  return windows
}

function window(start: number | null, end: number | null): AcceptanceWindow {
  return { from: start === null ? null : new Date(start).toISOString(), until: end === null ? null : new Date(end).toISOString() }
}

export function contains(window: AcceptanceWindow, at: number): boolean {
  return (window.from === null || Date.parse(window.from) <= at) && (window.until === null || at <= Date.parse(window.until))
}
