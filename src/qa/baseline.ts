// What changed since a previous JSON report: checks that now fail and passed before (or did not run),
// and checks that now pass and failed before, keyed by file path and check code.
import type { QaReport } from './types.ts'

export interface BaselineChange {
  readonly path: string
  readonly code: string
  readonly severity: string
  readonly message: string
}

export interface BaselineDiff {
  readonly newlyFailing: readonly BaselineChange[]
  readonly newlyPassing: readonly BaselineChange[]
}

/** Reads a previous report's JSON leniently: anything that is not the shape is an error for the caller. */
export function parseBaseline(json: unknown): QaReport {
  const files = typeof json === 'object' && json !== null ? (json as { files?: unknown }).files : undefined
  if (!Array.isArray(files)) throw new Error('the baseline is not a certbridge qa JSON report (no files array)')
  return json as QaReport
}

export function diffBaseline(previous: QaReport, current: QaReport): BaselineDiff {
  const before = new Map<string, boolean>()
  for (const file of previous.files) for (const c of file.checks ?? []) before.set(`${file.path}\u0000${c.code}`, c.passed)
  const newlyFailing: BaselineChange[] = []
  const newlyPassing: BaselineChange[] = []
  for (const file of current.files)
    for (const c of file.checks) {
      const was = before.get(`${file.path}\u0000${c.code}`)
      const change = { path: file.path, code: c.code, severity: c.severity, message: c.message }
      if (!c.passed && was !== false) newlyFailing.push(change)
      if (c.passed && was === false) newlyPassing.push(change)
    }
  return { newlyFailing, newlyPassing }
}

export function formatBaselineDiff(diff: BaselineDiff): string {
  const lines = [`since the baseline: ${diff.newlyFailing.length} newly failing, ${diff.newlyPassing.length} newly passing`]
  for (const c of diff.newlyFailing) lines.push(`  now failing: ${c.path}: ${c.code} (${c.severity}) ${c.message}`)
  for (const c of diff.newlyPassing) lines.push(`  now passing: ${c.path}: ${c.code}`)
  return lines.join('\n')
}
