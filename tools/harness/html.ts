// The matrix as one self-contained HTML page: inline CSS, no scripts, a table with a caption and
// scope headers. Pass and fail are said in words and marked with a symbol as well as a colour, so the
// page reads the same without colour and in a screen reader.
import { escapeHtml } from '../../src/platform/html.ts'
import type { HarnessReport, SampleRow } from './report.ts'

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1a1a1a;background:#fff}
h1{font-size:1.4rem}table{border-collapse:collapse;margin:1rem 0}
caption{text-align:left;font-weight:600;padding:.4rem 0;caption-side:top}
th,td{border:1px solid #888;padding:.25rem .45rem;vertical-align:top;text-align:left}
thead th{background:#eee;position:sticky;top:0}tbody th{font-weight:normal;white-space:nowrap}
.pass{background:#dff3e0;color:#0b4d12}.fail{background:#fde2e1;color:#7a0d0a;font-weight:600}
.pass::before{content:"\\2713\\00a0"}.fail::before{content:"\\2717\\00a0"}
.note{color:#444;max-width:60rem}code{font-size:.95em}ul{margin:.2rem 0;padding-left:1.2rem}
.rule{white-space:nowrap;font-weight:600}.desc{font-weight:normal;display:block;min-width:14rem}
@media print{thead th{position:static}}`

function cell(ok: boolean, text: string, title?: string): string {
  return `<td class="${ok ? 'pass' : 'fail'}"${title ? ` title="${escapeHtml(title)}"` : ''}>${escapeHtml(text)}</td>`
}

function countryCell(row: SampleRow, country: string): string {
  const failures = row.failedRules[country] ?? []
  const evaluated = row.rulesEvaluated[country] ?? 0
  if (failures.length === 0) return cell(true, 'PASS', rulesEvaluated(evaluated))
  const items = failures
    .map(
      (f) =>
        `<li><span class="rule">${escapeHtml(f.identifier)}</span>${f.result === 'OPEN' ? ' (could not be evaluated)' : ''}${f.description ? `<span class="desc">${escapeHtml(f.description)}</span>` : ''}</li>`,
    )
    .join('')
  return `<td class="fail">fails:<ul>${items}</ul></td>`
}

/** "1 rule evaluated", "3 rules evaluated". */
export function rulesEvaluated(count: number): string {
  return `${count} ${count === 1 ? 'rule' : 'rules'} evaluated`
}

function conformanceText(report: HarnessReport): string {
  const c = report.conformance
  if (!c.ran) return '<p>EU conformance vectors: not run (no dgc-testdata directory).</p>'
  const misses = c.misses
    .map(
      (m) =>
        `<li><code>${escapeHtml(m.file)}</code>: expected ${escapeHtml(m.expected)}, the verifier answered <code>${escapeHtml(m.status)}</code></li>`,
    )
    .join('')
  return `<p>EU conformance vectors through the project's verifier (EU → bridge): <strong>${c.passed} passed, ${c.failed} failed</strong>; ${c.excluded} misses on vectors recorded as wrong by their maintainers set apart, ${c.timeNotTested} valid vectors rejected for time they do not test, ${c.skipped} skipped.</p>${misses ? `<ul>${misses}</ul>` : ''}`
}

export function renderHtml(report: HarnessReport): string {
  const head = [
    '<th scope="col">Sample</th>',
    '<th scope="col">Type</th>',
    ...report.verifiers.map((v) => `<th scope="col">Verifier: ${escapeHtml(v)}</th>`),
    ...report.countries.map((c) => `<th scope="col">Rules: ${escapeHtml(c)}</th>`),
  ].join('')
  const rows = report.samples
    .map((row) => {
      const verifiers = report.verifiers.map((v) => cell(row.verifiers[v] === 'VALID', row.verifiers[v] ?? 'not run')).join('')
      const countries = report.countries.map((c) => countryCell(row, c)).join('')
      return `<tr><th scope="row">${escapeHtml(row.sample)}<br><small>${escapeHtml(row.uvci)}</small></th><td>${escapeHtml(row.doses ? `${row.type} ${row.doses}` : row.type)}</td>${verifiers}${countries}</tr>`
    })
    .join('\n')
  const refused = report.issuanceFailures
    .map((f) => `<li>${escapeHtml(f.sample)}: HTTP ${f.status} <code>${escapeHtml(f.code)}</code></li>`)
    .join('')
  const rulesAt = report.rulesAt === 'iat' ? 'each certificate’s issuance time' : escapeHtml(report.rulesAt)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>certbridge mutual-recognition matrix</title><style>${CSS}</style></head>
<body><main>
<h1>certbridge mutual-recognition matrix</h1>
${conformanceText(report)}
<p class="note">Certificates issued by the service in sandbox mode (test keys, not valid for travel) through its HTTP API, verified at ${escapeHtml(report.verifiedAt)} by each verifier against the keys the service publishes, and evaluated against the business rules of each arrival country in force at ${rulesAt}, with the validation clock at the later of that date and the certificate's issuance. A failing cell names every rule that does not pass.</p>
${refused ? `<p>Issuable samples the service refused:</p><ul>${refused}</ul>` : ''}
<table>
<caption>Verifiers and arrival countries (columns) for each issued certificate (rows): ✓ PASS / VALID, ✗ a failure code or the failing rules</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody></table>
</main></body></html>
`
}
