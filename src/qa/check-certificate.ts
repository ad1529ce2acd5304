// src/qa/ (floor: QA): the QA checks of any issuer's certificates and their reports (HTML, JUnit,
// JSON), over the codec, payload, trust, rules and verification. File and image input is the Node
// edge's (src/runtime/node/qa/).
// Every QA check on one certificate: the picture's QR symbol (when there is one), the decoding
// stages, the schema, the codes, the plausibility of what it says, the signature against the given
// trust lists, and the business rules of the chosen countries. What cannot run (a stage after a
// failed one, the signature without trust lists) is left out or said, never guessed.
import type { RuleSet } from '../rules/types.ts'
import type { KeyResolver } from '../hcert/trusted-key.ts'
import { inCatalogueOrder } from './catalogue.ts'
import { decodeChecks } from './decode.ts'
import { plausibilityChecks } from './plausibility.ts'
import { qrChecks, qrUnreadable } from './qr.ts'
import { rulesChecks } from './rules.ts'
import { schemaChecks } from './schema.ts'
import { signatureChecks } from './signature.ts'
import type { CheckResult, Claims, FileReport, QrInspector } from './types.ts'
import { valueSetChecks } from './valuesets.ts'
import type { CountryAcceptance } from '../rules/acceptance.ts'

export interface QaSubject {
  /** Where the certificate came from (a file path, or a name). */
  readonly path: string
  /** The HC1 text, when known. */
  readonly text?: string
  /** A PNG or JPEG picture of its QR code. */
  readonly image?: Uint8Array
  readonly claims?: Claims
  /** Keys for this certificate only (e.g. a test vector's own DSC), instead of the run's. */
  readonly keys?: KeyResolver
  /** A clock for this certificate only (e.g. a test vector's), instead of the run's. */
  readonly at?: Date
}

export interface QaOptions {
  readonly at: Date
  readonly keys?: KeyResolver
  readonly rules?: RuleSet
  readonly countries?: readonly string[]
  readonly language?: string
  /** Reads pictures; without it a picture is reported unreadable. */
  readonly inspectQr?: QrInspector
}

export async function checkCertificate(subject: QaSubject, options: QaOptions): Promise<FileReport> {
  const claims = subject.claims ?? {}
  const at = subject.at ?? options.at
  const checks: CheckResult[] = []
  let acceptance: Record<string, CountryAcceptance> = {}
  const report = (decoded: boolean): FileReport => ({
    path: subject.path,
    ...(claims.country ? { country: claims.country } : {}),
    decoded,
    checks: inCatalogueOrder(checks),
    acceptance,
  })

  let text = subject.text
  if (subject.image) {
    let read: Awaited<ReturnType<QrInspector>> | undefined
    try {
      if (!options.inspectQr) throw new Error('no QR reader available')
      read = await options.inspectQr(subject.image)
    } catch (error) {
      checks.push(qrUnreadable(error instanceof Error ? error.message : 'the picture could not be read'))
    }
    if (read) {
      const symbolChecks = qrChecks(read.symbol)
      if (text !== undefined && read.text.trim() !== text.trim()) {
        symbolChecks[0] = qrUnreadable("the picture's QR holds another text than the file's HC1")
      }
      checks.push(...symbolChecks)
      text ??= read.text
    }
    if (text === undefined) return report(false)
  }
  if (text === undefined) return report(false)

  const { checks: decodeResults, decoded } = decodeChecks(text)
  checks.push(...decodeResults)
  if (!decoded) return report(false)
  checks.push(...schemaChecks(decoded.payload, claims))
  checks.push(...valueSetChecks(decoded.payload, decoded.iss, claims))
  checks.push(...plausibilityChecks(decoded, at))
  checks.push(...(await signatureChecks(decoded, subject.keys ?? options.keys)))
  if (options.rules) {
    const outcome = rulesChecks(decoded, options.rules, {
      at,
      ...(options.countries ? { countries: options.countries } : {}),
      ...(options.language ? { language: options.language } : {}),
    })
    checks.push(...outcome.checks)
    acceptance = outcome.acceptance
  }
  return report(true)
}
