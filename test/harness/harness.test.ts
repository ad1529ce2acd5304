// `certbridge harness --quick` end to end, as `npm test` runs it: a few EU vectors, two issuable samples
// per adapter issued by the real service over HTTP, three verifiers and two countries (EU, DE). The
// JSON and HTML files are read back; then a run with --at 2022-01-15 shows the two clocks.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { adapters as registered } from '../../adapters/registry.ts'
import { run } from '../../tools/harness/cli.ts'
import type { HarnessReport } from '../../tools/harness/report.ts'
import { QUICK_SAMPLES_PER_ADAPTER } from '../../tools/harness/run.ts'
import { testdataPath } from '../shared.ts'

const dir = mkdtempSync(join(tmpdir(), 'certbridge-harness-test-'))
const jsonFile = join(dir, 'matrix.json')
const htmlFile = join(dir, 'matrix.html')
let code: number
let report: HarnessReport
let stdout = ''

async function quiet<T>(fn: () => Promise<T>): Promise<T> {
  const log = vi.spyOn(console, 'log').mockImplementation((...args) => void (stdout += `${args.join(' ')}\n`))
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
  try {
    return await fn()
  } finally {
    log.mockRestore()
    err.mockRestore()
  }
}

beforeAll(async () => {
  code = await quiet(() =>
    run([
      '--quick',
      '--vectors',
      testdataPath('dgc-testdata'),
      '--rules',
      testdataPath('business-rules'),
      '--json',
      jsonFile,
      '--html',
      htmlFile,
    ]),
  )
  report = JSON.parse(readFileSync(jsonFile, 'utf8')) as HarnessReport
}, 30_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('certbridge harness --quick', () => {
  it('exits 0 and writes the JSON in the documented shape', () => {
    expect(code).toBe(0)
    expect(report.conformance).toMatchObject({ ran: true, passed: expect.any(Number), failed: expect.any(Number) })
    expect(report.conformance.passed).toBeGreaterThan(10)
    expect(report.conformance.failed).toBe(0)
    expect(report.countries).toEqual(['EU', 'DE'])
    expect(report.verifiers).toEqual(['certbridge', 'dcc-utils', 'cose-js'])
    expect(report.samples.length).toBe(registered.length * QUICK_SAMPLES_PER_ADAPTER)
    expect(new Set(report.samples.map((s) => s.adapter))).toEqual(new Set(registered.map((a) => a.id)))
    for (const row of report.samples) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['adapter', 'sample', 'type', 'uvci', 'verifiers', 'countries']))
      expect(row.uvci).toMatch(/^URN:UVCI:01:[A-Z]{2}:[0-9A-Z/]+#[0-9A-Z/:]$/) // Luhn mod 38 alphabet
      expect(row.type).toBe('vaccination')
      // The dose as the certificate encodes it, shown beside the type (a booster after 2/2 reads 3/3).
      expect(row.doses).toMatch(/^\d\/\d$/)
      expect(stdout).toContain(`vaccination ${row.doses}`)
      expect(Object.keys(row.countries).sort()).toEqual(['DE', 'EU'])
      for (const cell of Object.values(row.countries)) expect(cell).toMatch(/^(PASS|[A-Z]{2}-[A-Z]{2}-\d{4})$/)
    }
  })

  it('every certificate we issued is VALID for every verifier', () => {
    for (const row of report.samples)
      expect(row.verifiers, row.sample).toEqual({ certbridge: 'VALID', 'dcc-utils': 'VALID', 'cose-js': 'VALID' })
  })

  it('Sputnik V fails the EU vaccine list VR-EU-0001 and the German list, and the failure is named', () => {
    const sputnik = report.samples.filter((s) => s.sample.includes('Sputnik V'))
    expect(sputnik.length).toBeGreaterThanOrEqual(2)
    for (const row of sputnik) {
      expect(row.countries.EU).toBe('VR-EU-0001')
      expect(row.failedRules.EU).toEqual([
        { identifier: 'VR-EU-0001', result: 'FAIL', description: expect.stringContaining('approved by the EMA') },
      ])
      expect(row.countries.DE).toMatch(/^VR-DE-/)
    }
  })

  it('an EMA-approved complete course passes both rule sets', () => {
    const astra = report.samples.find((s) => s.sample.includes('AstraZeneca'))!
    expect(astra.countries).toEqual({ EU: 'PASS', DE: 'PASS' })
    expect(astra.rulesEvaluated.EU).toBeGreaterThan(0)
  })

  it('evaluates the rules at the issuance time by default', () => {
    expect(report.rulesAt).toBe('iat')
    for (const row of report.samples) expect(row.validationClock).toBe(row.iat)
  })

  it('prints the matrix on stdout', () => {
    expect(stdout).toMatch(/sample\s+type\s+certbridge\s+dcc-utils\s+cose-js\s+EU\s+DE/)
    expect(stdout).toMatch(/Sputnik V 2\/2\s+vaccination 2\/2\s+VALID\s+VALID\s+VALID\s+VR-EU-0001/)
  })

  it('writes a self-contained, accessible HTML page', () => {
    const html = readFileSync(htmlFile, 'utf8')
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('<caption>')
    expect(html).toContain('<th scope="col">Verifier: dcc-utils</th>')
    expect(html).toContain('<th scope="col">Rules: EU</th>')
    expect(html).toMatch(/<th scope="row">ru-gosuslugi v2 vaccination, Sputnik V 2\/2/)
    expect(html).toContain('<li><span class="rule">VR-EU-0001</span><span class="desc">Only vaccines in the allowed valueset')
    expect(html).not.toMatch(/<script|<link|src=/i)
  })
})

describe('certbridge harness --at', () => {
  it('picks the rules in force at that date and evaluates them when the certificate exists', async () => {
    const file = join(dir, 'at.json')
    const exit = await quiet(() =>
      run(['--quick', '--vectors', testdataPath('dgc-testdata'), '--at', '2022-01-15', '--countries', 'eu', '--json', file]),
    )
    expect(exit).toBe(0)
    const at = JSON.parse(readFileSync(file, 'utf8')) as HarnessReport
    expect(at.rulesAt).toBe('2022-01-15T12:00:00.000Z')
    expect(at.countries).toEqual(['EU'])
    for (const row of at.samples) expect(row.validationClock).toBe(row.iat) // issued after 2022: clock = iat
    expect(at.samples.find((s) => s.sample.includes('Sputnik V'))?.countries.EU).toBe('VR-EU-0001')
  }, 20_000)

  it('answers 2 for usage errors', async () => {
    expect(await quiet(() => run(['--at', 'yesterday']))).toBe(2)
    expect(await quiet(() => run(['--countries', 'XY', '--quick']))).toBe(2)
    expect(await quiet(() => run(['--bogus']))).toBe(2)
    expect(await quiet(() => run(['--quick', '--rules', dir]))).toBe(2) // a directory without rules or value sets
  })
})
