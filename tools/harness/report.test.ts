// Exit code, text matrix and HTML page of a report, on a small hand-made report.
import { describe, expect, it } from 'vitest'
import { escapeHtml } from '../../src/platform/html.ts'
import { renderHtml, rulesEvaluated } from './html.ts'
import { exitCode, rejections, type HarnessReport, type SampleRow } from './report.ts'
import { formatMatrix, formatSummary } from './table.ts'

const sputnik: SampleRow = {
  adapter: 'ru-mos',
  sample: 'ru-mos vaccination, Sputnik V 1/2 <b>',
  type: 'vaccination',
  uvci: 'URN:UVCI:01:RU:ABC#1',
  verifiers: { certbridge: 'VALID', 'dcc-utils': 'VALID' },
  countries: { EU: 'VR-EU-0000', DE: 'PASS' },
  failedRules: {
    EU: [
      { identifier: 'VR-EU-0000', result: 'FAIL', description: 'Only one vaccination <entry>' },
      { identifier: 'VR-EU-0001', result: 'OPEN' },
    ],
  },
  rulesEvaluated: { EU: 3, DE: 0 },
  iat: '2026-11-24T10:00:00.000Z',
  validationClock: '2026-11-24T10:00:00.000Z',
}

function report(rows: SampleRow[], refused = 0): HarnessReport {
  return {
    conformance: {
      ran: true,
      passed: 10,
      failed: 1,
      excluded: 2,
      timeNotTested: 0,
      skipped: 0,
      misses: [{ file: 'common/2DCode/raw/Z2.json', expected: 'rejected', status: 'VALID' }],
    },
    samples: rows,
    verifiers: ['certbridge', 'dcc-utils'],
    countries: ['EU', 'DE'],
    verifiedAt: '2026-11-24T10:00:01.000Z',
    rulesAt: 'iat',
    rulesDir: '/rules',
    issuanceFailures: Array.from({ length: refused }, () => ({ adapter: 'vn-qr', sample: 'x', status: 500, code: 'INTERNAL' })),
    quick: true,
    durationMs: 1,
  }
}

describe('exit code', () => {
  it('is 0 when every verifier accepted every certificate, whatever the rules say', () => {
    expect(exitCode(report([sputnik]))).toBe(0)
  })

  it('is 1 when a verifier rejected a certificate we issued, or an issuable sample was refused', () => {
    const rejected = { ...sputnik, verifiers: { certbridge: 'VALID', 'dcc-utils': 'SIGNATURE_INVALID' } }
    expect(rejections(report([rejected]))).toEqual([{ sample: sputnik.sample, verifier: 'dcc-utils', code: 'SIGNATURE_INVALID' }])
    expect(exitCode(report([rejected]))).toBe(1)
    expect(exitCode(report([sputnik], 1))).toBe(1)
  })
})

describe('text matrix', () => {
  it('shows verifier codes and the first failing rule with the count of the others', () => {
    const text = formatMatrix(report([sputnik]))
    const [header, , line] = text.split('\n')
    expect(header).toMatch(/^sample\s+type\s+certbridge\s+dcc-utils\s+EU\s+DE$/)
    expect(line).toMatch(/VALID\s+VALID\s+VR-EU-0000\+1\s+PASS$/)
    expect(formatSummary(report([sputnik]))).toContain('miss: common/2DCode/raw/Z2.json: expected rejected, verifier answered VALID')
    expect(formatSummary(report([sputnik]))).toContain('failing rules:\n  VR-EU-0000: Only one vaccination <entry>')
  })
})

describe('HTML page', () => {
  const html = renderHtml(report([sputnik]))

  it('is self-contained: inline CSS, no scripts or external resources', () => {
    expect(html).toMatch(/<style>[\s\S]+<\/style>/)
    expect(html).not.toMatch(/<script|<link|src=|url\(/i)
  })

  it('has a caption, column and row headers, and says pass and fail in words', () => {
    expect(html).toContain('<caption>')
    expect(html).toContain('<th scope="col">Rules: EU</th>')
    expect(html).toContain('<th scope="row">ru-mos vaccination, Sputnik V 1/2 &lt;b&gt;')
    expect(html).toContain(
      '<td class="fail">fails:<ul><li><span class="rule">VR-EU-0000</span><span class="desc">Only one vaccination &lt;entry&gt;</span></li><li><span class="rule">VR-EU-0001</span> (could not be evaluated)</li></ul></td>',
    )
    expect(html).toContain('<td class="pass" title="0 rules evaluated">PASS</td>')
    // Identifiers never break across lines.
    expect(html).toMatch(/\.rule\{white-space:nowrap/)
  })

  it('counts evaluated rules in correct grammar', () => {
    expect(rulesEvaluated(1)).toBe('1 rule evaluated')
    expect(rulesEvaluated(2)).toBe('2 rules evaluated')
    const one = renderHtml(report([{ ...sputnik, failedRules: {}, rulesEvaluated: { EU: 1, DE: 1 } }]))
    expect(one).toContain('<td class="pass" title="1 rule evaluated">PASS</td>')
    expect(html).toContain('<td class="pass">VALID</td>')
  })

  it('escapes text', () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;')
  })
})
