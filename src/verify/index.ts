// Verification of EU DCCs: the pipeline, its status taxonomy, and the `eu-dcc` outcome of issuance.
// Web APIs only. The HTTP route (routes.ts) and the CLI (src/cli/verify.ts) are imported directly.
export { verifyCertificate } from './verify.ts'
export { ALREADY_EU_DCC_MESSAGE, alreadyEuDcc, EuDccUnverifiedError, isEuDccText, type AlreadyEuDcc } from './already-eu-dcc.ts'
export { STATUSES, VERIFICATION_STATUSES, isVerificationStatus, statusMarkdown, statusText, type VerificationStatus } from './status.ts'
export { formatSummary } from './summary.ts'
export { parseClock } from './clock.ts'
export type * from './types.ts'
