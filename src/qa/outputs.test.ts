// The report's shapes: the JSON of the issue, JUnit cases per file and check, the baseline diff, the
// terminal table and the HTML page; and the claims a folder layout makes.
import { describe, expect, it } from 'vitest'
import { diffBaseline, formatBaselineDiff, parseBaseline } from './baseline.ts'
import { check } from './catalogue.ts'
import { renderQaHtml } from './html.ts'
import { claimsOf } from '../runtime/node/qa/inputs.ts'
import { renderJunit } from './junit.ts'
import { buildReport, checkCounts, exitCode } from './report.ts'
import { formatQaTable, formatTotals } from './table.ts'
import type { FileReport } from './types.ts'

const good: FileReport = {
  path: 'VN/1.3.0/good.png',
  country: 'VN',
  decoded: true,
  checks: [check('DECODE_PREFIX', true, 'starts with HC1:'), check('UVCI_CHECKSUM', false, 'no check character')],
  acceptance: {
    DE: {
      country: 'DE',
      accepted: false,
      from: null,
      until: null,
      windows: [],
      rulesEvaluated: 4,
      failing: [
        {
          identifier: 'VR-DE-0002',
          version: '1.0.0',
          type: 'Acceptance',
          country: 'DE',
          description: { text: 'Only EU vaccines <b>', language: 'en', fallback: false },
          result: 'FAIL',
          failingLogic: 'payload.v.0.mp in ["EU/1/20/1528"]',
        },
      ],
    },
    NL: {
      country: 'NL',
      accepted: true,
      from: '2021-09-02T00:00:00.000Z',
      until: '2022-09-01T00:00:00.000Z',
      windows: [{ from: '2021-09-02T00:00:00.000Z', until: '2022-09-01T00:00:00.000Z' }],
      rulesEvaluated: 0,
      failing: [],
    },
  },
}
const bad: FileReport = {
  path: 'VN/1.3.0/bad.txt',
  country: 'VN',
  decoded: false,
  checks: [check('DECODE_PREFIX', false, 'the text starts with "HC2:", not "HC1:"')],
  acceptance: {},
}

describe('JSON report', () => {
  it('has the shape of the issue and counts failed checks by severity', () => {
    const report = JSON.parse(JSON.stringify(buildReport([good, bad])))
    expect(report.totals).toEqual({ files: 2, decoded: 1, errors: 1, warnings: 1 })
    expect(Object.keys(report.files[0])).toEqual(['path', 'country', 'decoded', 'checks', 'acceptance'])
    expect(report.files[0].checks[0]).toEqual({ code: 'DECODE_PREFIX', severity: 'error', passed: true, message: 'starts with HC1:' })
    expect(report.files[0].acceptance.NL).toMatchObject({
      accepted: true,
      from: '2021-09-02T00:00:00.000Z',
      until: '2022-09-01T00:00:00.000Z',
    })
    expect(exitCode(buildReport([good]))).toBe(0)
    expect(exitCode(buildReport([good, bad]))).toBe(1)
    expect(checkCounts(buildReport([good, bad]))).toEqual([
      { code: 'DECODE_PREFIX', severity: 'error', passed: 1, failed: 1 },
      { code: 'UVCI_CHECKSUM', severity: 'warning', passed: 0, failed: 1 },
    ])
  })
})

describe('JUnit', () => {
  it('gives a test case per file and check; errors fail, warnings pass with the warning', () => {
    const xml = renderJunit(buildReport([good, bad]))
    expect(xml).toContain('<testsuites name="certbridge qa" tests="3" failures="1">')
    expect(xml).toContain(
      '<testcase classname="VN/1.3.0/good.png" name="UVCI_CHECKSUM"><system-out>warning: no check character</system-out></testcase>',
    )
    expect(xml).toContain('<failure type="error" message="the text starts with &quot;HC2:&quot;, not &quot;HC1:&quot;">')
  })
})

describe('baseline', () => {
  it('tells newly failing and newly passing checks apart', () => {
    const before = parseBaseline(JSON.parse(JSON.stringify(buildReport([good, { ...bad, checks: [check('DECODE_PREFIX', true, 'ok')] }]))))
    const now = buildReport([{ ...good, checks: [check('DECODE_PREFIX', true, 'ok'), check('UVCI_CHECKSUM', true, 'ok')] }, bad])
    const diff = diffBaseline(before, now)
    expect(diff.newlyFailing.map((c) => `${c.path} ${c.code}`)).toEqual(['VN/1.3.0/bad.txt DECODE_PREFIX'])
    expect(diff.newlyPassing.map((c) => `${c.path} ${c.code}`)).toEqual(['VN/1.3.0/good.png UVCI_CHECKSUM'])
    expect(formatBaselineDiff(diff)).toMatch(/^since the baseline: 1 newly failing, 1 newly passing/)
    expect(() => parseBaseline({ totals: {} })).toThrow(/not a certbridge qa JSON report/)
  })
})

describe('terminal and HTML', () => {
  it('lists each file with its failing checks and refusing countries, and the totals in words', () => {
    const table = formatQaTable(buildReport([good, bad]))
    expect(table.split('\n')[1]).toMatch(/^VN\/1\.3\.0\/good\.png\s+yes\s+0\s+1\s+UVCI_CHECKSUM\s+DE$/)
    expect(formatTotals(buildReport([bad]))).toBe('1 certificate, 0 decoded; 1 error, 0 warnings')
  })

  it('shows the picture beside the result, rule descriptions and windows, escaped and self-contained', () => {
    const html = renderQaHtml(
      buildReport([good, bad]),
      new Map([['VN/1.3.0/good.png', { type: 'image/png', bytes: Uint8Array.of(1, 2, 3) }]]),
    )
    expect(html).toContain('<img alt="QR code of VN/1.3.0/good.png" src="data:image/png;base64,AQID">')
    expect(html).toContain('Only EU vaccines &lt;b&gt;')
    expect(html).toContain('2021-09-02 – 2022-09-01')
    expect(html).toContain('<td>The text starts with the context identifier &quot;HC1:&quot;.</td>')
    expect(html).not.toMatch(/<script|<link|https?:\/\//i)
  })
})

describe('claims from the folder layout', () => {
  it('reads <CC>/<schema version>/<file>, and a test vector tree by its country', () => {
    expect(claimsOf('/qa/VN/1.3.0/cert.png', '/qa')).toEqual({ country: 'VN', version: '1.3.0' })
    expect(claimsOf('/data/dgc/DE/2DCode/raw/1.json', '/data/dgc')).toEqual({ country: 'DE' })
    expect(claimsOf('/data/dgc/DE/2DCode/raw/1.json', '/data/dgc/DE')).toEqual({ country: 'DE' })
    expect(claimsOf('qa/UA/1.3.0/cert.png', '')).toEqual({ country: 'UA', version: '1.3.0' })
    expect(claimsOf('/tmp/cert.png', '')).toEqual({})
  })
})
