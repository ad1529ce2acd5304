// Small building blocks shared by the onboarding certificates (SCA, TLS, UP) and the DSCs the SCA
// signs: P-256 key pairs, random serial numbers, X.509 subjects with exactly one C, whole-second
// times, and PKCS#8 PEM import/export. WebCrypto only, so the same code runs on Node and Workers.
import { fromPem, toHex, toPem } from '../../platform/bytes.ts'
import { TrustError } from '../errors.ts'

export const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const
export const signingAlgorithm = { name: 'ECDSA', hash: 'SHA-256' } as const
export const DAY = 86_400_000

export class OnboardError extends TrustError<'ONBOARD_INVALID' | 'ONBOARD_EXISTS' | 'ONBOARD_NOT_FOUND' | 'ONBOARD_QA_FAILED'> {}

export function generateKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify']) as Promise<CryptoKeyPair>
}

/** A positive 16-byte serial number in hex (RFC 5280: unique per issuer, at most 20 octets). */
export function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[0] = (bytes[0]! & 0x7f) | 0x01
  return toHex(bytes)
}

/** C, O, CN: one C attribute only, as the GDHCN QA checks require. */
export function subjectName(country: string, organisation: string, commonName: string): Record<string, string[]>[] {
  return [{ C: [country] }, { O: [organisation] }, { CN: [commonName] }]
}

/** X.509 times have whole seconds: dates are truncated so that stored and encoded values agree. */
export function seconds(date: Date): Date {
  return new Date(Math.floor(date.getTime() / 1000) * 1000)
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY)
}

export async function exportPkcs8Pem(key: CryptoKey): Promise<string> {
  return toPem('PRIVATE KEY', new Uint8Array(await crypto.subtle.exportKey('pkcs8', key)))
}

/** A P-256 signing key from PKCS#8 PEM; `what` names the key in the error, never its content. */
export async function importPkcs8SigningKey(pem: string, what: string): Promise<CryptoKey> {
  try {
    return await crypto.subtle.importKey('pkcs8', new Uint8Array(fromPem('PRIVATE KEY', pem)), ecdsa, false, ['sign'])
  } catch (error) {
    throw new OnboardError('ONBOARD_INVALID', `The private key of the ${what} cannot be read (PKCS#8 P-256 expected).`, { cause: error })
  }
}

export function certificatePem(der: ArrayBuffer | Uint8Array): string {
  return toPem('CERTIFICATE', new Uint8Array(der))
}
