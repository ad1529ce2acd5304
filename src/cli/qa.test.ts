// `certbridge qa` end to end on files: a folder in the <CC>/<version>/<file> layout with a QR picture
// and a text file of HC1 lines, a gateway trust list, business rules from the EU test data; the
// exit code, the JSON, JUnit and HTML files, the baseline diff and usage errors.
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import QRCode from 'qrcode'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { makeDsc, makeHc1, VACCINATION } from '../qa/test-certificate.ts'
import { run } from './qa.ts'

let dir: string
let out: string[]
let err: string[]

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certbridge-qa-'))
  const dsc = await makeDsc()
  const good = await makeHc1(dsc, { payload: VACCINATION })
  await mkdir(join(dir, 'in', 'DE', '1.3.0'), { recursive: true })
  await writeFile(
    join(dir, 'in', 'DE', '1.3.0', 'good.png'),
    await QRCode.toBuffer(good, { errorCorrectionLevel: 'Q', margin: 4, scale: 6 }),
  )
  await writeFile(join(dir, 'in', 'DE', '1.3.0', 'lines.txt'), `${good}\nHC2:NOT-A-CERTIFICATE\n`)
  await writeFile(
    join(dir, 'trust.json'),
    JSON.stringify({ certificates: [{ certificateType: 'DSC', country: 'DE', kid: base64(dsc.key.kid), rawData: base64(dsc.key.der!) }] }),
  )
  vi.spyOn(console, 'log').mockImplementation((...args) => void out.push(args.join(' ')))
  vi.spyOn(console, 'error').mockImplementation((...args) => void err.push(args.join(' ')))
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
})

afterAll(async () => {
  vi.restoreAllMocks()
  await rm(dir, { recursive: true, force: true })
})

async function qa(...args: string[]): Promise<number> {
  out = []
  err = []
  return run(args)
}

describe('certbridge qa', () => {
  it('checks a QA folder, exits 1 for an error-level failure, and writes JSON, JUnit and HTML', async () => {
    const code = await qa(
      join(dir, 'in'),
      '--trust',
      join(dir, 'trust.json'),
      '--rules',
      testdataPath('business-rules'),
      '--countries',
      'DE,NL',
      '--at',
      '2022-01-15',
      '--json',
      join(dir, 'r.json'),
      '--junit',
      join(dir, 'r.xml'),
      '--html',
      join(dir, 'r.html'),
    )
    expect(code).toBe(1)
    const report = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8'))
    const failedChecks = report.files.flatMap((f: { checks: { code: string; passed: boolean }[] }) =>
      f.checks.filter((c) => !c.passed).map((c) => c.code),
    )
    expect({ totals: report.totals, failedChecks }).toEqual({
      totals: { files: 3, decoded: 2, errors: 1, warnings: 0 },
      failedChecks: ['DECODE_PREFIX'],
    })
    const [picture, first, second] = report.files
    expect(picture).toMatchObject({ path: join(dir, 'in', 'DE', '1.3.0', 'good.png'), country: 'DE', decoded: true })
    expect(picture.checks.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['QR_QUIET_ZONE', 'SIG_VALID', 'SCHEMA_CLAIMED_VERSION', 'ISS_CLAIMED_COUNTRY', 'RULES_ACCEPTED']),
    )
    expect(picture.acceptance.DE).toMatchObject({ accepted: true, until: '2022-08-01T00:00:00.000Z' }) // VR-DE-0004: 365 days after dt 2021-08-01
    expect(picture.acceptance.NL).toMatchObject({ accepted: true })
    expect(first.path.endsWith('lines.txt#1')).toBe(true)
    expect(second.checks).toEqual([
      { code: 'DECODE_PREFIX', severity: 'error', passed: false, message: 'the text starts with "HC2:", not "HC1:"' },
    ])
    expect(await readFile(join(dir, 'r.xml'), 'utf8')).toContain('name="DECODE_PREFIX"><failure type="error"')
    expect(await readFile(join(dir, 'r.html'), 'utf8')).toContain('src="data:image/png;base64,')
    expect(out.join('\n')).toMatch(/3 certificates, 2 decoded; 1 error, 0 warnings/)
  })

  it('prints what changed since a baseline', async () => {
    await qa(
      join(dir, 'in', 'DE', '1.3.0', 'good.png'),
      '--trust',
      join(dir, 'trust.json'),
      '--at',
      '2022-01-15',
      '--json',
      join(dir, 'one.json'),
    )
    expect(await qa(join(dir, 'in', 'DE', '1.3.0', 'good.png'), '--at', '2022-01-15', '--baseline', join(dir, 'one.json'))).toBe(0)
    expect(out.join('\n')).toContain('since the baseline: 1 newly failing, 0 newly passing')
    expect(out.join('\n')).toContain('SIG_TRUST_GIVEN (warning) no trust list given')
  })

  it('refuses bad usage with exit code 2 and a one-line reason', async () => {
    expect(await qa()).toBe(2)
    expect(await qa(dir, '--at', 'soon')).toBe(2)
    expect(err.join('\n')).toMatch(/--at takes an ISO 8601 date/)
    expect(await qa(dir, '--countries', 'DE')).toBe(2)
    // A rules URL is read as a gateway distribution; one that answers nothing usable is a usage error.
    const empty = createServer((_req, res) => res.writeHead(404).end()).listen(0, '127.0.0.1')
    await new Promise((resolve) => empty.once('listening', resolve))
    try {
      const { port } = empty.address() as AddressInfo
      expect(await qa(dir, '--rules', `http://127.0.0.1:${port}/`)).toBe(2)
      expect(err.join('\n')).toMatch(/rules: /)
    } finally {
      empty.close()
    }
  })
})
