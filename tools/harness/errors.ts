// Typed errors of the harness. Usage errors (exit code 2) are the caller's; the others stop a run
// (exit code 1). Messages name options, files and codes only, never certificate contents.
import { CertbridgeError } from '../../src/platform/errors.ts'

export const HARNESS_CODES = ['HARNESS_USAGE', 'HARNESS_VERIFIER_MISSING', 'HARNESS_SERVICE', 'HARNESS_RULES'] as const

export type HarnessErrorCode = (typeof HARNESS_CODES)[number]

export class HarnessError extends CertbridgeError<HarnessErrorCode> {}
