// DSC private keys inside a PKCS#11 token (a hardware security module; SoftHSM2 in the tests), on
// Node only. Chosen by `pkcs11.json` beside the key store (DATA_DIR/pkcs11.json):
//   { "module": "/usr/lib/softhsm/libsofthsm2.so", "token": "certbridge" }
// and the user PIN in CERTBRIDGE_PKCS11_PIN (a secret, never in the file). `certbridge keys dsc
// --pkcs11` generates the DSC's P-256 key pair in the token (CKA_SENSITIVE, not extractable) and the
// SCA certifies its public key; the key store then names the key by its CKA_ID instead of holding it,
// and the service signs through the token (CKM_ECDSA over the SHA-256 digest gives r‖s, the COSE form).
import { readFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import pkcs11js from 'pkcs11js'
import type { Signer } from '../../../../hcert/index.ts'
import { KeyStoreError } from '../../../../trust/keystore-types.ts'

export const PKCS11_CONFIG_FILE = 'pkcs11.json'
export const PIN_VARIABLE = 'CERTBRIDGE_PKCS11_PIN'

export interface Pkcs11Config {
  readonly module: string
  readonly token: string
}

// DER of the P-256 curve OID (1.2.840.10045.3.1.7) and the SPKI prefix of an uncompressed P-256 point.
const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex')
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex')

/** DATA_DIR/pkcs11.json, or undefined when the DSC keys are not in a token. */
export async function readPkcs11Config(dataDir: string): Promise<Pkcs11Config | undefined> {
  let text: string
  try {
    text = await readFile(join(dataDir, PKCS11_CONFIG_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return undefined
    throw error
  }
  const json = JSON.parse(text) as Partial<Pkcs11Config>
  if (typeof json.module !== 'string' || typeof json.token !== 'string') {
    throw new KeyStoreError(
      'KEYSTORE_CONFIG_INVALID',
      `${join(dataDir, PKCS11_CONFIG_FILE)} must name "module" (the PKCS#11 library) and "token" (its label).`,
    )
  }
  return { module: json.module, token: json.token }
}

export interface Pkcs11Token {
  /** Generates a P-256 key pair in the token; its public key for the SCA to certify. */
  generateDscKey(label: string): Promise<{ id: string; publicKey: CryptoKey }>
  /** An ES256 signer whose private key never leaves the token. */
  signer(id: string, kid: Uint8Array): Signer
  close(): void
}

// A PKCS#11 library is initialised once per process (a second C_Initialize is refused) and stays
// loaded; each token opened on it has a session of its own.
const modules = new Map<string, pkcs11js.PKCS11>()
const failed = (error: unknown, code: string) => error instanceof Error && error.message.includes(code)

function moduleFor(path: string): pkcs11js.PKCS11 {
  let p11 = modules.get(path)
  if (!p11) {
    p11 = new pkcs11js.PKCS11()
    p11.load(path)
    try {
      p11.C_Initialize()
    } catch (error) {
      if (!failed(error, 'CKR_CRYPTOKI_ALREADY_INITIALIZED')) throw error
    }
    modules.set(path, p11)
  }
  return p11
}

export function openPkcs11Token(config: Pkcs11Config, pin: string | undefined): Pkcs11Token {
  if (!pin) throw new KeyStoreError('KEYSTORE_CONFIG_INVALID', `The DSC keys are in a PKCS#11 token: set ${PIN_VARIABLE} to its user PIN.`)
  let p11: pkcs11js.PKCS11
  let session: pkcs11js.Handle | undefined
  try {
    p11 = moduleFor(config.module)
    const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === config.token)
    if (!slot) throw new KeyStoreError('KEYSTORE_CONFIG_INVALID', `No PKCS#11 token labelled '${config.token}' in ${config.module}.`)
    session = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION)
    try {
      p11.C_Login(session, pkcs11js.CKU_USER, pin)
    } catch (error) {
      // Another session of this process logged in already: the login holds for the whole token.
      if (!failed(error, 'CKR_USER_ALREADY_LOGGED_IN')) throw error
    }
  } catch (error) {
    if (session !== undefined) {
      try {
        modules.get(config.module)?.C_CloseSession(session)
      } catch {
        // nothing more to release
      }
    }
    if (error instanceof KeyStoreError) throw error
    // The library's message names the failing call and its return code, never the PIN.
    throw new KeyStoreError(
      'KEYSTORE_CONFIG_INVALID',
      `The PKCS#11 token cannot be opened: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }

  const active: pkcs11js.Handle = session!

  const findPrivateKey = (id: string): pkcs11js.Handle => {
    p11.C_FindObjectsInit(active, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_ID, value: Buffer.from(id, 'hex') },
    ])
    const handle = p11.C_FindObjects(active)
    p11.C_FindObjectsFinal(active)
    if (!handle) throw new KeyStoreError('KEYSTORE_INVALID', `The PKCS#11 token holds no private key with id ${id}.`)
    return handle
  }

  return {
    async generateDscKey(label) {
      const id = Buffer.from(crypto.getRandomValues(new Uint8Array(8)))
      const common = [
        { type: pkcs11js.CKA_TOKEN, value: true },
        { type: pkcs11js.CKA_ID, value: id },
        { type: pkcs11js.CKA_LABEL, value: label },
      ]
      const { publicKey } = p11.C_GenerateKeyPair(
        active,
        { mechanism: pkcs11js.CKM_EC_KEY_PAIR_GEN },
        [...common, { type: pkcs11js.CKA_EC_PARAMS, value: P256_PARAMS }, { type: pkcs11js.CKA_VERIFY, value: true }],
        [
          ...common,
          { type: pkcs11js.CKA_PRIVATE, value: true },
          { type: pkcs11js.CKA_SENSITIVE, value: true },
          { type: pkcs11js.CKA_EXTRACTABLE, value: false },
          { type: pkcs11js.CKA_SIGN, value: true },
        ],
      )
      const [attribute] = p11.C_GetAttributeValue(active, publicKey, [{ type: pkcs11js.CKA_EC_POINT }])
      let point = attribute!.value as Buffer
      // CKA_EC_POINT is the DER OCTET STRING around the uncompressed point (04 41 04 x y).
      if (point.length === 67 && point[0] === 0x04 && point[1] === 0x41) point = point.subarray(2)
      const spki = Buffer.concat([P256_SPKI_PREFIX, point])
      const key = await crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])
      return { id: id.toString('hex'), publicKey: key }
    },
    signer(id, kid) {
      return {
        kid,
        algorithm: -7,
        async sign(data) {
          const digest = createHash('sha256').update(data).digest()
          p11.C_SignInit(active, { mechanism: pkcs11js.CKM_ECDSA }, findPrivateKey(id))
          return new Uint8Array(p11.C_Sign(active, digest, Buffer.alloc(64)))
        },
      }
    },
    close() {
      // Closing the last session of the token logs it out.
      p11.C_CloseSession(active)
    },
  }
}
