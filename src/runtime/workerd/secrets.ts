// Signing keys and secrets on Workers. Production takes them from secrets (CERTBRIDGE_KEYSTORE,
// CERTBRIDGE_UVCI_KEY, CERTBRIDGE_ADMIN_TOKEN). The key store secret holds DSCs and the SCA's
// certificate only: a document that still carries the CSCA private key (a version 1 store) is
// refused, since a secret cannot be rewritten from here; `certbridge keys list --data-dir …` migrates
// the file, whose content then goes into the secret. Sandbox mode generates what is not set, once per
// isolate: a test SCA (thrown away at once) and DSC (marked `test`) and random UVCI key and admin
// token. They live only as long as the isolate: another isolate signs with other keys and publishes
// another trust list.
import type { Config } from '../../config.ts'
import { toBase64 } from '../../platform/bytes.ts'
import { createKeyStore, releaseSandboxCa, type KeyStore } from '../../trust/keystore.ts'
import type { EdgeSecrets } from '../../service/edge.ts'
import { parseKeyStoreSetting } from '../../trust/keystore-parse.ts'

function randomBase64(bytes: number): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(bytes)))
}

/** The key store secret; a parse error names no part of it (it holds private keys). */
export function readKeyStoreSecret(json: string): KeyStore {
  return parseKeyStoreSetting(json)
}

export async function workerSecrets(config: Config, now: Date): Promise<EdgeSecrets> {
  const configured = config.keyStoreJson ? readKeyStoreSecret(config.keyStoreJson) : undefined
  if (config.mode !== 'sandbox') return { keyStore: configured, uvciKey: config.uvciKey, adminToken: config.adminToken }
  let keyStore = configured
  if (!keyStore) {
    keyStore = await createKeyStore({ country: config.country, organisation: 'certbridge sandbox', now, test: true })
    releaseSandboxCa(keyStore)
  }
  return {
    keyStore,
    uvciKey: config.uvciKey ?? randomBase64(32),
    adminToken: config.adminToken ?? randomBase64(24).replace(/[^A-Za-z0-9]/g, 'x'),
  }
}
