// Human output of a conformance run: a per-country table, totals, exclusions and the misses.
import type { ConformanceReport } from './runner.ts'

export function formatReport(report: ConformanceReport): string {
  const lines = ['country   passed  failed']
  for (const country of Object.keys(report.byCountry).sort()) {
    const { passed, failed } = report.byCountry[country]!
    lines.push(`${country.padEnd(8)}  ${String(passed).padStart(6)}  ${String(failed).padStart(6)}`)
  }
  const rate = report.expectations === 0 ? 0 : (100 * report.passed) / report.expectations
  lines.push(
    '',
    `files ${report.files}, expectations ${report.expectations}, passed ${report.passed}, failed ${report.failed} (${rate.toFixed(2)}% met)`,
  )
  if (report.excluded.length > 0) {
    lines.push('', `excluded (${report.excluded.length} files):`)
    for (const { file, reason } of report.excluded) lines.push(`  ${file}: ${reason}`)
  }
  const misses = report.outcomes.filter((o) => !o.passed && !o.excludedBecause)
  if (misses.length > 0) {
    lines.push('', 'misses:')
    for (const o of misses) lines.push(`  ${o.file} ${o.flag}: expected ${o.expected}, got ${o.actual}`)
  }
  return lines.join('\n')
}

/** The --json shape: the report without the per-expectation outcomes. */
export function reportJson(report: ConformanceReport): object {
  const { outcomes: _outcomes, ...summary } = report
  return summary
}
