// Typed refusals of issuance: what the bridge itself decides about a request, beside what the
// adapters refuse (adapters/_sdk/errors.ts). Several codes are shared with the adapters on purpose
// (RECORD_EXPIRED, HOLDER_MISMATCH, ...): a client sees one code for one situation, whoever found it.
import { CertbridgeError } from '../platform/errors.ts'

export const ISSUE_CODES = [
  /** An Idempotency-Key reused for another certificate or request. */
  'IDEMPOTENCY_CONFLICT',
  /** The EU certificate for this record was revoked: it is not issued again. */
  'CERTIFICATE_REVOKED',
  /** The record has no usable event date. */
  'RECORD_INVALID',
  /** The national certificate, or the EU certificate derived from it, has expired. */
  'RECORD_EXPIRED',
  /** The requester's claim does not match the register's holder. */
  'HOLDER_MISMATCH',
  /** A claimed name is empty, too long or not a name. */
  'HOLDER_NAME_INVALID',
  /** The national systems disagree about the holder. */
  'RECORD_INCONSISTENT',
  /** The one refusal about a record until the requester binds to its holder. */
  'NO_MATCHING_CERTIFICATE',
  /** Too many requests from one client or for one certificate: a refusal with a Retry-After. */
  'RATE_LIMITED',
] as const

export type IssueErrorCode = (typeof ISSUE_CODES)[number]

export class IssueError<Code extends IssueErrorCode = IssueErrorCode> extends CertbridgeError<Code> {}
