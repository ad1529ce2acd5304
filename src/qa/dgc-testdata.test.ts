// Every EU conformance vector of dgc-testdata through the QA checks, with its own DSC and clock:
// every 2DCODE picture is read and measured, and the files' own expectations (EXPECTEDRESULTS) agree
// with the checks, except on vectors their maintainers or the project recorded as wrong.
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { EXCLUSIONS } from '../../tools/conformance/exclusions.ts'
import { knownIssueFor, parseKnownIssues } from '../../tools/conformance/known-issues.ts'
import { parseVector, type Flag } from '../../tools/conformance/vector.ts'
import { checkCertificate } from './check-certificate.ts'
import { listInputs, readSubjects } from '../runtime/node/qa/inputs.ts'
import { inspectQrImage } from '../runtime/node/qa/qr-inspect.ts'
import { buildReport, checkCounts } from './report.ts'
import type { FileReport, QaReport } from './types.ts'

/** What the QA checks say about the step a flag names; undefined when that step did not run. */
function answer(file: FileReport, flag: Flag): boolean | undefined {
  const passed = (code: string) => file.checks.find((c) => c.code === code)?.passed
  switch (flag) {
    case 'EXPECTEDUNPREFIX':
      return passed('DECODE_PREFIX')
    case 'EXPECTEDB45DECODE':
      return passed('DECODE_BASE45')
    case 'EXPECTEDCOMPRESSION':
      return passed('DECODE_ZLIB')
    case 'EXPECTEDDECODE':
      return file.checks.some((c) => c.code === 'DECODE_PREFIX') ? file.decoded : undefined
    case 'EXPECTEDVERIFY':
      return passed('SIG_VALID') ?? (passed('SIG_KID_KNOWN') === false || passed('SIG_ALGORITHM') === false ? false : undefined)
    case 'EXPECTEDSCHEMAVALIDATION':
      return passed('SCHEMA_VALID')
    case 'EXPECTEDKEYUSAGE':
      return passed('DSC_KEY_USAGE')
    case 'EXPECTEDEXPIRATIONCHECK':
      return passed('CERT_NOT_EXPIRED')
    default:
      return undefined
  }
}

const root = testdataPath('dgc-testdata')
const known = parseKnownIssues(readFileSync(testdataPath('dgc-testdata', 'tests', 'known_issues.csv'), 'utf8'))

describe('QA over dgc-testdata', () => {
  let report: QaReport
  let seconds = 0
  const vectors = new Map<string, ReturnType<typeof parseVector>>()

  beforeAll(async () => {
    const started = performance.now()
    const files: FileReport[] = []
    for (const { file, root: base } of await listInputs([root])) {
      if (!file.endsWith('.json')) continue
      const name = relative(root, file).split('\\').join('/')
      vectors.set(file, parseVector(name, readFileSync(file, 'utf8')))
      for (const subject of await readSubjects(file, base))
        files.push(await checkCertificate(subject, { at: new Date('2021-06-01T00:00:00Z'), inspectQr: inspectQrImage }))
    }
    report = buildReport(files)
    seconds = (performance.now() - started) / 1000
    const counts = checkCounts(report)
      .map((c) => `${c.code} ${c.passed}/${c.failed}`)
      .join(', ')
    console.log(`qa over dgc-testdata: ${report.totals.files} files in ${seconds.toFixed(1)} s; passed/failed per check: ${counts}`)
  }, 300_000)

  it('reads and measures every 2DCODE picture', () => {
    const withPicture = report.files.filter((file) => file.checks.some((c) => c.code === 'QR_DECODES'))
    // Every picture gave a QR_DECODES result and, when read, the symbol's measures.
    for (const file of withPicture) {
      const read = file.checks.find((c) => c.code === 'QR_DECODES')!
      if (read.passed)
        expect(file.checks.map((c) => c.code)).toEqual(
          expect.arrayContaining(['QR_VERSION', 'QR_EC_LEVEL', 'QR_QUIET_ZONE', 'QR_MODULE_SIZE', 'QR_DOWNSCALE']),
        )
    }
    const raw = [...vectors.keys()].filter((file) => {
      const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
      return typeof json['2DCODE'] === 'string' && json['2DCODE'] !== ''
    })
    expect(withPicture.length).toBe(raw.length)
    // Q1 holds a picture that is neither PNG nor JPEG; the QR of ES 501-503 holds another text than their PREFIX.
    const unread = withPicture
      .filter((file) => !file.checks.find((c) => c.code === 'QR_DECODES')!.passed)
      .map((f) => relative(root, f.path).split('\\').join('/'))
    expect(unread.sort()).toEqual([
      'ES/2DCode/raw/501.json',
      'ES/2DCode/raw/502.json',
      'ES/2DCode/raw/503.json',
      'common/2DCode/raw/Q1.json',
    ])
  })

  it("agrees with the files' own expectations", () => {
    const disagreements: string[] = []
    for (const file of report.files) {
      const vector = vectors.get(file.path)
      if (!vector) continue
      for (const [flag, expected] of Object.entries(vector.expected) as [Flag, boolean][]) {
        const got = answer(file, flag)
        if (got === undefined || got === expected) continue
        if (EXCLUSIONS[vector.file]?.[flag] || knownIssueFor(known, vector.file, vector.country, flag)) continue
        disagreements.push(`${vector.file} ${flag}: expected ${expected}, checks say ${got}`)
      }
    }
    expect(disagreements).toEqual([])
  })

  it('checks every file and decodes all but the vectors built not to decode', () => {
    expect(report.totals.files).toBeGreaterThan(500)
    const undecodable = [...vectors.values()].filter(
      (v) =>
        v.expected.EXPECTEDDECODE === false ||
        v.expected.EXPECTEDUNPREFIX === false ||
        v.expected.EXPECTEDB45DECODE === false ||
        v.expected.EXPECTEDCOMPRESSION === false,
    )
    expect(report.totals.decoded).toBeGreaterThanOrEqual(report.totals.files - undecodable.length)
  })
})
