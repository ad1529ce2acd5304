// The key store's document types, error codes and governance constants (see keystore.ts).
import { CertbridgeError } from '../platform/errors.ts'

export const KEYSTORE_CODES = [
  'KEYSTORE_INVALID',
  'KEYSTORE_CONFIG_INVALID',
  'KEYSTORE_NO_ACTIVE_DSC',
  'KEYSTORE_DSC_EXPIRED',
  'KEYSTORE_CSCA_EXPIRING',
  'KEYSTORE_EXISTS',
  'KEYSTORE_NOT_FOUND',
  'KEYSTORE_PERMISSIONS',
  'KEYSTORE_CA_REQUIRED',
  'KEYSTORE_CA_MISMATCH',
  'KEYSTORE_CA_KEY_ONLINE',
] as const

export type KeyStoreErrorCode = (typeof KEYSTORE_CODES)[number]

export class KeyStoreError extends CertbridgeError<KeyStoreErrorCode> {}

export const DSC_USAGE_OIDS = {
  test: '1.3.6.1.4.1.1847.2021.1.1',
  vaccination: '1.3.6.1.4.1.1847.2021.1.2',
  recovery: '1.3.6.1.4.1.1847.2021.1.3',
} as const

export const CSCA_VALIDITY_DAYS = 4 * 365
export const DSC_VALIDITY_DAYS = 2 * 365
/** A CSCA with less validity left than this cannot sign a useful DSC any more. */
export const MIN_DSC_DAYS = 30
/** How long a DSC's private key signs (about 6 months) before the next prepared DSC takes over. */
export const DSC_USAGE_DAYS = 183

/** The SCA (CSCA) that signed the DSCs: its certificate only. Its private key stays offline. */
export interface StoredCsca {
  /** base64 DER */
  readonly certificate: string
  readonly notBefore: string
  readonly notAfter: string
}

export interface StoredDsc {
  /** base64 of the 8-byte kid */
  readonly kid: string
  /** base64 DER */
  readonly certificate: string
  /** PKCS#8 PEM; absent when the private key is in a PKCS#11 token (pkcs11Id). */
  readonly privateKeyPem?: string
  /** CKA_ID (hex) of the private key in the PKCS#11 token of DATA_DIR/pkcs11.json. */
  readonly pkcs11Id?: string
  /** active: signs now; next: prepared in advance, signs when the previous usage period ends; retired: signs no more. */
  readonly state: 'active' | 'retired' | 'next'
  readonly createdAt: string
  readonly retiredAt?: string
  readonly notBefore: string
  readonly notAfter: string
  /** The private-key usage period: the DSC signs from usageStart until usageEnd (absent: unbounded). */
  readonly usageStart?: string
  readonly usageEnd?: string
}

export interface KeyStore {
  readonly version: 2
  readonly country: string
  readonly organisation: string
  /** True for generated sandbox keys: nothing they sign is a real certificate. */
  readonly test: boolean
  readonly csca: StoredCsca
  /** How many DSCs this store has received so far (numbers the DSCs' common names). */
  readonly issuedDscs: number
  /** In signing order; exactly one is active. */
  readonly dscs: readonly StoredDsc[]
}

export interface KeyStoreOptions {
  readonly country: string
  readonly organisation: string
  readonly now: Date
  readonly test: boolean
}
