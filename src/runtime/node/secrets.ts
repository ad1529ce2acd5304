// Node edge: signing keys and secrets. The key store is CERTBRIDGE_KEYSTORE or DATA_DIR/keystore.json
// (made by `certbridge keys init`); the UVCI key and admin token come from the configuration. Sandbox
// mode makes what is missing once and keeps it in DATA_DIR, marked as test material, so that every
// process sharing DATA_DIR (a cluster) and every restart signs with the same keys.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from '../../config.ts'
import { toBase64 } from '../../platform/bytes.ts'
import type { KeyStore } from '../../trust/keystore.ts'
import { parseKeyStoreSetting } from '../../trust/keystore-parse.ts'
import type { EdgeSecrets } from '../../service/edge.ts'
import { keyStoreExists, loadKeyStore, loadOrCreateKeyStore } from './trust/keystore-file.ts'

interface SandboxSecrets {
  readonly uvciKey: string
  readonly adminToken: string
}

/** Sandbox mode: secrets generated once and kept in DATA_DIR (mode 0600), marked as test material. */
export function sandboxSecrets(dataDir: string): SandboxSecrets {
  const file = join(dataDir, 'sandbox-secrets.json')
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SandboxSecrets
  const random = (n: number) => toBase64(crypto.getRandomValues(new Uint8Array(n)))
  const secrets = { test: true, uvciKey: random(32), adminToken: random(24).replace(/[^A-Za-z0-9]/g, 'x') }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  return secrets
}

/** The key store: CERTBRIDGE_KEYSTORE, or DATA_DIR/keystore.json (created with test keys in sandbox mode). */
export async function openKeyStore(config: Config, now: Date): Promise<KeyStore | undefined> {
  if (config.keyStoreJson) return parseKeyStoreSetting(config.keyStoreJson)
  if (config.mode === 'sandbox') {
    return (await loadOrCreateKeyStore(config.dataDir, { country: config.country, organisation: 'certbridge sandbox', now, test: true }))
      .store
  }
  return (await keyStoreExists(config.dataDir)) ? loadKeyStore(config.dataDir) : undefined
}

export async function nodeSecrets(config: Config, now: Date): Promise<EdgeSecrets> {
  const keyStore = await openKeyStore(config, now)
  if (config.mode !== 'sandbox') return { keyStore, uvciKey: config.uvciKey, adminToken: config.adminToken }
  const made = sandboxSecrets(config.dataDir)
  return { keyStore, uvciKey: config.uvciKey ?? made.uvciKey, adminToken: config.adminToken ?? made.adminToken }
}
