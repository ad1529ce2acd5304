// Foreign trust lists → trusted keys. Three JSON shapes are read (see ../shared/testdata/trustlists/):
//
//   gateway  { certificates: [ { kid, rawData, certificateType?, country?, ... } ] }
//            the EU gateway / DE shape; the AT and SE snapshots are the same without type and country
//   ch       { "<kid>": [ { use, alg, crv, x, y, n, e } ] }   Switzerland: bare public keys, no certificates;
//            `use` letters: v vaccination, t test, r recovery (combined, e.g. "tvr"), sig any, l light only
//   jwks     { keys: [ { kid, kty, crv, x, y | n, e, x5c? } ] }   e.g. our own /.well-known/jwks.json
//   did      a GDHCN DID trust list { id: 'did:…', verificationMethod: [...], proof }: detected here,
//            read by ./gdhcn/read.ts through loadTrustList (its proof and chains need async work)
//
// Reading is split in two: readTrustList is synchronous and cheap (no certificate parsing, no crypto),
// and importTrustListEntry turns one entry into a TrustedKey. Parsing a certificate costs ≈ 1 ms and
// importing its key ≈ 0.6 ms here, so a verifier can index the 832 DE keys by kid at once and import
// a key only when a certificate names it (store.ts). Unusable entries are skipped and counted by
// reason; one bad entry never fails the whole list.
import { TrustError } from './errors.ts'
import { importDsc } from './dsc.ts'
import { fromBase64, toBase64Url } from '../platform/bytes.ts'
import type { CertificateType } from '../hcert/certificate-type.ts'
import type { TrustedKey } from '../hcert/trusted-key.ts'

export type TrustListFormat = 'gateway' | 'ch' | 'jwks' | 'did'

export class TrustListError extends TrustError<'TRUST_LIST_INVALID' | 'TRUST_LIST_UNAVAILABLE' | 'TRUST_LIST_SIGNATURE'> {}

export interface BareKey {
  readonly kty: 'EC' | 'RSA'
  readonly x?: Uint8Array
  readonly y?: Uint8Array
  readonly n?: Uint8Array
  readonly e?: Uint8Array
}

/** One usable-looking entry of a list, not yet imported. */
export type TrustListEntry =
  | { readonly kind: 'certificate'; readonly kid: Uint8Array; readonly source: string; readonly country?: string; readonly der: Uint8Array }
  | {
      readonly kind: 'key'
      readonly kid: Uint8Array
      readonly source: string
      readonly country?: string
      readonly key: BareKey
      readonly allowedTypes?: ReadonlySet<CertificateType>
    }

export interface TrustListRead {
  readonly format: TrustListFormat
  readonly source: string
  readonly entries: readonly TrustListEntry[]
  /** Entries left out, by reason (e.g. 'not-dsc', 'bad-kid', 'light-only', 'unsupported-key'). */
  readonly skipped: Record<string, number>
}

export interface TrustListOptions {
  readonly format?: 'auto' | TrustListFormat
  /** Which list this is, e.g. 'DE'; becomes TrustedKey.source. */
  readonly source: string
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

export function detectFormat(json: unknown): TrustListFormat | undefined {
  if (!isRecord(json)) return undefined
  if (typeof json.id === 'string' && json.id.startsWith('did:') && Array.isArray(json.verificationMethod)) return 'did'
  if (Array.isArray(json.certificates)) return 'gateway'
  if (Array.isArray(json.keys)) return 'jwks'
  const values = Object.values(json)
  if (values.length > 0 && values.every((v) => Array.isArray(v) && v.every((k) => isRecord(k) && 'use' in k))) return 'ch'
  return undefined
}

function decodeField(value: unknown): Uint8Array | undefined {
  if (typeof value !== 'string' || value === '') return undefined
  try {
    return fromBase64(value)
  } catch {
    return undefined
  }
}

const useLetters: Record<string, CertificateType> = { v: 'vaccination', t: 'test', r: 'recovery' }

/** Swiss `use` → allowed types: undefined = any type, null = not for EU DCCs (light certificates). */
export function typesFromUse(use: unknown): ReadonlySet<CertificateType> | undefined | null {
  if (use === 'sig' || use === undefined || use === null) return undefined
  if (typeof use !== 'string' || !/^[vtrl]+$/.test(use)) return null
  const types = new Set<CertificateType>()
  for (const letter of use) if (useLetters[letter]) types.add(useLetters[letter])
  return types.size > 0 ? types : null
}

function bareKey(jwk: Record<string, unknown>): BareKey | undefined {
  const kty = jwk.kty ?? (jwk.crv ? 'EC' : jwk.n ? 'RSA' : undefined)
  if (kty === 'EC' && (jwk.crv === 'P-256' || jwk.crv === undefined)) {
    const x = decodeField(jwk.x)
    const y = decodeField(jwk.y)
    return x?.length === 32 && y?.length === 32 ? { kty: 'EC', x, y } : undefined
  }
  if (kty === 'RSA') {
    const n = decodeField(jwk.n)
    const e = decodeField(jwk.e)
    return n && e && n.length >= 128 ? { kty: 'RSA', n, e } : undefined
  }
  return undefined
}

/** Reads the list's structure: no certificate is parsed and no key imported yet. */
export function readTrustList(json: unknown, options: TrustListOptions): TrustListRead {
  const format = !options.format || options.format === 'auto' ? detectFormat(json) : options.format
  if (!format)
    throw new TrustListError(
      'TRUST_LIST_INVALID',
      `Trust list ${options.source}: unknown format (expected gateway, CH, JWKS or DID trust-list JSON).`,
    )
  const { source } = options
  if (format === 'did')
    throw new TrustListError(
      'TRUST_LIST_INVALID',
      `Trust list ${source}: a DID trust list is read with its proof and chains (loadTrustList).`,
    )
  const entries: TrustListEntry[] = []
  const skipped: Record<string, number> = {}
  const skip = (reason: string) => void (skipped[reason] = (skipped[reason] ?? 0) + 1)

  if (format === 'gateway') {
    if (!isRecord(json) || !Array.isArray(json.certificates))
      throw new TrustListError('TRUST_LIST_INVALID', `Trust list ${source}: no certificates array.`)
    for (const item of json.certificates as unknown[]) {
      if (!isRecord(item)) {
        skip('malformed')
        continue
      }
      if (item.certificateType !== undefined && item.certificateType !== 'DSC') {
        skip('not-dsc')
        continue
      }
      const der = decodeField(item.rawData)
      if (!der) {
        skip('no-certificate')
        continue
      }
      const kid = item.kid === undefined ? undefined : decodeField(item.kid)
      if (item.kid !== undefined && !kid) {
        skip('bad-kid')
        continue
      }
      const country = typeof item.country === 'string' && /^[A-Z]{2}$/.test(item.country) ? item.country : undefined
      // A missing kid is computed from the DER on import; the placeholder is empty until then.
      entries.push({ kind: 'certificate', kid: kid ?? new Uint8Array(0), source, der, ...(country ? { country } : {}) })
    }
  } else if (format === 'ch') {
    if (!isRecord(json)) throw new TrustListError('TRUST_LIST_INVALID', `Trust list ${source}: not an object of kids.`)
    for (const [kidText, keys] of Object.entries(json)) {
      const kid = decodeField(kidText)
      for (const jwk of Array.isArray(keys) ? keys : []) {
        if (!kid) {
          skip('bad-kid')
          continue
        }
        if (!isRecord(jwk)) {
          skip('malformed')
          continue
        }
        const allowedTypes = typesFromUse(jwk.use)
        if (allowedTypes === null) {
          skip('light-only')
          continue
        }
        const key = bareKey(jwk)
        if (!key) {
          skip('unsupported-key')
          continue
        }
        entries.push({ kind: 'key', kid, source, key, ...(allowedTypes ? { allowedTypes } : {}) })
      }
    }
  } else {
    if (!isRecord(json) || !Array.isArray(json.keys)) throw new TrustListError('TRUST_LIST_INVALID', `Trust list ${source}: no keys array.`)
    for (const jwk of json.keys as unknown[]) {
      if (!isRecord(jwk)) {
        skip('malformed')
        continue
      }
      const kid = decodeField(jwk.kid)
      const der = Array.isArray(jwk.x5c) ? decodeField(jwk.x5c[0]) : undefined
      if (der) {
        entries.push({ kind: 'certificate', kid: kid ?? new Uint8Array(0), source, der })
        continue
      }
      if (!kid) {
        skip('bad-kid')
        continue
      }
      const key = bareKey(jwk)
      if (!key) {
        skip('unsupported-key')
        continue
      }
      entries.push({ kind: 'key', kid, source, key })
    }
  }
  return { format, source, entries, skipped }
}

function stripLeadingZeros(bytes: Uint8Array): Uint8Array {
  let i = 0
  while (i < bytes.length - 1 && bytes[i] === 0) i++
  return bytes.subarray(i)
}

async function importBareKey(key: BareKey): Promise<{ publicKey: CryptoKey; algorithm: -7 | -37 }> {
  if (key.kty === 'EC') {
    const jwk = { kty: 'EC', crv: 'P-256', x: toBase64Url(key.x!), y: toBase64Url(key.y!), ext: true }
    return { publicKey: await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']), algorithm: -7 }
  }
  const jwk = { kty: 'RSA', n: toBase64Url(stripLeadingZeros(key.n!)), e: toBase64Url(stripLeadingZeros(key.e!)), ext: true }
  return { publicKey: await crypto.subtle.importKey('jwk', jwk, { name: 'RSA-PSS', hash: 'SHA-256' }, true, ['verify']), algorithm: -37 }
}

/** Imports one entry; throws a typed error when its certificate or key is unusable. */
export async function importTrustListEntry(entry: TrustListEntry): Promise<TrustedKey> {
  if (entry.kind === 'certificate') {
    const key = await importDsc(entry.der, { source: entry.source, ...(entry.country ? { country: entry.country } : {}) })
    // The list's kid is what issuers put in their COSE headers: keep it when the list states one.
    return entry.kid.length > 0 ? { ...key, kid: entry.kid } : key
  }
  try {
    const { publicKey, algorithm } = await importBareKey(entry.key)
    return {
      kid: entry.kid,
      publicKey,
      algorithm,
      source: entry.source,
      ...(entry.country ? { country: entry.country } : {}),
      ...(entry.allowedTypes ? { allowedTypes: entry.allowedTypes } : {}),
    }
  } catch (error) {
    throw new TrustListError('TRUST_LIST_INVALID', `Trust list ${entry.source}: a public key cannot be imported.`, { cause: error })
  }
}

export interface TrustListParsed {
  readonly format: TrustListFormat
  readonly source: string
  readonly keys: TrustedKey[]
  readonly skipped: Record<string, number>
}

/** Reads and imports every entry at once (see store.ts for importing on first use instead). */
export async function parseTrustList(json: unknown, options: TrustListOptions): Promise<TrustListParsed> {
  const read = readTrustList(json, options)
  const { keys, skipped } = await importTrustListEntries(read.entries, read.skipped)
  return { format: read.format, source: read.source, keys, skipped }
}

/** Imports every entry; those that fail are counted as 'unusable-key' beside the given counts. */
export async function importTrustListEntries(
  entries: readonly TrustListEntry[],
  skippedBefore: Record<string, number> = {},
): Promise<{ keys: TrustedKey[]; skipped: Record<string, number> }> {
  const skipped = { ...skippedBefore }
  const keys: TrustedKey[] = []
  for (const entry of entries) {
    try {
      keys.push(await importTrustListEntry(entry))
    } catch {
      skipped['unusable-key'] = (skipped['unusable-key'] ?? 0) + 1
    }
  }
  return { keys, skipped }
}
