// The bridge's revocations as gateway revocation batches (EU DCC gateway / GDHCN TNG, revocation list
// upload): one batch per DSC kid and hash type, at most 1,000 entries each, as JSON
//   { "country": "XX", "expires": "<ISO 8601>", "kid": "<base64 kid>", "hashType": "SIGNATURE",
//     "entries": [ { "hash": "<base64 of the first 16 bytes of SHA-256>" } ] }
// `expires` is when the gateway may drop the batch: the latest expiry of the certificates in it. The
// batch is uploaded CMS-signed by the UP certificate, like a DSC (src/trust/onboard/cms.ts).
import type { RevocationHashType } from './hashes.ts'

/** One revoked certificate that has not expired: its kid, the revocation hashes and its expiry. */
export interface RevokedEntry {
  readonly kid: string
  readonly uciHash: string
  readonly countryUciHash: string
  readonly signatureHashes: readonly string[]
  readonly expiresAt: number
}

export const MAX_BATCH_ENTRIES = 1000

export interface RevocationBatch {
  readonly country: string
  readonly expires: string
  readonly kid: string
  readonly hashType: RevocationHashType
  readonly entries: { readonly hash: string }[]
}

function hashesOf(entry: RevokedEntry, type: RevocationHashType): readonly string[] {
  if (type === 'UCI') return [entry.uciHash]
  if (type === 'COUNTRYCODEUCI') return [entry.countryUciHash]
  return entry.signatureHashes
}

export function revocationBatches(
  entries: readonly RevokedEntry[],
  options: { country: string; hashType: RevocationHashType },
): RevocationBatch[] {
  const byKid = new Map<string, { hashes: Set<string>; expires: number }>()
  for (const entry of entries) {
    const group = byKid.get(entry.kid) ?? { hashes: new Set<string>(), expires: 0 }
    for (const hash of hashesOf(entry, options.hashType)) group.hashes.add(hash)
    group.expires = Math.max(group.expires, entry.expiresAt)
    byKid.set(entry.kid, group)
  }
  const batches: RevocationBatch[] = []
  for (const [kid, group] of [...byKid].sort(([a], [b]) => a.localeCompare(b))) {
    const hashes = [...group.hashes].sort()
    for (let i = 0; i < hashes.length; i += MAX_BATCH_ENTRIES) {
      batches.push({
        country: options.country,
        expires: new Date(group.expires * 1000).toISOString(),
        kid,
        hashType: options.hashType,
        entries: hashes.slice(i, i + MAX_BATCH_ENTRIES).map((hash) => ({ hash })),
      })
    }
  }
  return batches
}
