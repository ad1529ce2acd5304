// The onboarding folder that `certbridge trust onboard` writes passes the WHO onboarding QA checks
// (re-stated in qa.ts), cross-checked with openssl; the same checks accept the public participant
// example of the GDHCN DEV repository, and they do catch what they are meant to catch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { testdataPath } from '../../../test/shared.ts'
import { run } from '../../cli/trust-onboard.ts'
import { readOnboardingFiles } from '../../runtime/node/trust/onboard-folder.ts'
import { alpha3, certificateChecks, folderChecks, type OnboardingFile } from './qa.ts'

const now = new Date('2026-06-01T08:00:00Z')
let root: string
let dir: string
const out: string[] = []
const err: string[] = []
const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l), now: () => now }

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'certbridge-onboard-'))
  dir = join(root, 'DEU')
  expect(await run(['--country', 'de', '--out', dir, '--organisation', 'Example Bridge'], io)).toBe(0)
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8' })
const onboarding = (...path: string[]) => join(dir, 'onboarding', 'DCC', ...path)

describe('certbridge trust onboard', () => {
  it('writes the GDHCN layout, one certificate per file, the private keys apart and readable by the owner only', () => {
    for (const file of [
      ['SCA', 'SCA.pem'],
      ['TLS', 'TLS.pem'],
      ['TLS', 'CA.pem'],
      ['UP', 'UP.pem'],
    ]) {
      const text = readFileSync(onboarding(...file), 'utf8')
      expect(text.match(/-----BEGIN /g)).toHaveLength(1)
      expect(text).toContain('-----BEGIN CERTIFICATE-----')
    }
    const allOnboarding = execFileSync('find', [join(dir, 'onboarding'), '-type', 'f'], { encoding: 'utf8' })
      .trim()
      .split('\n')
    expect(allOnboarding).toHaveLength(4)
    for (const file of allOnboarding) expect(readFileSync(file, 'utf8')).not.toContain('PRIVATE')
    expect(readdirSync(join(dir, 'private')).sort()).toEqual(['SCA.key', 'TLS.key', 'TLS_CA.key', 'UP.key'])
    expect(statSync(join(dir, 'private')).mode & 0o777).toBe(0o700)
    for (const key of readdirSync(join(dir, 'private'))) {
      expect(statSync(join(dir, 'private', key)).mode & 0o777).toBe(0o600)
      expect(readFileSync(join(dir, 'private', key), 'utf8')).toContain('-----BEGIN PRIVATE KEY-----')
    }
    expect(out.join('\n')).toContain('Onboarding QA checks: passed.')
  })

  it('passes every QA check, in country mode and with the stricter DEV validity minimum', async () => {
    const files = await readOnboardingFiles(dir)
    expect(files.map((f) => f.path.join('/'))).toEqual([
      'onboarding/DCC/SCA/SCA.pem',
      'onboarding/DCC/TLS/CA.pem',
      'onboarding/DCC/TLS/TLS.pem',
      'onboarding/DCC/UP/UP.pem',
    ])
    expect(await certificateChecks(files, { now, countryFolder: 'DEU', strictValidityMinimum: true })).toEqual([])
    expect(await certificateChecks(files, { now, countryFolder: 'DEU' })).toEqual([])
    expect(await folderChecks(files)).toEqual([])
  })

  it('agrees with openssl: P-256, ecdsa-with-SHA256, one C, CA:TRUE pathlen 0 on the SCA, clientAuth TLS signed by TLS/CA.pem', () => {
    for (const file of [
      onboarding('SCA', 'SCA.pem'),
      onboarding('TLS', 'TLS.pem'),
      onboarding('TLS', 'CA.pem'),
      onboarding('UP', 'UP.pem'),
    ]) {
      const text = openssl('x509', '-in', file, '-noout', '-text')
      expect(text).toContain('ASN1 OID: prime256v1')
      expect(text.match(/Signature Algorithm: ecdsa-with-SHA256/g)!.length).toBeGreaterThanOrEqual(2)
      expect(openssl('x509', '-in', file, '-noout', '-subject', '-nameopt', 'multiline').match(/countryName\s+= DE/g)).toHaveLength(1)
    }
    const sca = openssl('x509', '-in', onboarding('SCA', 'SCA.pem'), '-noout', '-text')
    expect(sca).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:0/)
    expect(sca).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign/)
    const tls = openssl('x509', '-in', onboarding('TLS', 'TLS.pem'), '-noout', '-text')
    expect(tls).toMatch(/X509v3 Key Usage: critical\s+Digital Signature\n/)
    expect(tls).toMatch(/X509v3 Extended Key Usage: \s+TLS Web Client Authentication/)
    expect(tls).toContain('CA:FALSE')
    expect(
      openssl(
        'verify',
        '-attime',
        String(now.getTime() / 1000),
        '-purpose',
        'sslclient',
        '-CAfile',
        onboarding('TLS', 'CA.pem'),
        onboarding('TLS', 'TLS.pem'),
      ),
    ).toContain(': OK')
    expect(openssl('x509', '-in', onboarding('UP', 'UP.pem'), '-noout', '-text')).toMatch(
      /X509v3 Key Usage: critical\s+Digital Signature\n/,
    )
    // Validity ranges: SCA 2–4 years, TLS and UP 1–2 years.
    const days = (file: string) => {
      const dates = openssl('x509', '-in', file, '-noout', '-startdate', '-enddate')
      const [start, end] = [/notBefore=(.*)/, /notAfter=(.*)/].map((re) => Date.parse(re.exec(dates)![1]!))
      return (end! - start!) / 86_400_000
    }
    expect(days(onboarding('SCA', 'SCA.pem'))).toBeGreaterThan(2 * 365)
    expect(days(onboarding('SCA', 'SCA.pem'))).toBeLessThan(4 * 366)
    for (const file of [onboarding('TLS', 'TLS.pem'), onboarding('UP', 'UP.pem')]) {
      expect(days(file)).toBeGreaterThan(365)
      expect(days(file)).toBeLessThan(2 * 366)
    }
  })

  it('never overwrites a folder, and refuses an unknown country', async () => {
    const before = readFileSync(onboarding('SCA', 'SCA.pem'), 'utf8')
    expect(await run(['--country', 'DE', '--out', dir], io)).toBe(1)
    expect(err.at(-1)).toContain('[ONBOARD_EXISTS]')
    expect(readFileSync(onboarding('SCA', 'SCA.pem'), 'utf8')).toBe(before)
    expect(await run(['--country', 'QQ', '--out', join(root, 'QQQ')], io)).toBe(2)
    expect(await run(['--country', 'DEU', '--out', join(root, 'x')], io)).toBe(2)
    expect(await run(['--out', join(root, 'x')], io)).toBe(2)
    expect(existsSync(join(root, 'QQQ'))).toBe(false)
    expect(alpha3('XA')).toBe('XXA')
    expect(alpha3('de')).toBe('DEU')
  })
})

describe('the QA checks on the public participant example (GDHCN DEV, XXA)', () => {
  const example = testdataPath('gdhcn', 'participant-example', 'XXA')

  it('accept its SCA, TLS and UP certificates; only the DECA group, unknown to the template, is flagged', async () => {
    const files = await readOnboardingFiles(example)
    expect(files.map((f) => f.path.join('/'))).toContain('onboarding/DDCC/SCA/SCA.pem')
    const findings = [...(await certificateChecks(files, { now, countryFolder: 'XXA' })), ...(await folderChecks(files))]
    expect(findings.filter((f) => !f.file.includes('/DECA/'))).toEqual([])
    expect(findings.map((f) => f.check).sort()).toEqual(['test_valid_group', 'test_validity_range'])
  })

  it('and do fail what breaks the rules', async () => {
    const files = await readOnboardingFiles(dir)
    const text = (name: string) => files.find((f) => f.path.join('/').endsWith(name))!.text
    const replaced = (name: string, body: string): OnboardingFile[] =>
      files.map((f) => (f.path.join('/').endsWith(name) ? { ...f, text: body } : f))
    const checks = async (set: OnboardingFile[], country = 'DEU') =>
      [...(await certificateChecks(set, { now, countryFolder: country })), ...(await folderChecks(set))].map((f) => f.check)
    // The UP certificate where the SCA should be: no CA, no keyCertSign.
    expect(await checks(replaced('SCA/SCA.pem', text('UP/UP.pem')))).toEqual(
      expect.arrayContaining(['test_basic_constraints', 'test_key_usages']),
    )
    // A chain in TLS.pem; a TLS client certificate no CA of the folder signed.
    expect(await checks(replaced('TLS/TLS.pem', text('TLS/TLS.pem') + text('TLS/CA.pem')))).toContain('test_tls_pem_without_chain')
    const foreignTls = readFileSync(join(example, 'onboarding', 'DDCC', 'TLS', 'TLS.pem'), 'utf8')
    expect(await checks(replaced('TLS/TLS.pem', foreignTls))).toEqual(expect.arrayContaining(['test_if_tls_resolves', 'test_country_flag']))
    // The wrong country folder; too late a date; a file missing.
    expect(await checks(files, 'FRA')).toContain('test_country_flag')
    expect((await certificateChecks(files, { now: new Date(now.getTime() + 390 * 86_400_000) })).map((f) => f.check)).toContain(
      'test_validity',
    )
    expect(await checks(files.filter((f) => !f.path.join('/').endsWith('UP/UP.pem')))).toContain('test_folder_mandatory_files')
  })
})
