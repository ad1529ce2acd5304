import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run, type KeysIo } from './keys.ts'

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

  it('rotate and list: kid, state, validity and usage, never a private key', async () => {
    await run(['init', '--data-dir', dir, '--country', 'DE', '--organisation', 'Example Bridge'], io())
    clock = new Date('2026-09-01T10:00:00Z')
    expect(await run(['rotate', '--data-dir', dir], io())).toBe(0)
    out = []
    expect(await run(['list', '--data-dir', dir, '--json'], io())).toBe(0)
    const listed = JSON.parse(out.join('\n'))
    expect(listed).toMatchObject({ country: 'DE', organisation: 'Example Bridge', test: false })
    expect(listed.dscs.map((d: { state: string }) => d.state)).toEqual(['retired', 'active'])
    expect(listed.dscs[0]).toMatchObject({ notBefore: '2026-03-01T10:00:00.000Z', notAfter: '2028-02-29T10:00:00.000Z', published: true })
    expect(listed.dscs[1].usage).toEqual(['test', 'vaccination', 'recovery'])
    expect(out.join('\n')).not.toContain('PRIVATE')
    out = []
    expect(await run(['list', '--data-dir', dir], io())).toBe(0)
    const text = out.join('\n')
    expect(text).toMatch(/KID\s+STATE\s+NOT BEFORE\s+NOT AFTER\s+USAGE\s+PUBLISHED/)
    expect(text).toContain('retired  2026-03-01  2028-02-29  test,vaccination,recovery  yes')
    expect(text).not.toContain('PRIVATE')
  })

  it('gives readable errors and usage exit codes', async () => {
    expect(await run(['list', '--data-dir', dir], io())).toBe(1)
    expect(err.at(-1)).toContain('keys init')
    expect(err.at(-1)).toContain('[KEYSTORE_NOT_FOUND]')
    expect(await run(['init', '--data-dir', dir], io())).toBe(2)
    expect(err.at(-1)).toContain('--country is required')
    expect(await run(['init', '--data-dir', dir, '--country', 'Germany'], io())).toBe(1)
    expect(err.at(-1)).toContain('[KEYSTORE_CONFIG_INVALID]')
    expect(await run(['frobnicate'], io())).toBe(2)
    expect(await run(['list', '--bogus'], io())).toBe(2)
    expect(await run([], io())).toBe(2)
    expect(await run(['--help'], io())).toBe(0)
  })
})
