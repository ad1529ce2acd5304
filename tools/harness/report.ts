// The harness's result as plain JSON: what --json writes and what the text and HTML matrices show.
// The fields `conformance.passed/failed` and `samples[].adapter/sample/type/uvci/verifiers/countries`
// are the contract; the rest says how the cells were obtained, so no failure is hidden.
import type { RuleFailure } from './countries.ts'
import type { IssuanceFailure } from './issue.ts'
import type { VectorMiss } from './vectors.ts'

export interface ConformanceSummary {
  /** False when no dgc-testdata directory was given or found. */
  readonly ran: boolean
  readonly passed: number
  readonly failed: number
  /** Misses on vectors recorded as wrong (tests/known_issues.csv, conformance exclusions). */
  readonly excluded: number
  /** Valid vectors rejected for time only while the vector makes no claim about time. */
  readonly timeNotTested: number
  /** Vectors without an HC1 text, a DSC, a clock or a verifier-relevant expectation. */
  readonly skipped: number
  readonly misses: readonly VectorMiss[]
}

export interface SampleRow {
  readonly adapter: string
  readonly sample: string
  readonly type: string
  /** Vaccination: the dose as the certificate encodes it, `dn/sd` (a booster after 2/2 is 3/3). */
  readonly doses?: string
  readonly uvci: string
  /** Verifier name → 'VALID' or that verifier's failure code. */
  readonly verifiers: Record<string, string>
  /** Arrival country → 'PASS' or the first failing rule's identifier. */
  readonly countries: Record<string, string>
  /** Arrival country → every rule that did not pass (only countries with failures). */
  readonly failedRules: Record<string, readonly RuleFailure[]>
  /** Arrival country → number of rules evaluated (0 means nothing applied: a PASS by absence). */
  readonly rulesEvaluated: Record<string, number>
  /** The certificate's issued-at and the clock its rules were evaluated against, ISO 8601. */
  readonly iat: string
  readonly validationClock: string
}

export interface HarnessReport {
  readonly conformance: ConformanceSummary
  readonly samples: readonly SampleRow[]
  readonly verifiers: readonly string[]
  readonly countries: readonly string[]
  /** The validation clock of the verifiers: the run's time, just after issuance. */
  readonly verifiedAt: string
  /** The rules date given with --at, or 'iat' (each certificate's issuance time). */
  readonly rulesAt: string
  readonly rulesDir: string
  /** Issuable samples the service refused: bugs, counted in the exit code. */
  readonly issuanceFailures: readonly IssuanceFailure[]
  readonly quick: boolean
  readonly durationMs: number
}

/** Certificates we issued that some verifier rejected: each one is a bug of the bridge. */
export function rejections(report: HarnessReport): { sample: string; verifier: string; code: string }[] {
  return report.samples.flatMap((row) =>
    Object.entries(row.verifiers)
      .filter(([, code]) => code !== 'VALID')
      .map(([verifier, code]) => ({ sample: row.sample, verifier, code })),
  )
}

/** The exit code: 1 when a verifier rejected a certificate we issued or an issuable sample was refused. */
export function exitCode(report: HarnessReport): 0 | 1 {
  return rejections(report).length > 0 || report.issuanceFailures.length > 0 ? 1 : 0
}
