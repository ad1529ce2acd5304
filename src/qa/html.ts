// The QA report as one self-contained HTML page (inline CSS, no scripts): a summary, the per-check
// counts, then a section per certificate with its QR picture beside its failed checks and the
// countries' acceptance (windows, failing rules with their descriptions and failing logic).
// Pass and fail are said in words as well as colours.
import { toBase64 } from '../platform/bytes.ts'
import type { CountryAcceptance } from '../rules/acceptance.ts'
import { escapeHtml } from '../platform/html.ts'
import { definition } from './catalogue.ts'
import { checkCounts } from './report.ts'
import { formatTotals } from './table.ts'
import type { FileReport, QaReport } from './types.ts'

/** A picture to show beside a certificate's result: its MIME type and bytes. */
export interface Picture {
  readonly type: 'image/png' | 'image/jpeg'
  readonly bytes: Uint8Array
}

const CSS = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1a1a1a;background:#fff}
h1{font-size:1.4rem}h2{font-size:1.05rem;margin:0 0 .4rem;overflow-wrap:anywhere}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #888;padding:.2rem .45rem;text-align:left;vertical-align:top}
thead th{background:#eee}.code{white-space:nowrap;font-family:ui-monospace,monospace}
.file{display:flex;gap:1rem;border-top:1px solid #ccc;padding:.8rem 0}.file img{width:160px;height:auto;image-rendering:pixelated;flex:none}
.error{color:#7a0d0a;font-weight:600}.warning{color:#6b4a00}.ok{color:#0b4d12}
.error::before{content:"\\2717\\00a0"}.warning::before{content:"!\\00a0"}.ok::before{content:"\\2713\\00a0"}
small{color:#444}`

function day(iso: string | null): string {
  return iso === null ? 'open' : iso.replace(/T00:00:00\.000Z$/, '').replace(/\.\d{3}Z$/, 'Z')
}

function acceptanceRows(acceptance: Readonly<Record<string, CountryAcceptance>>): string {
  const rows = Object.values(acceptance).map((a) => {
    const windows = a.windows.map((w) => `${day(w.from)} – ${day(w.until)}`).join('<br>') || 'never'
    const rules = a.failing
      .map(
        (f) =>
          `<li><span class="code">${escapeHtml(f.identifier)}</span> ${escapeHtml(f.description.text)}${f.description.fallback ? ` <small>(${escapeHtml(f.description.language)}: not available in the asked language)</small>` : ''}<br><small>failing: <code>${escapeHtml(f.failingLogic)}</code></small></li>`,
      )
      .join('')
    const status = a.accepted
      ? '<span class="ok">accepted</span>'
      : `<span class="error">refused${a.outside ? ` (${a.outside === 'EXPIRED' ? 'expired' : 'not yet issued'})` : ''}</span>`
    return `<tr><th scope="row">${escapeHtml(a.country)}</th><td>${status}</td><td>${windows}</td><td>${rules ? `<ul>${rules}</ul>` : ''}</td></tr>`
  })
  if (rows.length === 0) return ''
  return `<table><caption>Business rules</caption><thead><tr><th scope="col">Country</th><th scope="col">At the clock</th><th scope="col">Accepted from – until</th><th scope="col">Failing rules</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

function fileSection(file: FileReport, picture: Picture | undefined): string {
  const failed = file.checks.filter((c) => !c.passed)
  const items = failed
    .map((c) => `<li class="${c.severity}"><span class="code">${escapeHtml(c.code)}</span> ${escapeHtml(c.message)}</li>`)
    .join('')
  const image = picture
    ? `<img alt="QR code of ${escapeHtml(file.path)}" src="data:${picture.type};base64,${toBase64(picture.bytes)}">`
    : ''
  const summary = failed.length === 0 ? `<p class="ok">all ${file.checks.length} checks passed</p>` : `<ul>${items}</ul>`
  return `<section class="file">${image}<div><h2>${escapeHtml(file.path)}</h2><p>${file.country ? `claimed country ${escapeHtml(file.country)}; ` : ''}${file.decoded ? 'decoded' : '<span class="error">not decoded</span>'}; ${file.checks.length - failed.length} of ${file.checks.length} checks passed</p>${summary}${acceptanceRows(file.acceptance)}</div></section>`
}

export function renderQaHtml(report: QaReport, pictures: ReadonlyMap<string, Picture> = new Map()): string {
  const counts = checkCounts(report)
    .map(
      (c) =>
        `<tr><th scope="row" class="code">${escapeHtml(c.code)}</th><td>${c.severity}</td><td>${c.passed}</td><td>${c.failed}</td><td>${escapeHtml(definition(c.code).explanation)}</td></tr>`,
    )
    .join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>certbridge QA report</title><style>${CSS}</style></head>
<body><main>
<h1>certbridge QA report</h1>
<p>${escapeHtml(formatTotals(report))}.</p>
<table><caption>Checks over the run</caption><thead><tr><th scope="col">Check</th><th scope="col">Severity</th><th scope="col">Passed</th><th scope="col">Failed</th><th scope="col">What it checks</th></tr></thead><tbody>${counts}</tbody></table>
${report.files.map((file) => fileSection(file, pictures.get(file.path))).join('\n')}
</main></body></html>
`
}
