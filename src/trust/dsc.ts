// Import of a Document Signer Certificate (X.509, DER/base64/PEM) into a TrustedKey: the public key
// imported for crypto.subtle (ECDSA P-256 → ES256, RSA → PS256), the kid, the validity window, the
// country and the certificate types its extended key usage allows.
import { TrustError } from './errors.ts'
import { computeKid } from '../hcert/kid.ts'
import { fromBase64 } from '../platform/bytes.ts'
import type { CertificateType } from '../hcert/certificate-type.ts'
import type { TrustedKey } from '../hcert/trusted-key.ts'
import { loadX509, type X509Module } from './x509.ts'

export { computeKid }

export class DscError extends TrustError<'TRUST_CERT_INVALID'> {}

const USAGE_PREFIXES = ['1.3.6.1.4.1.1847.2021.1.', '1.3.6.1.4.1.0.1847.2021.1.']
const USAGE_TYPES: Record<string, CertificateType> = { '1': 'test', '2': 'vaccination', '3': 'recovery' }

/** Certificate types allowed by the EU DCC extended key usage OIDs; undefined when none is present. */
export function allowedTypesFromUsages(usages: readonly string[]): ReadonlySet<CertificateType> | undefined {
  const types = new Set<CertificateType>()
  let family = false
  for (const oid of usages) {
    const prefix = USAGE_PREFIXES.find((p) => oid.startsWith(p))
    if (!prefix) continue
    family = true
    const type = USAGE_TYPES[oid.slice(prefix.length)]
    if (type) types.add(type)
  }
  return family ? types : undefined
}

function toDer(input: Uint8Array | string): Uint8Array {
  if (input instanceof Uint8Array) return input
  const body = input.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new DscError('TRUST_CERT_INVALID', 'certificate is neither PEM nor base64 DER')
  return fromBase64(body)
}

export async function importDsc(input: Uint8Array | string, options: { source: string; country?: string }): Promise<TrustedKey> {
  const der = toDer(input)
  const x509 = await loadX509()
  let certificate: InstanceType<X509Module['X509Certificate']>
  try {
    certificate = new x509.X509Certificate(der as Uint8Array<ArrayBuffer>)
  } catch (error) {
    throw new DscError('TRUST_CERT_INVALID', 'certificate cannot be parsed', { cause: error })
  }
  const algorithmName = certificate.publicKey.algorithm.name
  const spki = new Uint8Array(certificate.publicKey.rawData)
  let publicKey: CryptoKey
  let algorithm: -7 | -37
  try {
    if (algorithmName === 'ECDSA') {
      publicKey = await crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])
      algorithm = -7
    } else if (algorithmName === 'RSASSA-PKCS1-v1_5' || algorithmName === 'RSA-PSS') {
      publicKey = await crypto.subtle.importKey('spki', spki, { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['verify'])
      algorithm = -37
    } else {
      throw new DscError('TRUST_CERT_INVALID', `unsupported public key algorithm ${algorithmName}`)
    }
  } catch (error) {
    if (error instanceof DscError) throw error
    throw new DscError('TRUST_CERT_INVALID', 'public key cannot be imported (ES256 needs P-256)', { cause: error })
  }
  const eku = certificate.getExtension(x509.ExtendedKeyUsageExtension)
  const allowedTypes = eku ? allowedTypesFromUsages(eku.usages.map(String)) : undefined
  const country = options.country ?? certificate.subjectName.getField('C')[0]
  return {
    kid: await computeKid(der),
    publicKey,
    algorithm,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    source: options.source,
    der,
    ...(country ? { country } : {}),
    ...(allowedTypes ? { allowedTypes } : {}),
  }
}
