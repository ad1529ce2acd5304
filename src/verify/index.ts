// src/verify/ (floor: verification): the one verification pipeline (verify.ts), its status taxonomy,
// and the `eu-dcc` outcome of issuance. It imports the platform, the codec, the payload, trust,
// revocation and rules only; its HTTP route is src/http/routes/verify.ts, its CLI src/cli/verify.ts.
// Web APIs only.
export { verifyCertificate } from './verify.ts'
export { ALREADY_EU_DCC_MESSAGE, alreadyEuDcc, EuDccUnverifiedError, isEuDccText, type AlreadyEuDcc } from './already-eu-dcc.ts'
export { STATUSES, VERIFICATION_STATUSES, isVerificationStatus, statusMarkdown, statusText, type VerificationStatus } from './status.ts'
export { formatSummary } from './summary.ts'
export { parseClock } from './clock.ts'
export type * from './types.ts'
