// The key store on disk (Node only): one JSON document, `keystore.json` in the data directory, readable
// by its owner alone (mode 0600, directory 0700) because it holds the DSC private keys. It never holds
// the SCA's private key: what is written is rebuilt field by field, and a version 1 file that still
// carries the CSCA key is rewritten without it when read (and the caller is told).
// Writes go to a temporary file first, so a crash never leaves half a key store behind; creating a
// store never replaces an existing one.
import { link, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  attachExternalSigner,
  createKeyStore,
  KeyStoreError,
  releaseSandboxCa,
  type KeyStore,
  type KeyStoreOptions,
  type StoredDsc,
} from '../../../trust/keystore.ts'
import { parseKeyStoreDocument } from '../../../trust/keystore-parse.ts'

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

export interface LoadOptions {
  /** Told when the file was migrated on reading (default: a line on stderr). */
  readonly onNotice?: (message: string) => void
}

/** The document as written: each field named, so that nothing else (no SCA key) can slip in. */
export function keyStoreDocument(store: KeyStore): KeyStore {
  const dsc = (d: StoredDsc): StoredDsc => ({
    kid: d.kid,
    certificate: d.certificate,
    ...(d.privateKeyPem ? { privateKeyPem: d.privateKeyPem } : {}),
    ...(d.pkcs11Id ? { pkcs11Id: d.pkcs11Id } : {}),
    state: d.state,
    createdAt: d.createdAt,
    ...(d.retiredAt ? { retiredAt: d.retiredAt } : {}),
    notBefore: d.notBefore,
    notAfter: d.notAfter,
    ...(d.usageStart ? { usageStart: d.usageStart } : {}),
    ...(d.usageEnd ? { usageEnd: d.usageEnd } : {}),
  })
  return {
    version: 2,
    country: store.country,
    organisation: store.organisation,
    test: store.test,
    csca: { certificate: store.csca.certificate, notBefore: store.csca.notBefore, notAfter: store.csca.notAfter },
    issuedDscs: store.issuedDscs,
    dscs: store.dscs.map(dsc),
  }
}

export async function loadKeyStore(dataDir: string, options: LoadOptions = {}): Promise<KeyStore> {
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
  const { store, migrated } = parseKeyStoreDocument(json)
  if (migrated) {
    await saveKeyStore(dataDir, store, { overwrite: true })
    ;(options.onNotice ?? ((line) => console.error(line)))(`certbridge: ${path}: ${migrated}; the file was rewritten.`)
  }
  await attachPkcs11(dataDir, store)
  return store
}

/**
 * With DATA_DIR/pkcs11.json, DSCs whose key is in the token sign through it: the token is opened
 * (CERTBRIDGE_PKCS11_PIN) when the first such signer is made, once per process.
 */
async function attachPkcs11(dataDir: string, store: KeyStore): Promise<void> {
  if (!store.dscs.some((d) => d.pkcs11Id)) return
  const hsm = await import('./hsm/pkcs11.ts')
  const config = await hsm.readPkcs11Config(dataDir)
  if (!config) return
  let token: ReturnType<typeof hsm.openPkcs11Token> | undefined
  attachExternalSigner(store, (dsc) => {
    token ??= hsm.openPkcs11Token(config, process.env[hsm.PIN_VARIABLE])
    return dsc.pkcs11Id ? token.signer(dsc.pkcs11Id, dsc.kid) : undefined
  })
}

/** Saves the store; without `overwrite`, refuses when one exists already (KEYSTORE_EXISTS). */
export async function saveKeyStore(dataDir: string, store: KeyStore, options: { overwrite?: boolean } = {}): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const path = keyStorePath(dataDir)
  const temporary = `${path}.${crypto.randomUUID()}.tmp`
  await writeFile(temporary, `${JSON.stringify(keyStoreDocument(store), null, 2)}\n`, { mode: 0o600, flag: 'wx' })
  try {
    if (options.overwrite) {
      await rename(temporary, path)
      return path
    }
    // link() fails when the target exists, atomically: two concurrent creations cannot both win.
    await link(temporary, path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === 'EEXIST')
      throw new KeyStoreError('KEYSTORE_EXISTS', `A key store exists already in ${dataDir}; it is never overwritten.`)
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
  // The service keeps no SCA key, not even a sandbox's throwaway one.
  releaseSandboxCa(store)
  try {
    await saveKeyStore(dataDir, store)
    return { store, created: true }
  } catch (error) {
    // Another process created it in the meantime: use theirs.
    if (error instanceof KeyStoreError && error.code === 'KEYSTORE_EXISTS') return { store: await loadKeyStore(dataDir), created: false }
    throw error
  }
}
