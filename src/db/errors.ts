// Typed refusals of the database layer's guards.
import { CertbridgeError } from '../platform/errors.ts'

export const DB_CODES = [
  /** Too many failed binding attempts on one record (attempts.ts): a refusal with a Retry-After. */
  'HOLDER_LOCKED',
] as const

export type DbErrorCode = (typeof DB_CODES)[number]

export class DbError<Code extends DbErrorCode = DbErrorCode> extends CertbridgeError<Code> {}
