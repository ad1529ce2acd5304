import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../config.ts'
import { adapters } from '../../../adapters/registry.ts'
import { createKeyStore, rotateKeyStore } from '../../trust/keystore.ts'
import { toPem } from '../../platform/bytes.ts'
import { readKeyStoreSecret, workerSecrets } from './secrets.ts'

const now = new Date('2026-03-01T10:00:00Z')

describe('Workers secrets', () => {
  it('reads a key store secret that holds DSCs and the SCA certificate only', async () => {
    const store = await createKeyStore({ country: 'XX', organisation: 'certbridge test', now, test: true })
    const json = JSON.stringify(store)
    expect(readKeyStoreSecret(json)).toEqual(JSON.parse(json))
    const config = loadConfig({ CERTBRIDGE_KEYSTORE: json }, adapters)
    expect((await workerSecrets(config, now)).keyStore?.dscs[0]!.kid).toBe(store.dscs[0]!.kid)
  })

  it('refuses a secret that still carries the CSCA private key, naming none of it', async () => {
    const store = await createKeyStore({ country: 'XX', organisation: 'certbridge test', now, test: true })
    const secret = toPem('PRIVATE KEY', new Uint8Array(40).fill(9))
    const old = JSON.stringify({ ...store, version: 1, csca: { ...store.csca, privateKeyPem: secret } })
    let error: unknown
    try {
      readKeyStoreSecret(old)
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ code: 'KEYSTORE_CA_KEY_ONLINE' })
    expect((error as Error).message).not.toContain(secret.split('\n')[1])
    // Not JSON: refused without echoing a piece of it.
    expect(() => readKeyStoreSecret('{"csca": SECRET-MATERIAL')).toThrow(
      expect.objectContaining({ code: 'KEYSTORE_INVALID', message: 'CERTBRIDGE_KEYSTORE is not a JSON document.' }),
    )
    // A version 1 document without the key is read (and upgraded).
    expect(readKeyStoreSecret(JSON.stringify({ ...store, version: 1 })).version).toBe(2)
  })

  it('generates sandbox keys whose throwaway SCA is gone: they sign, but cannot make another DSC', async () => {
    const { keyStore } = await workerSecrets(loadConfig({}, adapters), now)
    expect(keyStore?.test).toBe(true)
    expect(Object.keys(keyStore!.csca).sort()).toEqual(['certificate', 'notAfter', 'notBefore'])
    await expect(rotateKeyStore(keyStore!, new Date(now.getTime() + 86_400_000))).rejects.toMatchObject({ code: 'KEYSTORE_CA_REQUIRED' })
  })
})
