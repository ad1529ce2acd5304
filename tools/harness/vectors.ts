// Part (1), the reverse direction (EU → bridge): each EU conformance vector's HC1 text goes through
// the project's verifier with the vector's own DSC at its VALIDATIONCLOCK. A vector is expected VALID
// exactly when every verifier-relevant EXPECTED* flag it carries is true; the verifier meets the
// vector when its answer agrees (VALID, or any other status for an expected rejection). A miss on a
// vector that tests/known_issues.csv or the conformance exclusions record as wrong is set apart with
// its reason. Vectors without an HC1 text, a DSC or a clock cannot be verified and are skipped. The
// verifier always checks time (exp, iat, the DSC's validity) at the vector's clock; when a vector
// carries no EXPECTEDEXPIRATIONCHECK it makes no claim about time, so a rejection for time alone is
// not judged: it is listed under `timeNotTested` instead of counted as passed or failed.
import { listJson } from '../conformance/runner.ts'
import { existsSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { EXCLUSIONS } from '../conformance/exclusions.ts'
import { knownIssueFor, parseKnownIssues, type KnownIssue } from '../conformance/known-issues.ts'
import { parseVector, type Flag, type Vector } from '../conformance/vector.ts'
import { importDsc } from '../../src/trust/dsc.ts'
import { createTrustStore } from '../../src/trust/store.ts'
import { verifyCertificate } from '../../src/verify/verify.ts'
import { silentProgress, type Progress } from '../../src/cli/progress.ts'

/** The flags a verifier reading the QR text answers for (the others concern encoders or the JSON field). */
export const VERIFIER_FLAGS: readonly Flag[] = [
  'EXPECTEDUNPREFIX',
  'EXPECTEDB45DECODE',
  'EXPECTEDCOMPRESSION',
  'EXPECTEDDECODE',
  'EXPECTEDVERIFY',
  'EXPECTEDKEYUSAGE',
  'EXPECTEDEXPIRATIONCHECK',
  'EXPECTEDSCHEMAVALIDATION',
]

export interface VectorMiss {
  readonly file: string
  readonly expected: 'VALID' | 'rejected'
  readonly status: string
}

export interface VectorReport {
  readonly passed: number
  readonly failed: number
  readonly skipped: number
  readonly excluded: { file: string; reason: string }[]
  readonly misses: VectorMiss[]
  readonly timeNotTested: VectorMiss[]
}

const TIME_STATUSES = new Set(['HCERT_EXPIRED', 'HCERT_NOT_YET_VALID'])

/** Every `step`-th file, for --quick: a spread over countries and the generic negative cases. */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items]
  const step = items.length / count
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]!)
}

export function expectedValid(vector: Vector): boolean | undefined {
  const flags = VERIFIER_FLAGS.filter((flag) => vector.expected[flag] !== undefined)
  if (flags.length === 0) return undefined
  return flags.every((flag) => vector.expected[flag] === true)
}

function exclusionOf(vector: Vector, issues: readonly KnownIssue[]): string | undefined {
  for (const flag of VERIFIER_FLAGS) {
    const reason = knownIssueFor(issues, vector.file, vector.country, flag) ?? EXCLUSIONS[vector.file]?.[flag]
    if (reason) return reason
  }
  return undefined
}

export async function runVectors(root: string, options: { limit?: number; progress?: Progress } = {}): Promise<VectorReport> {
  const progress = options.progress ?? silentProgress
  const csv = join(root, 'tests', 'known_issues.csv')
  const issues = existsSync(csv) ? parseKnownIssues(readFileSync(csv, 'utf8')) : []
  const all = listJson(root).filter((path) => !relative(root, path).startsWith(`tests${sep}`))
  const files = options.limit === undefined ? all : spread(all, options.limit)
  const report = {
    passed: 0,
    failed: 0,
    skipped: 0,
    excluded: [] as { file: string; reason: string }[],
    misses: [] as VectorMiss[],
    timeNotTested: [] as VectorMiss[],
  }
  progress.phase('EU conformance vectors through the verifier', files.length)
  for (const path of files) {
    progress.tick()
    const file = relative(root, path).split(sep).join('/')
    let vector: Vector
    try {
      vector = parseVector(file, readFileSync(path, 'utf8'))
    } catch {
      report.skipped++
      continue
    }
    const valid = expectedValid(vector)
    if (valid === undefined || vector.prefix === undefined || vector.certificate === undefined || vector.clock === undefined) {
      report.skipped++
      continue
    }
    let status: string
    try {
      const key = await importDsc(vector.certificate, { source: 'vector' })
      const result = await verifyCertificate({ hc1: vector.prefix }, { keys: createTrustStore([key]).resolve, now: vector.clock })
      status = result.status
    } catch (error) {
      status = (error as { code?: string }).code ?? 'ERROR'
    }
    if ((status === 'VALID') === valid) {
      report.passed++
      continue
    }
    if (valid && TIME_STATUSES.has(status) && vector.expected.EXPECTEDEXPIRATIONCHECK === undefined) {
      report.timeNotTested.push({ file, expected: 'VALID', status })
      continue
    }
    const reason = exclusionOf(vector, issues)
    if (reason) report.excluded.push({ file, reason })
    else {
      report.failed++
      report.misses.push({ file, expected: valid ? 'VALID' : 'rejected', status })
    }
  }
  progress.done(
    `${report.passed} passed, ${report.failed} failed, ${report.excluded.length} known issues, ${report.timeNotTested.length} time not tested, ${report.skipped} skipped`,
  )
  return report
}
