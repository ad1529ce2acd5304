// The one production check, run by the assembly for both edges (src/service/assemble.ts): everything missing or
// unsafe is collected and named, one line each, and the start is refused with all of them at once.
// Web APIs only; what needs the file system (DATA_DIR modes) is found by the Node edge and passed in.
import { ConfigError, missingForProduction, type Config } from '../config.ts'
import type { CountryAdapter } from '../../adapters/_sdk/adapter.ts'
import { activeDsc, type KeyStore } from '../trust/keystore.ts'
import { loadX509 } from '../trust/x509.ts'

export interface ProductionFacts {
  readonly config: Config
  readonly adapters: readonly CountryAdapter[]
  readonly keyStore?: KeyStore
  readonly adminToken?: string
  readonly now: Date
  /** Problems the edge found itself (Node: a DATA_DIR or database file readable by others). */
  readonly edgeProblems?: readonly string[]
}

/** Least entropy of an admin token, in bits (32 random bytes). */
export const ADMIN_TOKEN_MIN_BITS = 256

/**
 * A generous estimate of a token's entropy: its length times the bits of the smallest alphabet of
 * common classes (digits, lower, upper, other) that holds it. A token of few distinct characters
 * ('aaaa…', 'abab…') counts as the bits of those characters only.
 */
export function tokenEntropyBits(token: string): number {
  const chars = [...token]
  let alphabet = 0
  if (chars.some((c) => /[0-9]/.test(c))) alphabet += 10
  if (chars.some((c) => /[a-z]/.test(c))) alphabet += 26
  if (chars.some((c) => /[A-Z]/.test(c))) alphabet += 26
  if (chars.some((c) => /[^0-9a-zA-Z]/.test(c))) alphabet += 32
  const distinct = new Set(chars).size
  if (distinct < 10) alphabet = Math.min(alphabet, distinct)
  return alphabet <= 1 ? 0 : chars.length * Math.log2(alphabet)
}

/** The subject country (C) of the active DSC, or undefined when it cannot be read. */
async function dscCountry(keyStore: KeyStore, now: Date): Promise<string | undefined> {
  try {
    const x509 = await loadX509()
    const der = activeDsc(keyStore, now).der
    return new x509.X509Certificate(der as Uint8Array<ArrayBuffer>).subjectName.getField('C')[0]
  } catch {
    return undefined
  }
}

/** Every `http:` URL among the enabled adapters' settings and the configured lists. */
function clearTextUrls(config: Config, adapters: readonly CountryAdapter[]): string[] {
  const found: string[] = []
  for (const adapter of adapters) {
    if (!config.enabledAdapters.includes(adapter.id)) continue
    for (const [name, value] of Object.entries(config.adapters[adapter.id] ?? {})) {
      if (typeof value === 'string' && /^http:/i.test(value.trim()))
        found.push(`CERTBRIDGE_${adapter.id.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_${name}`)
    }
  }
  for (const [variable, locations] of [
    ['CERTBRIDGE_TRUST_LISTS', config.trustLists],
    ['CERTBRIDGE_REVOCATION_LISTS', config.revocationLists],
  ] as const) {
    if (locations.some((l) => /(^|=)http:/i.test(l))) found.push(variable)
  }
  return found
}

/** What keeps production from starting, one readable line per problem; empty when none. */
export async function productionProblems(facts: ProductionFacts): Promise<string[]> {
  const { config, keyStore } = facts
  const problems: string[] = []
  const missing = missingForProduction(config, facts.adapters, keyStore !== undefined)
  for (const variable of missing) problems.push(`${variable} is not set`)
  if (facts.adminToken && tokenEntropyBits(facts.adminToken) < ADMIN_TOKEN_MIN_BITS) {
    problems.push('CERTBRIDGE_ADMIN_TOKEN has less than 32 bytes of entropy (make one with `openssl rand -base64 32`)')
  }
  if (config.country === 'XX') problems.push('CERTBRIDGE_COUNTRY is XX, the test country')
  if (keyStore) {
    if (keyStore.test)
      problems.push('the key store holds test keys (made for sandbox mode); make production keys with `certbridge keys init`')
    if (keyStore.country === 'XX') problems.push('the key store is for country XX, the test country')
    const c = await dscCountry(keyStore, facts.now)
    if (c === undefined) problems.push('the active DSC of the key store cannot be read')
    else if (config.country && c !== config.country)
      problems.push(`the CWT issuer country CERTBRIDGE_COUNTRY=${config.country} differs from the DSC's country C=${c}`)
  }
  for (const variable of clearTextUrls(config, facts.adapters))
    problems.push(`${variable} is an http: URL (tokens and records would travel in clear); use https:`)
  problems.push(...(facts.edgeProblems ?? []))
  return problems
}

/** Refuses a production start with every problem named, one per line. */
export async function assertProductionReady(facts: ProductionFacts): Promise<void> {
  const problems = await productionProblems(facts)
  if (problems.length === 0) return
  const code = problems.every((p) => p.endsWith(' is not set')) ? 'CONFIG_MISSING' : 'CONFIG_INVALID'
  throw new ConfigError(code, `production mode refuses to start:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
}
