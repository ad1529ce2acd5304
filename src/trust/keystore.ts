// The bridge's own signing keys: a CSCA and the DSCs it signs, as real X.509 certificates (ECDSA
// P-256, SHA-256) made with @peculiar/x509, kept in one JSON-serialisable document.
//
// Following the EU DCC certificate governance (eHealth Network, Volume 1 annex): the CSCA is a CA
// (basicConstraints cA, pathLen 0; keyUsage keyCertSign + cRLSign), valid at most 4 years; a DSC is
// signed by the CSCA, keyUsage digitalSignature, extended key usage 1.3.6.1.4.1.1847.2021.1.1/.2/.3
// (test, vaccination, recovery), valid at most 2 years and never beyond its CSCA; subject C is the
// bridge's country, O the operating organisation, CN names the role. Rotation makes a new DSC
// active; the previous one is retired but stays published until its notAfter, because certificates
// it signed are valid at most until then (the issuer caps `exp` at the DSC's notAfter).
import { CertbridgeError } from '../errors.ts'
import { computeKid } from './dsc.ts'
import { fromBase64, fromPem, toBase64, toPem } from './bytes.ts'
import { loadX509 } from './x509.ts'

export type KeyStoreErrorCode =
  | 'KEYSTORE_INVALID'
  | 'KEYSTORE_CONFIG_INVALID'
  | 'KEYSTORE_NO_ACTIVE_DSC'
  | 'KEYSTORE_DSC_EXPIRED'
  | 'KEYSTORE_CSCA_EXPIRING'
  | 'KEYSTORE_EXISTS'
  | 'KEYSTORE_NOT_FOUND'
  | 'KEYSTORE_PERMISSIONS'

export class KeyStoreError extends CertbridgeError<KeyStoreErrorCode> {}

export const DSC_USAGE_OIDS = {
  test: '1.3.6.1.4.1.1847.2021.1.1',
  vaccination: '1.3.6.1.4.1.1847.2021.1.2',
  recovery: '1.3.6.1.4.1.1847.2021.1.3',
} as const

const DAY = 86_400_000
export const CSCA_VALIDITY_DAYS = 4 * 365
export const DSC_VALIDITY_DAYS = 2 * 365
/** A CSCA with less validity left than this cannot sign a useful DSC any more. */
export const MIN_DSC_DAYS = 30

export interface StoredCsca {
  /** base64 DER */
  readonly certificate: string
  /** PKCS#8 PEM */
  readonly privateKeyPem: string
  readonly notBefore: string
  readonly notAfter: string
}

export interface StoredDsc {
  /** base64 of the 8-byte kid */
  readonly kid: string
  /** base64 DER */
  readonly certificate: string
  /** PKCS#8 PEM */
  readonly privateKeyPem: string
  readonly state: 'active' | 'retired'
  readonly createdAt: string
  readonly retiredAt?: string
  readonly notBefore: string
  readonly notAfter: string
}

export interface KeyStore {
  readonly version: 1
  readonly country: string
  readonly organisation: string
  /** True for generated sandbox keys: nothing they sign is a real certificate. */
  readonly test: boolean
  readonly csca: StoredCsca
  /** How many DSCs this CSCA has signed so far (numbers the DSCs' common names). */
  readonly issuedDscs: number
  /** Newest last; exactly one is active. */
  readonly dscs: readonly StoredDsc[]
}

export interface KeyStoreOptions {
  readonly country: string
  readonly organisation: string
  readonly now: Date
  readonly test: boolean
}

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const
const signingAlgorithm = { name: 'ECDSA', hash: 'SHA-256' } as const

function checkOptions(options: KeyStoreOptions): void {
  if (!/^[A-Z]{2}$/.test(options.country)) throw new KeyStoreError('KEYSTORE_CONFIG_INVALID', 'The country must be an ISO 3166-1 alpha-2 code in capitals.')
  if (!options.organisation.trim() || options.organisation.length > 64) throw new KeyStoreError('KEYSTORE_CONFIG_INVALID', 'The organisation must be 1 to 64 characters.')
  if (Number.isNaN(options.now.getTime())) throw new KeyStoreError('KEYSTORE_CONFIG_INVALID', 'The creation time is not a valid date.')
}

function subject(country: string, organisation: string, commonName: string): Record<string, string[]>[] {
  return [{ C: [country] }, { O: [organisation] }, { CN: [commonName] }]
}

/** X.509 times have whole seconds: dates are truncated so that stored and encoded values agree. */
function seconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000)
}

async function exportPkcs8Pem(key: CryptoKey): Promise<string> {
  return toPem('PRIVATE KEY', new Uint8Array(await crypto.subtle.exportKey('pkcs8', key)))
}

async function importSigningKey(pem: string): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('pkcs8', new Uint8Array(fromPem('PRIVATE KEY', pem)), ecdsa, false, ['sign'])
  } catch (error) {
    throw new KeyStoreError('KEYSTORE_INVALID', 'The CSCA private key in the key store cannot be read.', { cause: error })
  }
}

async function createCsca(options: KeyStoreOptions): Promise<StoredCsca> {
  const x509 = await loadX509()
  const keys = (await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as CryptoKeyPair
  const notBefore = seconds(options.now)
  const notAfter = new Date(notBefore.getTime() + CSCA_VALIDITY_DAYS * DAY)
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: subject(options.country, options.organisation, `${options.organisation}${options.test ? ' TEST' : ''} CSCA`),
    keys,
    notBefore,
    notAfter,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  return {
    certificate: toBase64(new Uint8Array(certificate.rawData)),
    privateKeyPem: await exportPkcs8Pem(keys.privateKey),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
  }
}

async function createDsc(store: Omit<KeyStore, 'dscs' | 'issuedDscs'>, sequence: number, now: Date): Promise<StoredDsc> {
  const x509 = await loadX509()
  const csca = new x509.X509Certificate(new Uint8Array(fromBase64(store.csca.certificate)))
  const notBefore = seconds(now)
  const cscaEnd = new Date(store.csca.notAfter)
  if (cscaEnd.getTime() - notBefore.getTime() < MIN_DSC_DAYS * DAY) {
    throw new KeyStoreError('KEYSTORE_CSCA_EXPIRING', `The CSCA expires on ${store.csca.notAfter}: a new key store (CSCA) is needed before another DSC.`)
  }
  if (notBefore < new Date(store.csca.notBefore)) throw new KeyStoreError('KEYSTORE_CONFIG_INVALID', 'A DSC cannot start before its CSCA.')
  const notAfter = new Date(Math.min(notBefore.getTime() + DSC_VALIDITY_DAYS * DAY, cscaEnd.getTime()))
  const keys = (await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as CryptoKeyPair
  const certificate = await x509.X509CertificateGenerator.create({
    subject: subject(store.country, store.organisation, `${store.organisation}${store.test ? ' TEST' : ''} DSC ${sequence}`),
    issuer: csca.subject,
    publicKey: keys.publicKey,
    signingKey: await importSigningKey(store.csca.privateKeyPem),
    notBefore,
    notAfter,
    signingAlgorithm,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([DSC_USAGE_OIDS.test, DSC_USAGE_OIDS.vaccination, DSC_USAGE_OIDS.recovery], false),
      await x509.AuthorityKeyIdentifierExtension.create(csca.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  const der = new Uint8Array(certificate.rawData)
  return {
    kid: toBase64(await computeKid(der)),
    certificate: toBase64(der),
    privateKeyPem: await exportPkcs8Pem(keys.privateKey),
    state: 'active',
    createdAt: now.toISOString(),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
  }
}

/** A new key store: a CSCA and one active DSC. */
export async function createKeyStore(options: KeyStoreOptions): Promise<KeyStore> {
  checkOptions(options)
  const base = { version: 1 as const, country: options.country, organisation: options.organisation.trim(), test: options.test, csca: await createCsca(options) }
  return { ...base, issuedDscs: 1, dscs: [await createDsc(base, 1, options.now)] }
}

/**
 * A new active DSC. The previous active one is retired and stays listed until its notAfter; retired
 * DSCs already past their notAfter are dropped (with their private keys).
 */
export async function rotateKeyStore(store: KeyStore, now: Date): Promise<KeyStore> {
  const next = await createDsc(store, store.issuedDscs + 1, now)
  const kept = store.dscs
    .filter((dsc) => new Date(dsc.notAfter) > now)
    .map((dsc): StoredDsc => (dsc.state === 'active' ? { ...dsc, state: 'retired', retiredAt: now.toISOString() } : dsc))
  return { ...store, issuedDscs: store.issuedDscs + 1, dscs: [...kept, next] }
}

export interface ActiveDsc {
  readonly kid: Uint8Array
  readonly kidBase64: string
  readonly privateKeyPem: string
  readonly der: Uint8Array
  readonly notBefore: Date
  readonly notAfter: Date
}

/** The DSC that signs now; with `now`, refuses one that has expired. */
export function activeDsc(store: KeyStore, now?: Date): ActiveDsc {
  const dsc = store.dscs.find((d) => d.state === 'active')
  if (!dsc) throw new KeyStoreError('KEYSTORE_NO_ACTIVE_DSC', 'The key store has no active DSC; run `certbridge keys rotate`.')
  const notAfter = new Date(dsc.notAfter)
  if (now && notAfter <= now) throw new KeyStoreError('KEYSTORE_DSC_EXPIRED', 'The active DSC has expired; run `certbridge keys rotate`.')
  return {
    kid: fromBase64(dsc.kid),
    kidBase64: dsc.kid,
    privateKeyPem: dsc.privateKeyPem,
    der: fromBase64(dsc.certificate),
    notBefore: new Date(dsc.notBefore),
    notAfter,
  }
}

/** The DSCs to publish at `now`: the active one and retired ones whose notAfter is still ahead. */
export function publishedDscs(store: KeyStore, now: Date): StoredDsc[] {
  return store.dscs.filter((dsc) => new Date(dsc.notAfter) > now)
}
