// The key material of a GDHCN participant (the "TNP" certificates of the WHO certificate governance),
// made in one offline ceremony:
//   SCA     the signing certificate authority that signs DSCs: self-signed, CA:TRUE pathlen 0
//           (critical), keyUsage keyCertSign + cRLSign (critical), 4 years (the QA checks allow 2–4)
//   TLS CA  the authority of the client certificate: self-signed, CA:TRUE pathlen 0, keyCertSign
//   TLS     the client certificate for mutual TLS with the gateway, signed by the TLS CA:
//           keyUsage digitalSignature (critical), extendedKeyUsage clientAuth, 13 months (QA: 1–2 years)
//   UP      the upload certificate that signs what is sent to the gateway (CMS): self-signed,
//           keyUsage digitalSignature (critical), 13 months (QA: 1–2 years)
// Each is EC P-256 signed with ecdsa-with-SHA256 and named C=<country>, O=<organisation>,
// CN=<organisation> <role>. The same profile as the WHO participant template's certgen scripts
// (sca.conf, TLSClient.conf, uploadCert.conf), except that TLS.pem is issued by a CA of its own.
import { loadX509 } from '../x509.ts'
import {
  addDays,
  certificatePem,
  exportPkcs8Pem,
  generateKeyPair,
  OnboardError,
  randomSerial,
  seconds,
  signingAlgorithm,
  subjectName,
} from './certs.ts'

export const SCA_DAYS = 4 * 365
export const TLS_CA_DAYS = 2 * 365
/** 13 months: above the QA minimum of one year (> 365 days in the stricter variant) and below two, with a month of overlap for the yearly renewal. */
export const TLS_DAYS = 395
export const UP_DAYS = 395

export type ParticipantRole = 'SCA' | 'TLS_CA' | 'TLS' | 'UP'

export interface ParticipantCertificate {
  readonly role: ParticipantRole
  readonly certificatePem: string
  /** PKCS#8 PEM; goes to the private folder, never to the onboarding folder. */
  readonly privateKeyPem: string
  readonly notBefore: Date
  readonly notAfter: Date
}

export interface ParticipantOptions {
  /** ISO 3166-1 alpha-2, capitals (test codes such as XA included). */
  readonly country: string
  readonly organisation: string
  readonly now: Date
}

export type Participant = Record<ParticipantRole, ParticipantCertificate>

export function checkParticipantOptions(options: ParticipantOptions): void {
  if (!/^[A-Z]{2}$/.test(options.country))
    throw new OnboardError('ONBOARD_INVALID', 'The country must be an ISO 3166-1 alpha-2 code (two capital letters).')
  if (!options.organisation.trim() || options.organisation.length > 64)
    throw new OnboardError('ONBOARD_INVALID', 'The organisation must be 1 to 64 characters.')
  if (Number.isNaN(options.now.getTime())) throw new OnboardError('ONBOARD_INVALID', 'The creation time is not a valid date.')
}

export async function createParticipant(options: ParticipantOptions): Promise<Participant> {
  checkParticipantOptions(options)
  const x509 = await loadX509()
  const organisation = options.organisation.trim()
  const name = (role: string) => subjectName(options.country, organisation, `${organisation} ${role}`)
  const notBefore = seconds(options.now)

  const selfSigned = async (
    role: ParticipantRole,
    days: number,
    ca: boolean,
    usages: number,
    extra: InstanceType<typeof x509.Extension>[] = [],
  ) => {
    const keys = await generateKeyPair()
    const notAfter = addDays(notBefore, days)
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: name(role === 'TLS_CA' ? 'TLS CA' : role),
      keys,
      notBefore,
      notAfter,
      signingAlgorithm,
      extensions: [
        ...(ca ? [new x509.BasicConstraintsExtension(true, 0, true)] : []),
        new x509.KeyUsagesExtension(usages, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        ...extra,
      ],
    })
    return {
      keys,
      certificate,
      entry: {
        role,
        certificatePem: certificatePem(certificate.rawData),
        privateKeyPem: await exportPkcs8Pem(keys.privateKey),
        notBefore,
        notAfter,
      },
    }
  }

  const { KeyUsageFlags } = x509
  const sca = await selfSigned('SCA', SCA_DAYS, true, KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign)
  const tlsCa = await selfSigned('TLS_CA', TLS_CA_DAYS, true, KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign)
  const up = await selfSigned('UP', UP_DAYS, false, KeyUsageFlags.digitalSignature)

  const tlsKeys = await generateKeyPair()
  const tlsNotAfter = addDays(notBefore, TLS_DAYS)
  const tls = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: name('TLS'),
    issuer: tlsCa.certificate.subject,
    publicKey: tlsKeys.publicKey,
    signingKey: tlsCa.keys.privateKey,
    notBefore,
    notAfter: tlsNotAfter,
    signingAlgorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth], false),
      await x509.AuthorityKeyIdentifierExtension.create(tlsCa.certificate),
      await x509.SubjectKeyIdentifierExtension.create(tlsKeys.publicKey),
    ],
  })
  return {
    SCA: sca.entry,
    TLS_CA: tlsCa.entry,
    UP: up.entry,
    TLS: {
      role: 'TLS',
      certificatePem: certificatePem(tls.rawData),
      privateKeyPem: await exportPkcs8Pem(tlsKeys.privateKey),
      notBefore,
      notAfter: tlsNotAfter,
    },
  }
}
