// The key store on disk (Node only): one JSON document, `keystore.json` in the data directory, readable
// by its owner alone (mode 0600, directory 0700) because it holds the CSCA and DSC private keys.
// Writes go to a temporary file first, so a crash never leaves half a key store behind; creating a
// store never replaces an existing one.
import { link, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createKeyStore, KeyStoreError, type KeyStore, type KeyStoreOptions } from './keystore.ts'
import { parseKeyStore } from './keystore-parse.ts'

export const KEYSTORE_FILE = 'keystore.json'

export function keyStorePath(dataDir: string): string {
  return join(dataDir, KEYSTORE_FILE)
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === 'ENOENT'

export async function keyStoreExists(dataDir: string): Promise<boolean> {
  try {
    await stat(keyStorePath(dataDir))
    return true
  } catch (error) {
    if (isMissing(error)) return false
    throw error
  }
}

export async function loadKeyStore(dataDir: string): Promise<KeyStore> {
  const path = keyStorePath(dataDir)
  let text: string
  try {
    const info = await stat(path)
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
      throw new KeyStoreError('KEYSTORE_PERMISSIONS', `${path} holds private keys but others may read it: run chmod 600 on it.`)
    }
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (isMissing(error)) throw new KeyStoreError('KEYSTORE_NOT_FOUND', `No key store in ${dataDir}: run \`certbridge keys init\`.`)
    throw error
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new KeyStoreError('KEYSTORE_INVALID', `${path} is not JSON.`)
  }
  return parseKeyStore(json)
}

/** Saves the store; without `overwrite`, refuses when one exists already (KEYSTORE_EXISTS). */
export async function saveKeyStore(dataDir: string, store: KeyStore, options: { overwrite?: boolean } = {}): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const path = keyStorePath(dataDir)
  const temporary = `${path}.${crypto.randomUUID()}.tmp`
  await writeFile(temporary, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600, flag: 'wx' })
  try {
    if (options.overwrite) {
      await rename(temporary, path)
      return path
    }
    // link() fails when the target exists, atomically: two concurrent creations cannot both win.
    await link(temporary, path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === 'EEXIST') throw new KeyStoreError('KEYSTORE_EXISTS', `A key store exists already in ${dataDir}; it is never overwritten.`)
    throw error
  } finally {
    await unlink(temporary).catch(() => undefined)
  }
  return path
}

/** The store in dataDir, created (and saved) when there is none, as a sandbox start needs. */
export async function loadOrCreateKeyStore(dataDir: string, options: KeyStoreOptions): Promise<{ store: KeyStore; created: boolean }> {
  if (await keyStoreExists(dataDir)) return { store: await loadKeyStore(dataDir), created: false }
  const store = await createKeyStore(options)
  try {
    await saveKeyStore(dataDir, store)
    return { store, created: true }
  } catch (error) {
    // Another process created it in the meantime: use theirs.
    if (error instanceof KeyStoreError && error.code === 'KEYSTORE_EXISTS') return { store: await loadKeyStore(dataDir), created: false }
    throw error
  }
}
