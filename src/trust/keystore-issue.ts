// DSC issuance: the SCA signs a Document Signer Certificate offline. Following the EU DCC / GDHCN
// certificate governance: ECDSA P-256 with SHA-256; keyUsage digitalSignature (critical); extended
// key usage 1.3.6.1.4.1.1847.2021.1.1/.2/.3 for the certificate types it may sign (test,
// vaccination, recovery); authority and subject key identifiers; valid at most 2 years and never
// beyond its SCA; subject C = the SCA's country. The SCA's private key is only used here, in the
// offline command, and never stored with the DSC.
import { computeKid } from './dsc.ts'
import { toBase64 } from '../platform/bytes.ts'
import { loadX509 } from './x509.ts'
import { addDays, DAY, exportPkcs8Pem, generateKeyPair, randomSerial, seconds, signingAlgorithm, subjectName } from './onboard/certs.ts'
import { KeyStoreError, MIN_DSC_DAYS, DSC_USAGE_OIDS, DSC_VALIDITY_DAYS, type StoredCsca } from './keystore-types.ts'

export type DscType = keyof typeof DSC_USAGE_OIDS

/** The SCA that signs, offline: its certificate (DER) and its private key. */
export interface CaSigner {
  readonly certificate: Uint8Array
  readonly privateKey: CryptoKey
}

export interface IssuedDsc {
  readonly kid: string
  readonly certificate: string
  /** Absent when the key pair was made elsewhere (a PKCS#11 token): `publicKey` was given. */
  readonly privateKeyPem?: string
  readonly notBefore: string
  readonly notAfter: string
}

export interface IssueOptions {
  readonly country: string
  readonly organisation: string
  readonly test: boolean
  readonly sequence: number
  readonly now: Date
  /** Validity in days (at most DSC_VALIDITY_DAYS, cut at the SCA's notAfter). */
  readonly days?: number
  readonly types?: readonly DscType[]
  /** The DSC's public key when its private key lives elsewhere (a PKCS#11 token); default: a new pair here. */
  readonly publicKey?: CryptoKey
}

/** The SCA certificate as a key store keeps it (public part only). */
export async function storedCsca(certificate: Uint8Array): Promise<StoredCsca> {
  const x509 = await loadX509()
  let cert
  try {
    cert = new x509.X509Certificate(certificate as Uint8Array<ArrayBuffer>)
  } catch (error) {
    throw new KeyStoreError('KEYSTORE_INVALID', 'The SCA certificate cannot be parsed.', { cause: error })
  }
  return { certificate: toBase64(certificate), notBefore: cert.notBefore.toISOString(), notAfter: cert.notAfter.toISOString() }
}

export async function issueDsc(ca: CaSigner, options: IssueOptions): Promise<IssuedDsc> {
  const x509 = await loadX509()
  const sca = new x509.X509Certificate(ca.certificate as Uint8Array<ArrayBuffer>)
  const days = options.days ?? DSC_VALIDITY_DAYS
  if (!Number.isInteger(days) || days < 1 || days > DSC_VALIDITY_DAYS)
    throw new KeyStoreError('KEYSTORE_CONFIG_INVALID', `A DSC is valid for 1 to ${DSC_VALIDITY_DAYS} days.`)
  const types = options.types ?? (['test', 'vaccination', 'recovery'] as const)
  if (types.length === 0) throw new KeyStoreError('KEYSTORE_CONFIG_INVALID', 'A DSC must be allowed at least one certificate type.')
  const notBefore = seconds(options.now)
  if (notBefore < sca.notBefore) throw new KeyStoreError('KEYSTORE_CONFIG_INVALID', 'A DSC cannot start before its SCA.')
  if (sca.notAfter.getTime() - notBefore.getTime() < MIN_DSC_DAYS * DAY) {
    throw new KeyStoreError(
      'KEYSTORE_CSCA_EXPIRING',
      `The SCA expires on ${sca.notAfter.toISOString()}: onboard a new SCA before another DSC.`,
    )
  }
  const notAfter = new Date(Math.min(addDays(notBefore, days).getTime(), sca.notAfter.getTime()))
  const keys = options.publicKey ? undefined : await generateKeyPair()
  const publicKey = options.publicKey ?? keys!.publicKey
  let certificate
  try {
    certificate = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: subjectName(
        options.country,
        options.organisation,
        `${options.organisation}${options.test ? ' TEST' : ''} DSC ${options.sequence}`,
      ),
      issuer: sca.subject,
      publicKey,
      signingKey: ca.privateKey,
      notBefore,
      notAfter,
      signingAlgorithm,
      extensions: [
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension(
          types.map((type) => DSC_USAGE_OIDS[type]),
          false,
        ),
        await x509.AuthorityKeyIdentifierExtension.create(sca.publicKey),
        await x509.SubjectKeyIdentifierExtension.create(publicKey),
      ],
    })
  } catch (error) {
    throw new KeyStoreError('KEYSTORE_CONFIG_INVALID', 'The SCA could not sign the DSC (is its private key the one of its certificate?).', {
      cause: error,
    })
  }
  const der = new Uint8Array(certificate.rawData)
  if (!(await certificate.verify({ publicKey: sca.publicKey, signatureOnly: true }))) {
    throw new KeyStoreError('KEYSTORE_CA_MISMATCH', 'The SCA private key does not belong to the SCA certificate.')
  }
  return {
    kid: toBase64(await computeKid(der)),
    certificate: toBase64(der),
    ...(keys ? { privateKeyPem: await exportPkcs8Pem(keys.privateKey) } : {}),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
  }
}

/** A throwaway self-signed SCA for key stores made in one go (sandbox and tests); its key is never stored. */
export async function createSandboxCa(country: string, organisation: string, now: Date, days: number, test = true): Promise<CaSigner> {
  const x509 = await loadX509()
  const keys = await generateKeyPair()
  const notBefore = seconds(now)
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: subjectName(country, organisation, `${organisation}${test ? ' TEST' : ''} CSCA`),
    keys,
    notBefore,
    notAfter: addDays(notBefore, days),
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  return { certificate: new Uint8Array(certificate.rawData), privateKey: keys.privateKey }
}

export function sameCertificate(ca: CaSigner, stored: StoredCsca): boolean {
  return toBase64(ca.certificate) === stored.certificate
}
