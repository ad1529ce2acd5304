// Dose numbers as the EU expects them (`dn`/`sd`), counted over the holder's whole vaccination
// history. eHealth Network guidance (eu-dcc-overview FAQ, "create a valid DCC payload", and the
// value-set encoding instructions): a primary course is dn/sd with sd its number of doses (2, or 1 for
// single-dose vaccines); every dose after a completed primary course is a booster and is written as a
// further dose of the sequence with sd = dn (after 2/2 a booster is 3/3, after 1/1 it is 2/2). A
// national register that counts a new course from 1 (Moscow's revaccination "Sputnik Light 1/1")
// would otherwise read as a primary course and fall under primary-course acceptance limits.

/** One dose the register holds: EU medicinal product (mp) and date (YYYY-MM-DD). */
export interface DoseInHistory {
  readonly product: string
  readonly date: string
}

/** EU products whose primary course is one dose (Regulation (EU) 2021/953 annex; EMA and WHO EUL labels). */
const SINGLE_DOSE_PRIMARY: ReadonlySet<string> = new Set(['EU/1/20/1525', 'Sputnik-Light', 'Convidecia'])

/** Doses in the primary course of a product. */
export function primaryCourseDoses(product: string): number {
  return SINGLE_DOSE_PRIMARY.has(product) ? 1 : 2
}

/**
 * `dn`/`sd` of the dose at `index` of `history` (doses in date order; the same date keeps the given
 * order). The primary course is that of the first dose's product; later doses are boosters.
 */
export function euDoseNumbers(history: readonly DoseInHistory[], index = history.length - 1): { doseNumber: number; totalDoses: number } {
  const ordered = history
    .map((dose, position) => ({ dose, position }))
    .sort((a, b) => (a.dose.date < b.dose.date ? -1 : a.dose.date > b.dose.date ? 1 : a.position - b.position))
  const at = ordered.findIndex((entry) => entry.position === index)
  if (at < 0) throw new RangeError('no such dose in the history')
  const doseNumber = at + 1
  const primary = primaryCourseDoses(ordered[0]!.dose.product)
  return { doseNumber, totalDoses: Math.max(doseNumber, primary) }
}
