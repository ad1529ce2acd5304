// Typed failures of QR image decoding. Messages describe the image, never its content.
import { CertbridgeError } from '../platform/errors.ts'

export const QR_DECODE_CODES = [
  /** The upload is over the byte or pixel bound. */
  'QR_IMAGE_TOO_LARGE',
  /** Not a PNG or JPEG, or a corrupt one. */
  'QR_IMAGE_UNSUPPORTED',
  /** A readable image without a decodable QR code. */
  'QR_NOT_FOUND',
  /** The image needs more time or memory to search than one image may take (a hostile picture). */
  'QR_DECODE_LIMIT',
  /** The decoder's WebAssembly module could not be loaded (a deployment fault, not the user's). */
  'QR_DECODER_UNAVAILABLE',
] as const

export type QrDecodeErrorCode = (typeof QR_DECODE_CODES)[number]

export class QrDecodeError extends CertbridgeError<QrDecodeErrorCode> {}
