// Typed errors of the business-rules engine. Messages name the rule file or the field at fault, never
// payload contents: a rule set is public configuration, a payload is personal data.
import { CertbridgeError } from '../platform/errors.ts'

export const RULES_CODES = [
  /** A rule file or value-set file does not have the shape of the EU business rules. */
  'RULES_INVALID',
  /** A rule file, the value sets, or the number of rules exceeds the bounds in limits.ts. */
  'RULES_TOO_LARGE',
  /** The rule directory or one of its files could not be read. */
  'RULES_UNREADABLE',
  /** The evaluation input (clock, countries, CWT dates) is unusable. */
  'RULES_CONTEXT_INVALID',
] as const

export type RulesErrorCode = (typeof RULES_CODES)[number]

export class RulesError extends CertbridgeError<RulesErrorCode> {}
