// The harness from start to end: (1) EU vectors through the verifier, (2) the service in sandbox mode
// issuing every issuable sample over HTTP, (3) each certificate through every verifier column,
// (4) each against the rules of every arrival country, (5) one report (report.ts).
import { decodeHc1 } from '../../src/hcert/decode.ts'
import { loadRuleSetFromDirectory } from '../../src/runtime/node/rules-dir.ts'
import type { RuleSet } from '../../src/rules/types.ts'
import { toBase64 } from '../../src/platform/bytes.ts'
import { evaluateCountry, ruleCountries, validationClock } from './countries.ts'
import { HarnessError } from './errors.ts'
import { fetchPublished, fetchSamples, issuable, issueSamples, startSandbox, type Issued } from './issue.ts'
import type { HarnessOptions } from './options.ts'
import { silentProgress, type Progress } from '../../src/cli/progress.ts'
import type { ConformanceSummary, HarnessReport, SampleRow } from './report.ts'
import { runVectors } from './vectors.ts'
import { createCertbridgeVerifier } from './verifiers/certbridge.ts'
import { createCoseJsVerifier } from './verifiers/cose-js.ts'
import { createDccUtilsVerifier, loadDccUtils } from './verifiers/dcc-utils.ts'
import type { HarnessVerifier } from './verifiers/types.ts'

/** --quick: this many vectors (spread over the directory) and issuable samples per adapter. */
export const QUICK_VECTORS = 24
export const QUICK_SAMPLES_PER_ADAPTER = 2

async function loadRules(dir: string): Promise<RuleSet> {
  try {
    return await loadRuleSetFromDirectory(dir)
  } catch (error) {
    throw new HarnessError('HARNESS_RULES', `the rules in ${dir} cannot be loaded (${(error as { code?: string }).code ?? 'error'})`, {
      cause: error,
    })
  }
}

function chooseCountries(ruleSet: RuleSet, requested: readonly string[] | undefined): string[] {
  const available = ruleCountries(ruleSet)
  if (requested === undefined) return available
  const unknown = requested.filter((c) => !available.includes(c))
  if (unknown.length > 0) {
    throw new HarnessError(
      'HARNESS_USAGE',
      `no Acceptance rules for ${unknown.join(', ')} in the rule set (it has ${available.join(', ')})`,
    )
  }
  return [...requested]
}

async function conformance(options: HarnessOptions, progress: Progress): Promise<ConformanceSummary> {
  if (options.vectorsDir === undefined) return { ran: false, passed: 0, failed: 0, excluded: 0, timeNotTested: 0, skipped: 0, misses: [] }
  const report = await runVectors(options.vectorsDir, { ...(options.quick ? { limit: QUICK_VECTORS } : {}), progress })
  return {
    ran: true,
    passed: report.passed,
    failed: report.failed,
    excluded: report.excluded.length,
    timeNotTested: report.timeNotTested.length,
    skipped: report.skipped,
    misses: report.misses,
  }
}

async function row(
  issued: Issued,
  verifiers: readonly HarnessVerifier[],
  verifiedAt: Date,
  ruleSet: RuleSet,
  countries: readonly string[],
  at: Date | undefined,
): Promise<SampleRow> {
  const verdicts: Record<string, string> = {}
  for (const verifier of verifiers) {
    try {
      verdicts[verifier.name] = await verifier.verify(issued.hc1, verifiedAt)
    } catch (error) {
      verdicts[verifier.name] = (error as { code?: string }).code ?? 'VERIFIER_ERROR'
    }
  }
  const decoded = decodeHc1(issued.hc1)
  const iat = new Date((decoded.iat ?? Date.parse(issued.issuedAt) / 1000) * 1000)
  const rulesAt = at ?? iat
  const facts = {
    payload: decoded.payload,
    iat,
    ...(decoded.iss !== undefined ? { iss: decoded.iss } : {}),
    ...(decoded.exp !== undefined ? { exp: new Date(decoded.exp * 1000) } : {}),
    ...(decoded.kid !== undefined ? { kid: toBase64(decoded.kid) } : {}),
  }
  const cells: Record<string, string> = {}
  const failedRules: SampleRow['failedRules'] = {}
  const rulesEvaluated: Record<string, number> = {}
  for (const country of countries) {
    const verdict = evaluateCountry(ruleSet, country, facts, rulesAt)
    cells[country] = verdict.cell
    rulesEvaluated[country] = verdict.evaluated
    if (verdict.failures.length > 0) failedRules[country] = verdict.failures
  }
  const doses = doseEncoding(decoded.payload)
  return {
    adapter: issued.adapter,
    sample: issued.sample,
    type: issued.type,
    ...(doses ? { doses } : {}),
    uvci: issued.uvci,
    verifiers: verdicts,
    countries: cells,
    failedRules,
    rulesEvaluated,
    iat: iat.toISOString(),
    validationClock: validationClock(rulesAt, iat).toISOString(),
  }
}

/** `dn/sd` of a vaccination payload, as the certificate states it; undefined for other types. */
function doseEncoding(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || !('v' in payload) || !Array.isArray(payload.v)) return undefined
  const entry: unknown = payload.v[0]
  if (typeof entry !== 'object' || entry === null || !('dn' in entry) || !('sd' in entry)) return undefined
  return `${String(entry.dn)}/${String(entry.sd)}`
}

export async function runHarness(options: HarnessOptions, progress: Progress = silentProgress): Promise<HarnessReport> {
  const started = Date.now()
  const ruleSet = await loadRules(options.rulesDir)
  const countries = chooseCountries(ruleSet, options.countries)
  const dccUtils = loadDccUtils() // fail before any work when the independent verifier is absent
  const summary = await conformance(options, progress)

  const sandbox = await startSandbox()
  try {
    const samples = issuable(await fetchSamples(sandbox.url), options.quick ? QUICK_SAMPLES_PER_ADAPTER : undefined)
    const { issued, failures } = await issueSamples(sandbox.url, samples, progress)
    const published = await fetchPublished(sandbox.url)
    const verifiers = [
      await createCertbridgeVerifier(published.trustList),
      createDccUtilsVerifier(published.jwks, dccUtils),
      createCoseJsVerifier(published.trustList),
    ]
    const verifiedAt = new Date()
    const rows: SampleRow[] = []
    progress.phase(`verifying (${verifiers.length} verifiers) and evaluating rules (${countries.length} countries)`, issued.length)
    for (const certificate of issued) {
      rows.push(await row(certificate, verifiers, verifiedAt, ruleSet, countries, options.at))
      progress.tick()
    }
    const rejected = rows.reduce((n, r) => n + Object.values(r.verifiers).filter((v) => v !== 'VALID').length, 0)
    progress.done(`${rows.length} certificates, ${rejected} rejections by a verifier`)
    return {
      conformance: summary,
      samples: rows,
      verifiers: verifiers.map((v) => v.name),
      countries,
      verifiedAt: verifiedAt.toISOString(),
      rulesAt: options.at?.toISOString() ?? 'iat',
      rulesDir: options.rulesDir,
      issuanceFailures: failures,
      quick: options.quick,
      durationMs: Date.now() - started,
    }
  } finally {
    await sandbox.close()
  }
}
