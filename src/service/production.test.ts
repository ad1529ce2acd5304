// The production refusals: every problem found and named on its own line, from both edges' one
// check; a subset of adapters needs only its own settings; DATA_DIR and the database are private.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, type Env } from '../config.ts'
import { assertProductionReady, productionProblems, tokenEntropyBits } from './production.ts'
import { dataDirProblems } from '../runtime/node/data-dir.ts'
import { openNodeDb } from '../runtime/node/database.ts'
import { createKeyStore } from '../trust/keystore.ts'
import type { KeyStore } from '../trust/keystore.ts'
import { adapters } from '../../adapters/registry.ts'

const now = new Date('2026-12-01T00:00:00Z')
const strongToken = 'q3J8vR0xLw9Zt2Yb+Kp4N7sD1fGh6Uj5Mc0Ea8Wi2Xo=' // 32 random bytes, base64
let deKeys: KeyStore
let testKeys: KeyStore

beforeAll(async () => {
  deKeys = await createKeyStore({ country: 'DE', organisation: 'Example Health Authority', now, test: false })
  testKeys = await createKeyStore({ country: 'XX', organisation: 'certbridge sandbox', now, test: true })
})

const good: Env = {
  CERTBRIDGE_MODE: 'production',
  CERTBRIDGE_COUNTRY: 'DE',
  CERTBRIDGE_ISSUER: 'Example Health Authority',
  CERTBRIDGE_UVCI_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=',
  CERTBRIDGE_ADMIN_TOKEN: strongToken,
  CERTBRIDGE_ADAPTERS: 'ru-gosuslugi,vn-qr',
  CERTBRIDGE_RU_GOSUSLUGI_RECORD_SOURCE_URL: 'https://records.example/gosuslugi',
  CERTBRIDGE_RU_GOSUSLUGI_RECORD_SOURCE_TOKEN: 'token-1',
  CERTBRIDGE_VN_QR_RECORD_SOURCE_URL: 'https://records.example/vn',
  CERTBRIDGE_VN_QR_RECORD_SOURCE_TOKEN: 'token-2',
}

const problemsFor = (env: Env, keyStore: KeyStore | undefined = deKeys, edgeProblems: string[] = []) =>
  productionProblems({ config: loadConfig(env, adapters), adapters, keyStore, adminToken: env.CERTBRIDGE_ADMIN_TOKEN, now, edgeProblems })

describe('production refusals', () => {
  it('starts a safe configuration that enables two adapters (the third needs no settings)', async () => {
    expect(await problemsFor(good)).toEqual([])
    await expect(
      assertProductionReady({ config: loadConfig(good, adapters), adapters, keyStore: deKeys, adminToken: strongToken, now }),
    ).resolves.toBeUndefined()
  })

  it('names every problem at once, one line each', async () => {
    const env: Env = {
      ...good,
      CERTBRIDGE_ADMIN_TOKEN: 'change-me-please',
      CERTBRIDGE_COUNTRY: 'FR',
      CERTBRIDGE_RU_GOSUSLUGI_RECORD_SOURCE_URL: 'http://records.example/gosuslugi',
      CERTBRIDGE_VN_QR_RECORD_SOURCE_TOKEN: '',
    }
    const problems = await problemsFor(env, deKeys, ['DATA_DIR /srv/data is readable by others (mode 755); chmod 700 it'])
    expect(problems).toEqual([
      'CERTBRIDGE_VN_QR_RECORD_SOURCE_TOKEN is not set',
      'CERTBRIDGE_ADMIN_TOKEN has less than 32 bytes of entropy (make one with `openssl rand -base64 32`)',
      "the CWT issuer country CERTBRIDGE_COUNTRY=FR differs from the DSC's country C=DE",
      'CERTBRIDGE_RU_GOSUSLUGI_RECORD_SOURCE_URL is an http: URL (tokens and records would travel in clear); use https:',
      'DATA_DIR /srv/data is readable by others (mode 755); chmod 700 it',
    ])
    const error = await assertProductionReady({
      config: loadConfig(env, adapters),
      adapters,
      keyStore: deKeys,
      adminToken: env.CERTBRIDGE_ADMIN_TOKEN,
      now,
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' })
    expect((error as Error).message.split('\n')).toHaveLength(5)
    expect((error as Error).message).not.toContain('change-me-please')
  })

  it('refuses test keys and the test country XX', async () => {
    expect(await problemsFor({ ...good, CERTBRIDGE_COUNTRY: 'XX' }, testKeys)).toEqual([
      'CERTBRIDGE_COUNTRY is XX, the test country',
      'the key store holds test keys (made for sandbox mode); make production keys with `certbridge keys init`',
      'the key store is for country XX, the test country',
    ])
  })

  it('refuses http: trust and revocation lists', async () => {
    const problems = await problemsFor({
      ...good,
      CERTBRIDGE_TRUST_LISTS: 'DE=http://lists.example/de.json',
      CERTBRIDGE_REVOCATION_LISTS: 'https://lists.example/r.json',
    })
    expect(problems).toEqual(['CERTBRIDGE_TRUST_LISTS is an http: URL (tokens and records would travel in clear); use https:'])
  })

  it('asks for the settings of every adapter when CERTBRIDGE_ADAPTERS is unset, and refuses an unknown one', async () => {
    const { CERTBRIDGE_ADAPTERS: _, ...all } = good
    expect(await problemsFor(all)).toEqual([
      'CERTBRIDGE_RU_MOS_RECORD_SOURCE_URL is not set',
      'CERTBRIDGE_RU_MOS_RECORD_SOURCE_TOKEN is not set',
    ])
    expect(() => loadConfig({ ...good, CERTBRIDGE_ADAPTERS: 'ru-gosuslugi,xx-nowhere' }, adapters)).toThrow(/xx-nowhere/)
  })

  it('counts a missing-only refusal as CONFIG_MISSING', async () => {
    const env: Env = { CERTBRIDGE_MODE: 'production' }
    const error = await assertProductionReady({ config: loadConfig(env, adapters), adapters, now }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'CONFIG_MISSING' })
    expect((error as Error).message).toContain('CERTBRIDGE_UVCI_KEY is not set')
  })
})

describe('admin token entropy', () => {
  it('accepts 32 random bytes as base64 or hex, and refuses shorter or repetitive tokens', () => {
    const bytes = crypto.getRandomValues(new Uint8Array(32))
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
    expect(tokenEntropyBits(strongToken)).toBeGreaterThanOrEqual(256)
    expect(tokenEntropyBits(hex)).toBeGreaterThanOrEqual(256)
    expect(tokenEntropyBits(hex.slice(0, 32))).toBeLessThan(256)
    expect(tokenEntropyBits('a'.repeat(200))).toBe(0)
    expect(tokenEntropyBits('ab'.repeat(100))).toBeLessThan(256)
  })
})

describe('DATA_DIR modes', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'certbridge-modes-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('creates the database 0600 inside an existing folder, and names a folder or file others can read', () => {
    const data = join(dir, 'data')
    mkdirSync(data, { mode: 0o755 })
    chmodSync(data, 0o755)
    openNodeDb(data).close()
    expect(statSync(join(data, 'certbridge.sqlite')).mode & 0o777).toBe(0o600)
    expect(dataDirProblems(data)).toEqual([`DATA_DIR ${data} is readable by others (mode 755); chmod 700 it`])
    chmodSync(data, 0o700)
    expect(dataDirProblems(data)).toEqual([])
    chmodSync(join(data, 'certbridge.sqlite'), 0o644)
    expect(dataDirProblems(data)).toEqual([`${join(data, 'certbridge.sqlite')} is readable by others (mode 644); chmod 600 it`])
  })
})
