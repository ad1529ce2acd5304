// The QA report as the issue fixes it: { totals: { files, decoded, errors, warnings }, files: [ { path,
// country, decoded, checks: [ { code, severity, passed, message } ], acceptance } ] }, plus the
// per-check counts and the exit code (1 when any error-level check failed).
import { CATALOGUE } from './catalogue.ts'
import type { FileReport, QaReport, QaTotals } from './types.ts'

export function buildReport(files: readonly FileReport[]): QaReport {
  return { totals: totals(files), files }
}

export function totals(files: readonly FileReport[]): QaTotals {
  let errors = 0
  let warnings = 0
  for (const file of files)
    for (const check of file.checks) {
      if (check.passed) continue
      if (check.severity === 'error') errors++
      else warnings++
    }
  return { files: files.length, decoded: files.filter((file) => file.decoded).length, errors, warnings }
}

export interface CheckCount {
  readonly code: string
  readonly severity: string
  readonly passed: number
  readonly failed: number
}

/** Per check code: how many files passed and failed it, in catalogue order (codes never run left out). */
export function checkCounts(report: QaReport): CheckCount[] {
  const counts = new Map(CATALOGUE.map((d) => [d.code, { code: d.code, severity: d.severity, passed: 0, failed: 0 }]))
  for (const file of report.files)
    for (const check of file.checks) {
      const count = counts.get(check.code)
      if (!count) continue
      if (check.passed) count.passed++
      else count.failed++
    }
  return [...counts.values()].filter((c) => c.passed + c.failed > 0)
}

export function exitCode(report: QaReport): 0 | 1 {
  return report.totals.errors > 0 ? 1 : 0
}
