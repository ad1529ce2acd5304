// Typed errors of the DCC payload layer. Messages never carry names, identifiers or keys.
import { CertbridgeError } from '../platform/errors.ts'

export type DccErrorCode =
  /** deriveUvci was given a country, key or material it cannot use. */
  | 'DCC_UVCI'
  /** A name cannot become an ICAO 9303 transliteration (nothing of it maps to A-Z). */
  | 'DCC_NAME'
  /** The normalized record cannot become a schema-valid DCC payload. */
  | 'DCC_PAYLOAD'

export class DccError extends CertbridgeError<DccErrorCode> {}
