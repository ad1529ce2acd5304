// The matrix as plain text for the terminal: one row per sample, one column per verifier and per
// arrival country. A cell is VALID/PASS, or the verifier's code / the first failing rule's identifier
// ("+2" when two more rules of that country failed too; --json and --html list them all).
import type { HarnessReport, SampleRow } from './report.ts'

function countryCell(row: SampleRow, country: string): string {
  const cell = row.countries[country] ?? '?'
  const more = (row.failedRules[country]?.length ?? 0) - 1
  return more > 0 ? `${cell}+${more}` : cell
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length)
}

export function formatMatrix(report: HarnessReport): string {
  const header = ['sample', 'type', ...report.verifiers, ...report.countries]
  const body = report.samples.map((row) => [
    row.sample,
    row.doses ? `${row.type} ${row.doses}` : row.type,
    ...report.verifiers.map((v) => row.verifiers[v] ?? '?'),
    ...report.countries.map((c) => countryCell(row, c)),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i]!.length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => pad(cell, widths[i]!))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n')
}

export function formatSummary(report: HarnessReport): string {
  const c = report.conformance
  const lines = [
    c.ran
      ? `EU conformance vectors through the verifier: ${c.passed} passed, ${c.failed} failed (${c.excluded} known issues set apart, ${c.timeNotTested} valid vectors rejected for time they do not test, ${c.skipped} skipped)`
      : 'EU conformance vectors: not run (no dgc-testdata directory)',
    ...c.misses.map((m) => `  miss: ${m.file}: expected ${m.expected}, verifier answered ${m.status}`),
    `certificates issued: ${report.samples.length}; issuable samples refused: ${report.issuanceFailures.length}`,
    ...report.issuanceFailures.map((f) => `  refused: ${f.sample}: ${f.status} ${f.code}`),
    `verifiers at ${report.verifiedAt}; rules of ${report.rulesAt === 'iat' ? 'each certificate’s issuance date' : report.rulesAt}, evaluated at max(rules date, iat)`,
  ]
  const described = new Map<string, string>()
  for (const row of report.samples)
    for (const failures of Object.values(row.failedRules))
      for (const f of failures) if (f.description) described.set(f.identifier, f.description)
  if (described.size > 0) {
    lines.push('failing rules:')
    for (const [identifier, description] of [...described].sort(([a], [b]) => (a < b ? -1 : 1)))
      lines.push(`  ${identifier}: ${description}`)
  }
  const rejected = report.samples.flatMap((row) =>
    Object.entries(row.verifiers)
      .filter(([, v]) => v !== 'VALID')
      .map(([name, v]) => `  REJECTED by ${name}: ${row.sample}: ${v}`),
  )
  if (rejected.length > 0) lines.push(...rejected)
  return lines.join('\n')
}
