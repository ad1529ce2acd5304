// CMS SignedData (RFC 5652) as the gateway takes uploads: the content encapsulated (attached), one
// signer identified by issuer and serial number, signed attributes (content type, signing time,
// message digest), ECDSA with SHA-256, and the signer's certificate as the only certificate. This is
// what `openssl cms -sign -nodetach -binary -signer UP.pem -inkey UP.key -outform DER` makes in the
// WHO participant template (scripts/certgen/upload_dsc.sh). Made with pkijs over WebCrypto.
import * as asn1js from 'asn1js'
import * as pkijs from 'pkijs'
import { OnboardError } from './certs.ts'

const ID_DATA = '1.2.840.113549.1.7.1'
const ID_SIGNED_DATA = '1.2.840.113549.1.7.2'
const ATTR_CONTENT_TYPE = '1.2.840.113549.1.9.3'
const ATTR_MESSAGE_DIGEST = '1.2.840.113549.1.9.4'
const ATTR_SIGNING_TIME = '1.2.840.113549.1.9.5'

export interface CmsSigner {
  /** DER of the signer's certificate (the UP certificate). */
  readonly certificate: Uint8Array
  readonly privateKey: CryptoKey
}

const engine = () => new pkijs.CryptoEngine({ name: 'webcrypto', crypto: globalThis.crypto })

// A copy in an ArrayBuffer of its own (a Node Buffer's slice() shares its pool).
const buffer = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer

/** DER of a ContentInfo holding SignedData over `content`, signed by `signer` at `signingTime`. */
export async function signCms(content: Uint8Array, signer: CmsSigner, signingTime: Date): Promise<Uint8Array> {
  let certificate: pkijs.Certificate
  try {
    certificate = pkijs.Certificate.fromBER(buffer(signer.certificate))
  } catch (error) {
    throw new OnboardError('ONBOARD_INVALID', 'The signer certificate cannot be parsed.', { cause: error })
  }
  const digest = await crypto.subtle.digest('SHA-256', buffer(content))
  const encapContentInfo = new pkijs.EncapsulatedContentInfo({ eContentType: ID_DATA })
  // Set after construction: the constructor would split id-data content into a constructed (BER)
  // OCTET STRING; DER wants one primitive OCTET STRING.
  encapContentInfo.eContent = new asn1js.OctetString({ valueHex: buffer(content) })
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo,
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: ATTR_CONTENT_TYPE, values: [new asn1js.ObjectIdentifier({ value: ID_DATA })] }),
            new pkijs.Attribute({ type: ATTR_SIGNING_TIME, values: [new asn1js.UTCTime({ valueDate: signingTime })] }),
            new pkijs.Attribute({ type: ATTR_MESSAGE_DIGEST, values: [new asn1js.OctetString({ valueHex: digest })] }),
          ],
        }),
      }),
    ],
    certificates: [certificate],
  })
  await signedData.sign(signer.privateKey, 0, 'SHA-256', undefined, engine())
  const contentInfo = new pkijs.ContentInfo({ contentType: ID_SIGNED_DATA, content: signedData.toSchema(true) })
  return new Uint8Array(contentInfo.toSchema().toBER(false))
}

/** The encapsulated content of a CMS SignedData, after checking its signature with its own certificate. */
export async function openCms(der: Uint8Array): Promise<{ content: Uint8Array; signer: Uint8Array }> {
  const info = pkijs.ContentInfo.fromBER(buffer(der))
  if (info.contentType !== ID_SIGNED_DATA) throw new OnboardError('ONBOARD_INVALID', 'Not a CMS SignedData.')
  const signedData = new pkijs.SignedData({ schema: info.content })
  const ok = await signedData.verify({ signer: 0, checkChain: false, extendedMode: false }, engine())
  const certificate = signedData.certificates?.[0]
  const eContent = signedData.encapContentInfo.eContent
  if (!ok || !(certificate instanceof pkijs.Certificate) || !eContent)
    throw new OnboardError('ONBOARD_INVALID', 'The CMS signature does not verify.')
  return { content: new Uint8Array(eContent.getValue()), signer: new Uint8Array(certificate.toSchema().toBER(false)) }
}
