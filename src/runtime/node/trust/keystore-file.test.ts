import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createKeyStore, rotateKeyStore } from '../../../trust/keystore.ts'
import { keyStoreExists, keyStorePath, loadKeyStore, loadOrCreateKeyStore, saveKeyStore } from './keystore-file.ts'
import { toPem } from '../../../platform/bytes.ts'

const now = new Date('2026-03-01T10:00:00.000Z')
const options = { country: 'XX', organisation: 'certbridge sandbox', now, test: true }
let root: string
let dataDir: string

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'certbridge-keystore-'))
  dataDir = join(root, 'data')
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

describe('key store file', () => {
  it('creates the directory and saves the store readable by its owner only', async () => {
    const store = await createKeyStore(options)
    expect(await keyStoreExists(dataDir)).toBe(false)
    const path = await saveKeyStore(dataDir, store)
    expect(path).toBe(keyStorePath(dataDir))
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(statSync(dataDir).mode & 0o077).toBe(0)
    expect(await loadKeyStore(dataDir)).toEqual(store)
    expect(readdirSync(dataDir)).toEqual(['keystore.json']) // no temporary file left behind
  })

  it('never overwrites an existing store unless asked to', async () => {
    const store = await createKeyStore(options)
    await saveKeyStore(dataDir, store)
    const other = await createKeyStore(options)
    await expect(saveKeyStore(dataDir, other)).rejects.toMatchObject({ code: 'KEYSTORE_EXISTS' })
    expect((await loadKeyStore(dataDir)).csca).toEqual(store.csca)
    const rotated = await rotateKeyStore(store, new Date(now.getTime() + 86_400_000))
    await saveKeyStore(dataDir, rotated, { overwrite: true })
    expect((await loadKeyStore(dataDir)).dscs).toHaveLength(2)
    expect(statSync(keyStorePath(dataDir)).mode & 0o777).toBe(0o600)
  })

  it('loads or creates, once', async () => {
    const first = await loadOrCreateKeyStore(dataDir, options)
    const second = await loadOrCreateKeyStore(dataDir, options)
    expect([first.created, second.created]).toEqual([true, false])
    expect(second.store).toEqual(first.store)
  })

  it('rewrites a version 1 store without its CSCA private key when reading it, and says so', async () => {
    const store = await createKeyStore(options)
    const secret = toPem('PRIVATE KEY', new Uint8Array(32).fill(7))
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    writeFileSync(keyStorePath(dataDir), JSON.stringify({ ...store, version: 1, csca: { ...store.csca, privateKeyPem: secret } }), {
      mode: 0o600,
    })
    const notices: string[] = []
    const read = await loadKeyStore(dataDir, { onNotice: (line) => notices.push(line) })
    expect(read.version).toBe(2)
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/CSCA private key was removed.*rewritten/)
    expect(notices[0]).not.toContain(secret.split('\n')[1])
    const text = readFileSync(keyStorePath(dataDir), 'utf8')
    expect(text).not.toContain(secret.split('\n')[1])
    expect(JSON.parse(text)).toMatchObject({ version: 2, csca: { certificate: store.csca.certificate } })
    expect(statSync(keyStorePath(dataDir)).mode & 0o777).toBe(0o600)
    // Read again: nothing more to migrate.
    await loadKeyStore(dataDir, { onNotice: (line) => notices.push(line) })
    expect(notices).toHaveLength(1)
  })

  it('writes the named fields only, whatever the object carries', async () => {
    const store = await createKeyStore(options)
    const smuggled = { ...store, csca: { ...store.csca, privateKeyPem: 'SMUGGLED' }, extra: 'SMUGGLED' }
    await saveKeyStore(dataDir, smuggled)
    expect(readFileSync(keyStorePath(dataDir), 'utf8')).not.toContain('SMUGGLED')
  })

  it('reports a missing, unreadable, damaged or world-readable store with stable codes', async () => {
    await expect(loadKeyStore(dataDir)).rejects.toMatchObject({ code: 'KEYSTORE_NOT_FOUND' })
    await saveKeyStore(dataDir, await createKeyStore(options))
    chmodSync(keyStorePath(dataDir), 0o644)
    await expect(loadKeyStore(dataDir)).rejects.toMatchObject({ code: 'KEYSTORE_PERMISSIONS' })
    writeFileSync(keyStorePath(dataDir), '{ not json', { mode: 0o600 })
    chmodSync(keyStorePath(dataDir), 0o600)
    await expect(loadKeyStore(dataDir)).rejects.toMatchObject({ code: 'KEYSTORE_INVALID' })
    writeFileSync(keyStorePath(dataDir), '{"version":2}')
    await expect(loadKeyStore(dataDir)).rejects.toMatchObject({ code: 'KEYSTORE_INVALID' })
  })
})
