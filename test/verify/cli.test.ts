// `certbridge verify` as a subprocess: readable summary or JSON, exit codes 0 / 1 / 2, no stack traces.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { revocationHash } from '../../src/revocation/hashes.ts'
import { computeKid } from '../../src/trust/dsc.ts'
import { toBase64 } from '../../src/platform/bytes.ts'
import { testdataPath } from '../shared.ts'
import { loadVector, type LoadedVector } from './vectors.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))

function certbridge(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/certbridge.mjs', 'verify', ...args], { cwd: root, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

let dir: string
let complete: LoadedVector // DE 1: Comirnaty 2/2
let firstDose: LoadedVector // DE 4: Comirnaty 1/2
let trust: string
const rulesDir = () => testdataPath('business-rules')
const deList = () => testdataPath('trustlists', 'trustlist_de.json')

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certbridge-verify-'))
  complete = await loadVector('DE/2DCode/raw/1.json')
  firstDose = await loadVector('DE/2DCode/raw/4.json')
  // The vectors' test DSC as a one-entry list in the gateway shape, named "vector".
  const der = complete.key.der!
  const list = {
    certificates: [{ certificateType: 'DSC', country: 'DE', kid: toBase64(await computeKid(der)), rawData: complete.certificate }],
  }
  trust = join(dir, 'vector-dsc.json')
  await writeFile(trust, JSON.stringify(list))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('certbridge verify', () => {
  it('prints a readable summary and exits 0 for a valid certificate under the DE rules', async () => {
    const { code, stdout, stderr } = await certbridge(
      complete.hc1,
      '--trust',
      `vector=${trust}`,
      '--trust',
      deList(),
      '--rules',
      rulesDir(),
      '--country',
      'DE',
      '--at',
      '2021-10-15T12:00:00Z',
    )
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Status: +VALID: /m)
    expect(stdout).toMatch(/^Type: +vaccination$/m)
    expect(stdout).toContain('DE (kid DEsVUSvpFAE=), DSC from trust list vector, country DE')
    expect(stdout).toContain('issued 2021-05-29T19:21:13Z, expires 2022-01-28T07:47:53Z')
    expect(stdout).toMatch(/^ {2}PASS VR-DE-0001 \(Acceptance, DE 1\.0\.0\): The vaccination schedule must be complete/m)
    expect(stdout).not.toContain('Mustermann') // no personal data in the summary
  })

  it('exits 1 with the failing rule for an incomplete course, and prints JSON on request', async () => {
    const { code, stdout } = await certbridge(
      firstDose.hc1,
      '--trust',
      `vector=${trust}`,
      '--rules',
      rulesDir(),
      '--country',
      'de',
      '--at',
      '2021-10-15',
      '--json',
    )
    expect(code).toBe(1)
    const result = JSON.parse(stdout)
    expect(result).toMatchObject({
      status: 'RULES_FAILED',
      verified: true,
      clock: '2021-10-15T00:00:00.000Z',
      rules: { country: 'DE', passed: false },
    })
    expect(result.payload.nam.fnt).toBe('MUSTERMANN')
    expect(result.rules.results.find((r: { identifier: string }) => r.identifier === 'VR-DE-0001').result).toBe('FAIL')
  })

  it('reads the QR picture of a file and checks revocation lists', async () => {
    const png = join(dir, 'qr.png')
    const raw = JSON.parse(readFileSync(testdataPath('dgc-testdata', 'DE/2DCode/raw/1.json'), 'utf8')) as { '2DCODE': string }
    await writeFile(png, Buffer.from(raw['2DCODE'], 'base64')) // the vector's own QR picture
    const ci = (complete.json as { v: Array<{ ci: string }> }).v[0]!.ci
    const revoked = join(dir, 'revoked.json')
    await writeFile(
      revoked,
      JSON.stringify({ hashes: { COUNTRYCODEUCI: [await revocationHash('COUNTRYCODEUCI', { country: 'DE', uvci: ci })] } }),
    )
    const { code, stdout } = await certbridge(png, '--trust', `vector=${trust}`, '--revocation', revoked, '--at', '2021-10-15T12:00:00Z')
    expect(code).toBe(1)
    expect(stdout).toMatch(/^Status: +REVOKED: /m)
    expect(stdout).toContain('REVOKED (listed by its COUNTRYCODEUCI hash)')
  })

  it('exits 1 with the decoded contents marked untrusted when no list knows the signer', async () => {
    const { code, stdout, stderr } = await certbridge(complete.hc1, '--at', '2021-10-15T12:00:00Z')
    expect(code).toBe(1)
    expect(stdout).toMatch(/^Status: +HCERT_KID_UNKNOWN: /m)
    expect(stdout).toContain('NOT verified')
    expect(stderr).toContain('no --trust list given')
  })

  it('exits 2 with a readable message for usage errors, never a stack trace', async () => {
    const cases: string[][] = [
      [],
      ['HC1:X', '--country', 'DE'],
      ['HC1:X', '--rules', rulesDir()],
      ['HC1:X', '--at', 'tomorrow'],
      ['HC1:X', '--trust', join(dir, 'missing.json')],
      [join(dir, 'no-such-file.png')],
      ['HC1:X', '--bogus'],
    ]
    for (const args of cases) {
      const { code, stderr } = await certbridge(...args)
      expect(code, args.join(' ')).toBe(2)
      expect(stderr).toMatch(/^verify: /)
      expect(stderr).not.toMatch(/\n\s+at /)
    }
    // Seven process starts: on a loaded machine each can take seconds of waiting for a core.
  }, 120_000)
})
