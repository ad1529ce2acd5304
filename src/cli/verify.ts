// `certbridge verify <hc1 | image file> [--trust <file|url|did>]... [--trust-signer <file|url|did>]... [--revocation <file|url>]...
// [--rules <dir> --country <CC>] [--at <iso>] [--json]`: verifies one EU DCC from the command line.
// Exit code 0 for VALID, 1 for any other status (or an image without a readable QR), 2 for usage
// errors (bad options, unreadable files, lists or rules).
import { readFile, stat } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { CertbridgeError } from '../platform/errors.ts'
import { decodeQrImageInWorker } from '../runtime/node/qr/decode-pool.ts'
import { loadRevocationLists } from '../revocation/load.ts'
import { loadRuleSetFromDirectory } from '../runtime/node/rules-dir.ts'
import type { RuleSet } from '../rules/types.ts'
import { loadTrustListSigners, loadTrustLists } from '../trust/load.ts'
import { parseClock } from '../verify/clock.ts'
import { MAX_IMAGE_BYTES } from '../verify/types.ts'
import { formatSummary } from '../verify/summary.ts'
import type { VerifyDeps } from '../verify/types.ts'
import { verifyCertificate } from '../verify/verify.ts'

const HELP = `Usage: certbridge verify <hc1 | image file | text file | -> [options]

Verifies an EU Digital COVID Certificate: the HC1 text itself, a file holding it, '-' for standard
input, or a PNG/JPEG picture of its QR code.

Options:
  --trust <file|url|did>   a trust list (gateway/DE JSON, CH, JWKS, GDHCN DID list; a did:web is read
                           from its did.json); repeatable; NAME=<location> names the list (default:
                           trustlist_de.json → DE, else the file name or host)
  --trust-signer <file|url|did>
                           a key that signs DID trust lists (JWK, DID document, or an https URL /
                           did:web of either); repeatable; default CERTBRIDGE_TRUST_LIST_SIGNERS.
                           With a signer, DID lists whose proof does not verify are refused
  --revocation <file|url>  a revocation list ({hashes:{...}} or {entries:[...]}); repeatable
  --rules <dir>            business rules in the layout <CC>/<RuleID>/rule.json + valuesets/
  --country <CC>           arrival country whose rules apply (needs --rules)
  --at <iso>               validation clock, e.g. 2021-10-15 or 2021-10-15T12:00:00Z (default: now)
  --no-schema              skip the EU DCC schema check
  --json                   print the full result (with the decoded payload) as JSON

Exit code: 0 VALID, 1 any other status, 2 usage error.`

class UsageError extends Error {}

const PNG = [0x89, 0x50, 0x4e, 0x47]
const JPEG = [0xff, 0xd8, 0xff]
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b)

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** The HC1 text from the argument: the text itself, '-', a text file, or a QR picture. */
async function readInput(arg: string): Promise<string> {
  if (arg.trim().toUpperCase().startsWith('HC1:')) return arg.trim()
  if (arg === '-') return (await readStdin()).trim()
  let size: number
  try {
    size = (await stat(arg)).size
  } catch {
    throw new UsageError(`'${arg.length > 40 ? `${arg.slice(0, 40)}…` : arg}' is neither an HC1 text nor a readable file`)
  }
  if (size > MAX_IMAGE_BYTES) throw new UsageError(`${arg} is larger than ${MAX_IMAGE_BYTES} bytes`)
  const bytes = new Uint8Array(await readFile(arg))
  if (startsWith(bytes, PNG) || startsWith(bytes, JPEG)) return decodeQrImageInWorker(bytes, { maxBytes: MAX_IMAGE_BYTES })
  return new TextDecoder().decode(bytes).trim()
}

async function configured<T>(what: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load()
  } catch (error) {
    throw new UsageError(`${what}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

export async function run(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(argv)
  } catch (error) {
    console.error(`verify: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    console.log(HELP)
    return 0
  }
  try {
    if (positionals.length !== 1) throw new UsageError('give exactly one HC1 text, file or -')
    if (values.country !== undefined && values.rules === undefined) throw new UsageError('--country needs --rules <dir>')
    if (values.rules !== undefined && values.country === undefined) throw new UsageError('--rules needs --country <CC>')
    if (values.country !== undefined && !/^[A-Za-z]{2}$/.test(values.country))
      throw new UsageError('--country takes an ISO 3166-1 alpha-2 code, e.g. DE')
    const at = values.at === undefined ? undefined : parseClock(values.at)
    if (values.at !== undefined && !at)
      throw new UsageError('--at takes an ISO 8601 date or date-time with zone, e.g. 2021-10-15T12:00:00Z')

    const signerLocations =
      values['trust-signer'] ??
      (process.env.CERTBRIDGE_TRUST_LIST_SIGNERS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    const signers = await configured('trust-list signer', () => loadTrustListSigners(signerLocations))
    const trust = await configured('trust list', () => loadTrustLists(values.trust ?? [], { signers }))
    const revocation = values.revocation?.length
      ? await configured('revocation list', () => loadRevocationLists(values.revocation ?? []))
      : undefined
    const rules: RuleSet | undefined =
      values.rules !== undefined ? await configured('rules', () => loadRuleSetFromDirectory(values.rules!)) : undefined
    if (trust.lists.length === 0) console.error('verify: no --trust list given: no signature can be checked.')

    let hc1: string
    try {
      hc1 = await readInput(positionals[0]!)
    } catch (error) {
      if (error instanceof CertbridgeError) {
        console.error(`verify: ${error.message} (${error.code})`)
        return 1
      }
      throw error
    }
    const deps: VerifyDeps = {
      keys: trust.store.resolve,
      now: new Date(),
      ...(revocation ? { revocation } : {}),
      ...(rules ? { rules } : {}),
    }
    const result = await verifyCertificate({ hc1 }, deps, {
      ...(at ? { at } : {}),
      ...(values.country ? { country: values.country.toUpperCase() } : {}),
      ...(values['no-schema'] ? { schema: false } : {}),
    })
    console.log(values.json ? JSON.stringify(result, null, 2) : formatSummary(result))
    return result.status === 'VALID' ? 0 : 1
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`verify: ${error.message}`)
    return 2
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      trust: { type: 'string', multiple: true },
      'trust-signer': { type: 'string', multiple: true },
      revocation: { type: 'string', multiple: true },
      rules: { type: 'string' },
      country: { type: 'string' },
      at: { type: 'string' },
      json: { type: 'boolean' },
      'no-schema': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}
