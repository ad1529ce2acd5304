// src/revocation/ (floor: revocation): revocation hashes, the lists a verifier reads and the batches
// the bridge uploads. It imports the platform, the codec and trust lists' loading only.
// An in-memory revocation list: sets of revocation hashes per EU hash type, looked up with the hashes
// of the certificate at hand. Lists come from configuration (files or URLs, see load.ts) in either of
// two JSON shapes:
//
//   simple:     { "hashes": { "UCI": ["<base64>", ...], "COUNTRYCODEUCI": [...], "SIGNATURE": [...] } }
//   certbridge: { "entries": [ { "hashType": "UCI", "hashes": ["<base64>", ...], "kid"?, "expires"? } ] }
//               (what GET /v1/revocation-list publishes, so one bridge can read another's list)
//
// A hash is the first 128 bits of SHA-256 (hashes.ts), written as base64 or as 32 hex digits; entries
// of any other length are skipped and counted, not fatal.
import { RevocationError } from './errors.ts'
import { revocationHashBytes, revocationHashTypes, type RevocationHashType, type RevocationInput } from './hashes.ts'
import { fromBase64, fromHex, toBase64 } from '../platform/bytes.ts'

export class RevocationListError extends RevocationError<'REVOCATION_LIST_INVALID' | 'REVOCATION_LIST_UNAVAILABLE'> {}

export interface RevocationList {
  /** Where the list came from (file path, URL, 'certbridge'). */
  readonly sources: readonly string[]
  readonly size: number
  /** Entries that were not 128-bit hashes, skipped while parsing. */
  readonly skipped: number
  has(type: RevocationHashType, hashBase64: string): boolean
  /** The first hash type under which the certificate is listed, or undefined when it is not revoked. */
  match(input: RevocationInput): Promise<RevocationHashType | undefined>
}

type HashSets = Record<RevocationHashType, Set<string>>

function emptySets(): HashSets {
  return { UCI: new Set(), COUNTRYCODEUCI: new Set(), SIGNATURE: new Set() }
}

/** Canonical form of a hash: base64 of exactly 16 bytes; undefined when the text is not such a hash. */
export function normalizeHash(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined
  const value = text.trim()
  if (/^[0-9a-fA-F]{32}$/.test(value)) return toBase64(fromHex(value))
  const b64 = value.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '')
  if (!/^[A-Za-z0-9+/]{22}$/.test(b64)) return undefined
  return toBase64(fromBase64(b64))
}

export function createRevocationList(
  sets: Partial<Record<RevocationHashType, Iterable<string>>>,
  sources: readonly string[] = [],
  skipped = 0,
): RevocationList {
  const own = emptySets()
  let invalid = skipped
  for (const type of revocationHashTypes) {
    for (const hash of sets[type] ?? []) {
      const normal = normalizeHash(hash)
      if (normal) own[type].add(normal)
      else invalid++
    }
  }
  return listOf(own, sources, invalid)
}

function listOf(sets: HashSets, sources: readonly string[], skipped: number): RevocationList {
  const size = revocationHashTypes.reduce((sum, type) => sum + sets[type].size, 0)
  return {
    sources,
    size,
    skipped,
    has(type, hashBase64) {
      const normal = normalizeHash(hashBase64)
      return normal !== undefined && sets[type].has(normal)
    },
    async match(input) {
      for (const type of revocationHashTypes) {
        if (sets[type].size === 0) continue
        if (type === 'SIGNATURE' && !input.signature) continue
        if (type === 'COUNTRYCODEUCI' && (!input.country || !input.uvci)) continue
        if (type === 'UCI' && !input.uvci) continue
        const bytes = await revocationHashBytes(type, input)
        if (sets[type].has(toBase64(bytes))) return type
      }
      return undefined
    },
  }
}

function isHashType(value: unknown): value is RevocationHashType {
  return typeof value === 'string' && (revocationHashTypes as readonly string[]).includes(value)
}

/** Parses a revocation list in the simple or the certbridge shape (see the top of this file). */
export function parseRevocationList(json: unknown, options: { source: string }): RevocationList {
  const sets: Partial<Record<RevocationHashType, string[]>> = {}
  const add = (type: RevocationHashType, hashes: unknown) => {
    if (!Array.isArray(hashes))
      throw new RevocationListError('REVOCATION_LIST_INVALID', `Revocation list ${options.source}: hashes of ${type} must be an array.`)
    const list = (sets[type] ??= [])
    for (const hash of hashes) list.push(hash) // no spread: lists of 100,000+ hashes are real
  }
  if (
    json &&
    typeof json === 'object' &&
    'hashes' in json &&
    json.hashes &&
    typeof json.hashes === 'object' &&
    !Array.isArray(json.hashes)
  ) {
    for (const [type, hashes] of Object.entries(json.hashes)) {
      if (!isHashType(type))
        throw new RevocationListError('REVOCATION_LIST_INVALID', `Revocation list ${options.source}: unknown hash type.`)
      add(type, hashes)
    }
  } else if (json && typeof json === 'object' && 'entries' in json && Array.isArray(json.entries)) {
    for (const entry of json.entries as unknown[]) {
      const type = entry && typeof entry === 'object' && 'hashType' in entry ? entry.hashType : undefined
      if (!isHashType(type))
        throw new RevocationListError('REVOCATION_LIST_INVALID', `Revocation list ${options.source}: an entry has no known hashType.`)
      add(type, (entry as { hashes?: unknown }).hashes)
    }
  } else {
    throw new RevocationListError(
      'REVOCATION_LIST_INVALID',
      `Revocation list ${options.source}: expected { hashes: {...} } or { entries: [...] }.`,
    )
  }
  return createRevocationList(sets, [options.source])
}

/** One list that answers for all of them (the bridge's own plus those from configuration). */
export function mergeRevocationLists(lists: readonly RevocationList[]): RevocationList {
  return {
    sources: lists.flatMap((l) => l.sources),
    size: lists.reduce((sum, l) => sum + l.size, 0),
    skipped: lists.reduce((sum, l) => sum + l.skipped, 0),
    has: (type, hash) => lists.some((l) => l.has(type, hash)),
    async match(input) {
      for (const list of lists) {
        const type = await list.match(input)
        if (type) return type
      }
      return undefined
    },
  }
}
