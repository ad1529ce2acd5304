// Signing keys and secrets on Workers. Production takes them from secrets (CERTBRIDGE_KEYSTORE,
// CERTBRIDGE_UVCI_KEY, CERTBRIDGE_ADMIN_TOKEN). Sandbox mode generates what is not set, once per
// isolate: a test CSCA and DSC (marked `test`) and random UVCI key and admin token. They live only as
// long as the isolate: another isolate signs with other keys and publishes another trust list.
import type { Config } from '../config.ts'
import { toBase64 } from '../trust/bytes.ts'
import { createKeyStore, KeyStoreError, type KeyStore } from '../trust/keystore.ts'
import { parseKeyStore } from '../trust/keystore-parse.ts'

export interface WorkerSecrets {
  readonly keyStore?: KeyStore
  readonly uvciKey?: string
  readonly adminToken?: string
}

function randomBase64(bytes: number): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(bytes)))
}

/** The key store secret; a parse error names no part of it (it holds private keys). */
function readKeyStoreSecret(json: string): KeyStore {
  let document: unknown
  try {
    document = JSON.parse(json)
  } catch {
    throw new KeyStoreError('KEYSTORE_INVALID', 'CERTBRIDGE_KEYSTORE is not a JSON document.')
  }
  return parseKeyStore(document)
}

export async function workerSecrets(config: Config, now: Date): Promise<WorkerSecrets> {
  const configured = config.keyStoreJson ? readKeyStoreSecret(config.keyStoreJson) : undefined
  if (config.mode !== 'sandbox') return { keyStore: configured, uvciKey: config.uvciKey, adminToken: config.adminToken }
  return {
    keyStore: configured ?? (await createKeyStore({ country: config.country, organisation: 'certbridge sandbox', now, test: true })),
    uvciKey: config.uvciKey ?? randomBase64(32),
    adminToken: config.adminToken ?? randomBase64(24).replace(/[^A-Za-z0-9]/g, 'x'),
  }
}
