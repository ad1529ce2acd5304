// `certbridge trust inspect <file|url|did> [--signer <jwk|did file|url>]... [--json]`: what a trust
// list holds (any format the loader reads), whether its proof verifies against the given signers,
// and how many DSC chains hold. Exit code 0 when readable and not refused, 1 when the signature is
// invalid (or absent while a signer is given), 2 for usage errors and unreadable lists.
import { parseArgs } from 'node:util'
import { CertbridgeError } from '../platform/errors.ts'
import { detectFormat, importTrustListEntries, readTrustList, TrustListError } from '../trust/lists.ts'
import { loadJsonDocument, loadTrustListSigners, parseLocation, readDidList, sourceName } from '../trust/load.ts'
import type { SignatureStatus } from '../trust/gdhcn/proof.ts'

const HELP = `Usage: certbridge trust inspect <file | https URL | did:web:…> [options]

Prints what a trust list holds: its format, whether its proof verifies, its keys by country, the
entries left out by reason and the DSC chains checked (GDHCN DID lists).

Options:
  --signer <file|url|did>  a trust-list signer: a JWK, a DID document, or an https URL / did:web of
                           either (the WHO's signing DID); repeatable
  --json                   print one JSON object: { format, signature, keys, byCountry, skipped, chains }

Exit code: 0 readable, 1 signature invalid (or absent while --signer is given), 2 usage error.`

export interface Inspection {
  readonly format: string
  readonly signature: SignatureStatus
  readonly keys: number
  readonly byCountry: Record<string, number>
  readonly skipped: Record<string, number>
  readonly chains: { readonly valid: number; readonly invalid: number }
}

/** Reads the list at `location` without refusing it, and says what it holds. */
export async function inspectTrustList(location: string, signerLocations: readonly string[]): Promise<Inspection & { reason?: string }> {
  const signers = await loadTrustListSigners(signerLocations)
  const parsed = parseLocation(location)
  const source = sourceName(parsed)
  const json = await loadJsonDocument(parsed, { signers })
  const format = detectFormat(json)
  if (format === 'did') {
    const read = await readDidList(json, source, { signers })
    const { keys, skipped } = await importTrustListEntries(read.entries, read.skipped)
    return {
      format,
      signature: read.signature,
      keys: keys.length,
      byCountry: countries(keys),
      skipped,
      chains: read.chains,
      ...(read.signatureReason ? { reason: read.signatureReason } : {}),
    }
  }
  const read = readTrustList(json, { source, format: 'auto' })
  const { keys, skipped } = await importTrustListEntries(read.entries, read.skipped)
  return {
    format: read.format,
    signature: 'absent',
    keys: keys.length,
    byCountry: countries(keys),
    skipped,
    chains: { valid: 0, invalid: 0 },
  }
}

function countries(keys: readonly { country?: string }[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const key of keys) counts[key.country ?? '??'] = (counts[key.country ?? '??'] ?? 0) + 1
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)))
}

const line = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none'

export interface InspectIo {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
}

const consoleIo: InspectIo = { out: (l) => console.log(l), err: (l) => console.error(l) }

export async function run(argv: string[], io: InspectIo = consoleIo): Promise<number> {
  let values: { signer?: string[]; json?: boolean; help?: boolean }
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { signer: { type: 'string', multiple: true }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }))
  } catch (error) {
    io.err(`trust inspect: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`)
    return 2
  }
  if (values.help) {
    io.out(HELP)
    return 0
  }
  if (positionals.length !== 1) {
    io.err(`trust inspect: give exactly one trust list (file, https URL or did:web)\n\n${HELP}`)
    return 2
  }
  const signers = values.signer ?? []
  let result: Awaited<ReturnType<typeof inspectTrustList>>
  try {
    result = await inspectTrustList(positionals[0]!, signers)
  } catch (error) {
    if (!(error instanceof CertbridgeError) && !(error instanceof TypeError)) throw error
    io.err(
      `trust inspect: ${error.message}${error instanceof TrustListError || error instanceof CertbridgeError ? ` (${error.code})` : ''}`,
    )
    return 2
  }
  const { reason, ...inspection } = result
  if (values.json) io.out(JSON.stringify(inspection))
  else {
    io.out(`format     ${inspection.format}`)
    io.out(`signature  ${inspection.signature}${reason ? ` (${reason})` : ''}`)
    io.out(`keys       ${inspection.keys} (${line(inspection.byCountry)})`)
    io.out(`skipped    ${line(inspection.skipped)}`)
    if (inspection.format === 'did') io.out(`chains     ${inspection.chains.valid} valid, ${inspection.chains.invalid} invalid`)
  }
  const refused = inspection.signature === 'invalid' || (inspection.signature === 'absent' && signers.length > 0)
  if (refused && values.json) io.err(`trust inspect: ${reason ?? 'the signature is invalid'}`)
  return refused ? 1 : 0
}
