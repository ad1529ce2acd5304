import Database from 'better-sqlite3'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { createPrivateKey } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run, type KeysIo } from './keys.ts'
import { createParticipant } from '../trust/onboard/participant.ts'
import { writeParticipantFolder } from '../runtime/node/trust/onboard-folder.ts'

const pemBody = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')
let ca: string
beforeAll(async () => {
  // A participant folder (SCA and private/SCA.key), as 'certbridge trust onboard' writes it.
  ca = join(mkdtempSync(join(tmpdir(), 'certbridge-cli-keys-ca-')), 'DEU')
  await writeParticipantFolder(
    ca,
    await createParticipant({ country: 'DE', organisation: 'Example Bridge', now: new Date('2026-02-01T00:00:00Z') }),
  )
  return () => rmSync(join(ca, '..'), { recursive: true, force: true })
})

let dir: string
let out: string[]
let err: string[]
let clock: Date
const io = (): KeysIo => ({ out: (l) => out.push(l), err: (l) => err.push(l), env: {}, now: () => clock })

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'certbridge-cli-keys-')), 'data')
  out = []
  err = []
  clock = new Date('2026-03-01T10:00:00Z')
})
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }))

describe('certbridge keys', () => {
  it('init creates the store once, marked as test keys for XX', async () => {
    expect(await run(['init', '--data-dir', dir, '--country', 'xx'], io())).toBe(0)
    expect(out.join('\n')).toContain('TEST KEYS')
    expect(statSync(join(dir, 'keystore.json')).mode & 0o777).toBe(0o600)
    const before = readFileSync(join(dir, 'keystore.json'), 'utf8')
    expect(await run(['init', '--data-dir', dir, '--country', 'XX'], io())).toBe(1)
    expect(err.join('\n')).toMatch(/exists already.*never overwritten/)
    expect(readFileSync(join(dir, 'keystore.json'), 'utf8')).toBe(before)
  })

  it('dsc, rotate and list with an SCA folder: kid, state, validity, usage period and usage, never a private key', async () => {
    expect(await run(['init', '--data-dir', dir, '--ca', ca], io())).toBe(0)
    clock = new Date('2026-03-02T10:00:00Z')
    expect(await run(['dsc', '--data-dir', dir, '--ca', ca, '--usage-days', '90'], io())).toBe(0)
    expect(out.join('\n')).toMatch(/prepared: signs from 2026-08-31/)
    clock = new Date('2026-05-01T10:00:00Z')
    expect(await run(['rotate', '--data-dir', dir], io())).toBe(0)
    const audit = new Database(join(dir, 'certbridge.sqlite'), { readonly: true })
    expect(audit.prepare('SELECT action, outcome FROM audit_events').all()).toEqual([{ action: 'keys.rotate', outcome: 'OK' }])
    audit.close()
    out = []
    expect(await run(['list', '--data-dir', dir, '--json'], io())).toBe(0)
    const listed = JSON.parse(out.join('\n'))
    expect(listed).toMatchObject({ country: 'DE', organisation: 'Example Bridge', test: false, usageOverdue: false })
    expect(listed.dscs.map((d: { state: string }) => d.state)).toEqual(['retired', 'active'])
    expect(listed.signing).toBe(listed.dscs[1].kid)
    expect(listed.dscs[0]).toMatchObject({
      notBefore: '2026-03-01T10:00:00.000Z',
      notAfter: '2028-02-29T10:00:00.000Z',
      published: true,
      usageEnd: '2026-05-01T10:00:00.000Z',
    })
    expect(listed.dscs[1].usage).toEqual(['test', 'vaccination', 'recovery'])
    expect(out.join('\n')).not.toContain('PRIVATE')
    out = []
    expect(await run(['list', '--data-dir', dir], io())).toBe(0)
    const text = out.join('\n')
    expect(text).toMatch(/KID\s+STATE\s+NOT BEFORE\s+NOT AFTER\s+SIGNS UNTIL\s+USAGE\s+PUBLISHED/)
    expect(text).toContain('retired  2026-03-01  2028-02-29  2026-05-01   test,vaccination,recovery  yes')
    expect(text).not.toContain('PRIVATE')
  })

  it('keys dsc chains the DSC to the SCA, and the key store never holds the SCA private key', async () => {
    expect(await run(['dsc', '--data-dir', dir, '--ca', ca, '--days', '365', '--types', 'vaccination'], io())).toBe(0)
    const file = readFileSync(join(dir, 'keystore.json'), 'utf8')
    const scaKeyPem = readFileSync(join(ca, 'private', 'SCA.key'), 'utf8')
    const scaKey = createPrivateKey(scaKeyPem)
    const d = scaKey.export({ format: 'jwk' }).d!
    const der = scaKey.export({ format: 'der', type: 'pkcs8' })
    for (const form of [
      scaKeyPem.split('\n')[1]!,
      d,
      Buffer.from(d, 'base64url').toString('hex'),
      der.toString('base64'),
      der.toString('hex'),
    ])
      expect(file).not.toContain(form)
    const store = JSON.parse(file)
    expect(Object.keys(store.csca).sort()).toEqual(['certificate', 'notAfter', 'notBefore'])
    expect(store.csca.certificate).toBe(pemBody(readFileSync(join(ca, 'onboarding', 'DCC', 'SCA', 'SCA.pem'), 'utf8')))
    // openssl: the DSC verifies against the SCA, with the usage OID asked for and a validity within the SCA's.
    const dscPem = join(dir, '..', 'dsc.pem')
    writeFileSync(
      dscPem,
      `-----BEGIN CERTIFICATE-----\n${store.dscs[0].certificate.match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`,
    )
    const verified = execFileSync(
      'openssl',
      ['verify', '-attime', String(clock.getTime() / 1000 + 60), '-CAfile', join(ca, 'onboarding', 'DCC', 'SCA', 'SCA.pem'), dscPem],
      { encoding: 'utf8' },
    )
    expect(verified).toContain(': OK')
    const textOut = execFileSync('openssl', ['x509', '-in', dscPem, '-noout', '-text'], { encoding: 'utf8' })
    expect(textOut).toContain('1.3.6.1.4.1.1847.2021.1.2')
    expect(textOut).not.toContain('1.3.6.1.4.1.1847.2021.1.1')
    expect(store.dscs[0].notAfter).toBe('2027-03-01T10:00:00.000Z')
  })

  it('takes the usage period from CERTBRIDGE_DSC_USAGE_DAYS, and refuses production keys without an SCA', async () => {
    const withEnv = (): KeysIo => ({ ...io(), env: { CERTBRIDGE_DSC_USAGE_DAYS: '30' } })
    expect(await run(['init', '--data-dir', dir, '--country', 'DE'], io())).toBe(2)
    expect(err.at(-1)).toContain('--ca <participant folder> is required')
    expect(await run(['dsc', '--data-dir', dir], io())).toBe(2)
    expect(await run(['dsc', '--data-dir', dir, '--ca', ca, '--json'], withEnv())).toBe(0)
    expect(JSON.parse(out.join('\n')).dscs[0].usageEnd).toBe('2026-03-31T10:00:00.000Z')
    expect(await run(['dsc', '--data-dir', dir, '--ca', ca, '--usage-days', '0'], io())).toBe(2)
    expect(await run(['dsc', '--data-dir', dir, '--ca', ca, '--types', 'vaccine'], io())).toBe(2)
    expect(await run(['rotate', '--data-dir', dir], io())).toBe(1)
    expect(err.at(-1)).toContain('[KEYSTORE_CA_REQUIRED]')
    expect(await run(['dsc', '--data-dir', dir, '--ca', join(ca, 'nowhere')], io())).toBe(1)
    expect(err.at(-1)).toContain('[ONBOARD_NOT_FOUND]')
  })

  it('gives readable errors and usage exit codes', async () => {
    expect(await run(['list', '--data-dir', dir], io())).toBe(1)
    expect(err.at(-1)).toContain('keys init')
    expect(err.at(-1)).toContain('[KEYSTORE_NOT_FOUND]')
    expect(await run(['init', '--data-dir', dir], io())).toBe(2)
    expect(err.at(-1)).toContain('--country is required')
    expect(await run(['init', '--data-dir', dir, '--country', 'Germany', '--test'], io())).toBe(1)
    expect(err.at(-1)).toContain('[KEYSTORE_CONFIG_INVALID]')
    expect(await run(['frobnicate'], io())).toBe(2)
    expect(await run(['list', '--bogus'], io())).toBe(2)
    expect(await run([], io())).toBe(2)
    expect(await run(['--help'], io())).toBe(0)
  })
})
