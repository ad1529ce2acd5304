// Typed errors of the DCC payload layer. Messages never carry names, identifiers or keys.
import { CertbridgeError } from '../platform/errors.ts'

export const DCC_CODES = [
  /** deriveUvci was given a country, key or material it cannot use. */
  'DCC_UVCI',
  /** A name cannot become an ICAO 9303 transliteration (nothing of it maps to A-Z). */
  'DCC_NAME',
  /** The normalized record cannot become a schema-valid DCC payload. */
  'DCC_PAYLOAD',
] as const

export type DccErrorCode = (typeof DCC_CODES)[number]

export class DccError extends CertbridgeError<DccErrorCode> {}
