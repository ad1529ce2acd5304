// The QA report for the terminal: a row per certificate (errors, warnings, the failing checks and
// the countries that refuse it), then the count of each check over the run, then the totals.
import { checkCounts } from './report.ts'
import type { FileReport, QaReport } from './types.ts'

const MAX_CODES = 4

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length)
}

function table(rows: readonly string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)))
  return rows.map((row) =>
    row
      .map((cell, i) => pad(cell, widths[i]!))
      .join('  ')
      .trimEnd(),
  )
}

function failing(file: FileReport, severity: 'error' | 'warning'): string[] {
  return file.checks.filter((c) => !c.passed && c.severity === severity).map((c) => c.code)
}

function list(codes: readonly string[]): string {
  return codes.length <= MAX_CODES ? codes.join(' ') : `${codes.slice(0, MAX_CODES).join(' ')} +${codes.length - MAX_CODES}`
}

export function formatQaTable(report: QaReport): string {
  const rows = [['file', 'decoded', 'errors', 'warnings', 'failed checks', 'refused by']]
  for (const file of report.files) {
    const errors = failing(file, 'error')
    const warnings = failing(file, 'warning')
    const refused = Object.values(file.acceptance)
      .filter((a) => !a.accepted)
      .map((a) => a.country)
    rows.push([
      file.path,
      file.decoded ? 'yes' : 'NO',
      String(errors.length),
      String(warnings.length),
      list([...errors, ...warnings]) || '-',
      refused.join(' ') || '-',
    ])
  }
  return table(rows).join('\n')
}

export function formatCheckCounts(report: QaReport): string {
  const rows = [['check', 'severity', 'passed', 'failed']]
  for (const count of checkCounts(report)) rows.push([count.code, count.severity, String(count.passed), String(count.failed)])
  return table(rows).join('\n')
}

export function formatTotals(report: QaReport): string {
  const t = report.totals
  const noun = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`
  return `${noun(t.files, 'certificate', 'certificates')}, ${t.decoded} decoded; ${noun(t.errors, 'error', 'errors')}, ${noun(t.warnings, 'warning', 'warnings')}`
}
