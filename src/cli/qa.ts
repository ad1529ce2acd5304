// `certbridge qa <path>... [options]`: mutual-recognition QA of any issuer's certificates, in bulk.
// Reads pictures, HC1 text files, EU test vectors and folders of them (src/runtime/node/qa/inputs.ts), runs
// every check of the catalogue on each (src/qa/check-certificate.ts), prints a table with a progress
// bar on stderr, and writes --json, --html and --junit reports and a --baseline diff.
// Exit code: 0 no error-level check failed, 1 some did, 2 usage error.
import { readFile, writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { createProgress } from './progress.ts'
import { diffBaseline, formatBaselineDiff, parseBaseline } from '../qa/baseline.ts'
import { checkCertificate, type QaOptions } from '../qa/check-certificate.ts'
import { renderQaHtml, type Picture } from '../qa/html.ts'
import { listInputs, readSubjects } from '../runtime/node/qa/inputs.ts'
import { renderJunit } from '../qa/junit.ts'
import { isPng } from '../qa/pixels.ts'
import { inspectQrImage } from '../runtime/node/qa/qr-inspect.ts'
import { buildReport, exitCode } from '../qa/report.ts'
import { formatCheckCounts, formatQaTable, formatTotals } from '../qa/table.ts'
import type { FileReport } from '../qa/types.ts'
import { acceptanceCountries } from '../rules/acceptance.ts'
import { loadRuleSetFromDirectory } from '../runtime/node/rules-dir.ts'
import { loadRuleSetFromUrl } from '../rules/load-url.ts'
import type { RuleSet } from '../rules/types.ts'
import { loadTrustListSigners, loadTrustLists } from '../trust/load.ts'
import { parseClock } from '../verify/clock.ts'

const HELP = `Usage: certbridge qa <path>... [--trust <list>]... [--trust-signer <key>]... [--countries DE,FR,...|all]
                    [--at <date>] [--rules <dir|url>] [--lang <xx>] [--json <file>] [--html <file>]
                    [--junit <file>] [--baseline <previous.json>]

Checks certificates as every verifier would: decoding stages and lenient cases, the QR symbol of
pictures, schema 1.3.x strictly, value sets and their consistency, the UVCI, plausibility by type, the
signature and its DSC against the trust lists, and the business rules of the chosen countries with the
dates from which and until which each accepts the certificate.

Inputs: PNG/JPEG pictures of QR codes, text files of HC1 strings (one per line), EU test vectors
(dgc-testdata JSON: their own DSC and clock are used), and folders of them. A folder in the layout
<CC>/<schema version>/<file> claims each file's issuing country and schema version.

  --trust <file|url>      trust list (gateway/DE JSON, CH, JWKS, GDHCN DID); repeatable; NAME=<location>
  --trust-signer <key>    key that signs DID trust lists (JWK, JWKS, DID document, did:web); repeatable
  --rules <dir|url>       business rules, <CC>/<RuleID>/rule.json + valuesets/ (as the EU test data),
                          or the base URL of a gateway's rule distribution (<url>/rules, <url>/valuesets)
  --countries <list>      arrival countries, comma-separated, or 'all' (default: all with --rules)
  --at <date>             validation clock, ISO 8601 (default: now; test vectors: their own clock)
  --lang <xx>             language of rule descriptions (default en; English when a rule lacks it)
  --json, --html, --junit <file>   write the report
  --baseline <file>       print what changed since a previous --json report

Exit code: 0 no error-level check failed, 1 some did, 2 usage error.`

class UsageError extends Error {}

export async function run(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>['values']
  let positionals: string[]
  try {
    ;({ values, positionals } = parse(argv))
  } catch (error) {
    console.error(`qa: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`)
    return 2
  }
  if (values.help) {
    console.log(HELP)
    return 0
  }
  try {
    return await qa(values, positionals)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`qa: ${error.message}`)
    return 2
  }
}

async function configured<T>(what: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load()
  } catch (error) {
    throw new UsageError(`${what}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

async function qa(values: ReturnType<typeof parse>['values'], paths: string[]): Promise<number> {
  if (paths.length === 0) throw new UsageError('give at least one picture, text file, test vector or folder')
  const at = values.at === undefined ? undefined : parseClock(values.at)
  if (values.at !== undefined && !at)
    throw new UsageError('--at takes an ISO 8601 date or date-time with zone, e.g. 2022-01-15 or 2022-01-15T12:00:00Z')
  if (values.countries !== undefined && values.rules === undefined) throw new UsageError('--countries needs --rules <dir>')
  if (values.lang !== undefined && !/^[a-z]{2}$/i.test(values.lang))
    throw new UsageError('--lang takes a two-letter language code, e.g. de')

  const signers = values['trust-signer']?.length
    ? await configured('trust-list signer', () => loadTrustListSigners(values['trust-signer'] ?? []))
    : []
  const trust = values.trust?.length ? await configured('trust list', () => loadTrustLists(values.trust ?? [], { signers })) : undefined
  for (const list of trust?.lists ?? []) {
    if (list.signature)
      console.error(
        `qa: trust list ${list.source}: proof ${list.signature}${list.chains ? `, DSC chains ${list.chains.valid} valid / ${list.chains.invalid} invalid` : ''}`,
      )
  }
  const rules: RuleSet | undefined = values.rules !== undefined ? await configured('rules', () => loadRules(values.rules!)) : undefined
  const countries = rules ? countriesOf(values.countries, rules) : undefined
  const baseline =
    values.baseline !== undefined
      ? await configured('baseline', async () => parseBaseline(JSON.parse(await readFile(values.baseline!, 'utf8'))))
      : undefined
  const inputs = await configured('input', () => listInputs(paths))

  const options: QaOptions = {
    at: at ?? new Date(),
    inspectQr: inspectQrImage,
    ...(trust ? { keys: trust.store.resolve } : {}),
    ...(rules ? { rules } : {}),
    ...(countries ? { countries } : {}),
    ...(values.lang ? { language: values.lang.toLowerCase() } : {}),
  }
  const progress = createProgress(process.stderr)
  progress.phase('qa', inputs.length)
  const started = performance.now()
  const files: FileReport[] = []
  const pictures = new Map<string, Picture>()
  for (const { file, root } of inputs) {
    let subjects
    try {
      subjects = await readSubjects(file, root)
    } catch (error) {
      files.push({ path: file, decoded: false, checks: [], acceptance: {} })
      console.error(`\nqa: ${file}: ${error instanceof Error ? error.message : String(error)}`)
      progress.tick()
      continue
    }
    for (const subject of subjects) {
      // An explicit --at replaces a test vector's own clock.
      const { at: ownClock, ...rest } = subject
      files.push(await checkCertificate(at ? rest : { ...rest, ...(ownClock ? { at: ownClock } : {}) }, options))
      if (values.html && subject.image)
        pictures.set(subject.path, { type: isPng(subject.image) ? 'image/png' : 'image/jpeg', bytes: subject.image })
    }
    progress.tick()
  }
  const report = buildReport(files)
  progress.done(`${formatTotals(report)} in ${((performance.now() - started) / 1000).toFixed(1)} s`)

  console.log(formatQaTable(report))
  console.log('')
  console.log(formatCheckCounts(report))
  console.log('')
  console.log(formatTotals(report))
  if (values['trust-signer']?.length && !trust) console.error('qa: --trust-signer has no effect without --trust')
  if (!trust) console.error("qa: no --trust list given: signatures were checked only against test vectors' own DSCs.")
  if (baseline) console.log(`\n${formatBaselineDiff(diffBaseline(baseline, report))}`)
  if (values.json) await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`)
  if (values.html) await writeFile(values.html, renderQaHtml(report, pictures))
  if (values.junit) await writeFile(values.junit, renderJunit(report))
  return exitCode(report)
}

/** A rules folder, or the base URL of a gateway's business-rule distribution (GET <url>/rules, …). */
function loadRules(location: string): Promise<RuleSet> {
  return /^https?:\/\//i.test(location) ? loadRuleSetFromUrl(location) : loadRuleSetFromDirectory(location)
}

function countriesOf(option: string | undefined, rules: RuleSet): string[] {
  const known = acceptanceCountries(rules)
  if (option === undefined || option.trim().toLowerCase() === 'all') return known
  const wanted = option
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean)
  const unknown = wanted.filter((c) => !/^[A-Z]{2}$/.test(c))
  if (unknown.length > 0 || wanted.length === 0)
    throw new UsageError(`--countries takes ISO 3166-1 alpha-2 codes or 'all', not ${unknown.join(', ') || 'nothing'}`)
  const missing = wanted.filter((c) => !known.includes(c))
  if (missing.length > 0) console.error(`qa: no Acceptance rules loaded for ${missing.join(', ')}: accepted there by absence of rules`)
  return wanted
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      trust: { type: 'string', multiple: true },
      'trust-signer': { type: 'string', multiple: true },
      countries: { type: 'string' },
      at: { type: 'string' },
      rules: { type: 'string' },
      lang: { type: 'string' },
      json: { type: 'string' },
      html: { type: 'string' },
      junit: { type: 'string' },
      baseline: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}
