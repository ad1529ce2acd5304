// The refusals of issuance that say no more than they may: until the requester binds to the record's
// holder, every refusal about the record is the one NO_MATCHING_CERTIFICATE; a revoked certificate is
// not issued again; a limit tells the client when to come back.
import { IssueError } from './errors.ts'
import type { AdapterErrorCode } from '../../adapters/_sdk/errors.ts'

/**
 * What an adapter may say about a record that only its bound holder may hear: whether it exists,
 * whose it is, its state, and whether its product or type converts.
 */
export const UNTOLD_UNTIL_BOUND: ReadonlySet<string> = new Set<AdapterErrorCode>([
  'RECORD_NOT_FOUND',
  'RECORD_INVALID',
  'RECORD_EXPIRED',
  'RECORD_REVOKED',
  'RECORD_INCOMPLETE',
  'TYPE_NOT_CONVERTIBLE',
  'HOLDER_MISMATCH',
  'PRODUCT_UNMAPPED',
  'RECORD_INCONSISTENT',
])

/**
 * Whether an adapter's refusal is about the record (told only to the bound holder). Anything that
 * counts outcomes where others can read them (metrics) names such refusals by this class alone.
 */
export function isAboutTheRecord(code: string): boolean {
  return UNTOLD_UNTIL_BOUND.has(code)
}

/** A record whose EU certificate was revoked here is not issued again. */
export function certificateRevoked(): IssueError {
  return new IssueError('CERTIFICATE_REVOKED', 'The EU certificate for this record was revoked; it is not issued again.')
}

/** The one refusal a requester gets about a record until they bind to its holder. */
export function noMatchingCertificate(): IssueError {
  return new IssueError(
    'NO_MATCHING_CERTIFICATE',
    'No certificate that can be converted matches this link and these details. Check that the names, the date of birth and, where the national certificate shows one, the document number are exactly as in the national record.',
  )
}

/** A refusal that tells the client when to come back. */
export class AdapterLimitError extends IssueError<'RATE_LIMITED'> {
  declare readonly retryAfter: number
  constructor(code: 'RATE_LIMITED', message: string, retryAfter: number) {
    super(code, message, { retryAfter })
  }
}
