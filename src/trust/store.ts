// A trust store: trusted keys indexed by kid, answering the verifier's KeyResolver. Kids may collide
// (8 bytes of a hash, and lists overlap), so a lookup returns every key with that kid.
//
// createTrustStore indexes keys already imported; createLazyTrustStore indexes list entries and
// imports those of a kid on its first lookup (then keeps them), which turns loading the DE list from
// ≈ 2 s of certificate parsing into a few milliseconds.
import { importTrustListEntry, type TrustListEntry } from './lists.ts'
import { computeKid } from './dsc.ts'
import { toBase64 } from '../platform/bytes.ts'
import type { KeyResolver, TrustedKey } from '../hcert/trusted-key.ts'

export interface TrustStore {
  readonly resolve: KeyResolver
  /** Number of keys (or not yet imported entries) in the store. */
  readonly size: number
  /** The distinct sources of the keys, e.g. ['certbridge', 'DE', 'CH']. */
  readonly sources: readonly string[]
  /** Entries that failed to import on first use, by reason (lazy stores only). */
  readonly failed: Readonly<Record<string, number>>
}

function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)]
}

export function createTrustStore(keys: readonly TrustedKey[]): TrustStore {
  const byKid = new Map<string, TrustedKey[]>()
  for (const key of keys) {
    const id = toBase64(key.kid)
    const list = byKid.get(id)
    if (list) list.push(key)
    else byKid.set(id, [key])
  }
  return {
    resolve: (kid) => byKid.get(toBase64(kid)) ?? [],
    size: keys.length,
    sources: distinct(keys.map((k) => k.source)),
    failed: {},
  }
}

export async function createLazyTrustStore(entries: readonly TrustListEntry[]): Promise<TrustStore> {
  const byKid = new Map<string, TrustListEntry[]>()
  const imported = new Map<string, Promise<TrustedKey[]>>()
  const failed: Record<string, number> = {}
  for (const entry of entries) {
    // An entry without a kid (allowed by some lists) needs its DER hashed to be found at all.
    const kid = entry.kid.length > 0 ? entry.kid : entry.kind === 'certificate' ? await computeKid(entry.der) : entry.kid
    const id = toBase64(kid)
    const list = byKid.get(id)
    const indexed = kid === entry.kid ? entry : { ...entry, kid }
    if (list) list.push(indexed)
    else byKid.set(id, [indexed])
  }

  async function importAll(pending: readonly TrustListEntry[]): Promise<TrustedKey[]> {
    const keys: TrustedKey[] = []
    for (const entry of pending) {
      try {
        keys.push(await importTrustListEntry(entry))
      } catch (error) {
        const reason = error instanceof Error && 'code' in error ? String(error.code) : 'import-failed'
        failed[reason] = (failed[reason] ?? 0) + 1
      }
    }
    return keys
  }

  return {
    resolve(kid) {
      const id = toBase64(kid)
      let keys = imported.get(id)
      if (!keys) {
        keys = importAll(byKid.get(id) ?? [])
        imported.set(id, keys)
      }
      return keys
    },
    size: entries.length,
    sources: distinct(entries.map((e) => e.source)),
    failed,
  }
}

/** One store answering for several (our own keys first, then foreign lists). */
export function mergeTrustStores(stores: readonly TrustStore[]): TrustStore {
  const failed: Record<string, number> = {}
  return {
    async resolve(kid) {
      const found = await Promise.all(stores.map((s) => s.resolve(kid)))
      return found.flat()
    },
    size: stores.reduce((sum, s) => sum + s.size, 0),
    sources: distinct(stores.flatMap((s) => s.sources)),
    get failed() {
      for (const key of Object.keys(failed)) delete failed[key]
      for (const store of stores) for (const [reason, n] of Object.entries(store.failed)) failed[reason] = (failed[reason] ?? 0) + n
      return failed
    },
  }
}
