// Reads a GDHCN trust list (trust list specification 2.0.0) into trust-list entries. The embedded
// variant lists keys (verificationMethod[].publicKeyJwk with x5c); the reference variant lists the
// DIDs of further lists, resolved here (depth-bounded, each one's id checked and proof verified).
// Every document's proof is checked against the configured signers; only DSCs of the DCC domain
// whose chain checks out (chain.ts) become entries, everything else is counted by reason.
import { fromBase64 } from '../../platform/bytes.ts'
import type { TrustListEntry } from '../lists.ts'
import { createChainChecker } from './chain.ts'
import { isDidTrustList, isRecord } from './did.ts'
import { verifyProof, type SignatureStatus } from './proof.ts'
import type { TrustListSigner } from './signers.ts'

export interface DidListOptions {
  readonly source: string
  readonly signers: readonly TrustListSigner[]
  /** Fetches the document of a referenced DID (reference lists); unresolvable when absent. */
  readonly resolve?: (did: string) => Promise<unknown>
  /** How many reference levels are followed below the given list (default 5). */
  readonly maxDepth?: number
  /** At most this many documents are read in all (default 500). */
  readonly maxDocuments?: number
}

export interface DidListRead {
  readonly format: 'did'
  readonly source: string
  /** 'invalid' when any document's proof fails; 'absent' when any has none or no signer is configured. */
  readonly signature: SignatureStatus
  readonly signatureReason?: string
  readonly entries: readonly TrustListEntry[]
  readonly skipped: Record<string, number>
  readonly chains: { valid: number; invalid: number }
  readonly byCountry: Record<string, number>
  readonly documents: number
  /** Total canonicalization and signature-verification time over all documents, ms. */
  readonly canonicalizeMs: number
  readonly verifyMs: number
}

interface KeyEntry {
  readonly kid?: string
  readonly usage?: string
  readonly domain?: string
  readonly participant?: string
  readonly x5c: readonly string[]
}

const code = (value: unknown) => (isRecord(value) && typeof value.code === 'string' ? value.code.replace(/^#/, '') : undefined)
const SCA_USAGES = new Set(['CSCA', 'SCA'])

export async function readDidTrustList(root: unknown, options: DidListOptions): Promise<DidListRead> {
  const maxDepth = options.maxDepth ?? 5
  const maxDocuments = options.maxDocuments ?? 500
  const skipped: Record<string, number> = {}
  const skip = (reason: string) => void (skipped[reason] = (skipped[reason] ?? 0) + 1)
  const keys: KeyEntry[] = []
  const seen = new Set<string>()
  let signature: SignatureStatus = 'valid'
  let signatureReason: string | undefined
  let documents = 0
  let canonicalizeMs = 0
  let verifyMs = 0

  async function visit(document: unknown, depth: number): Promise<void> {
    if (!isDidTrustList(document)) return void skip('not-a-did-list')
    documents++
    seen.add(document.id as string)
    const check = await verifyProof(document, options.signers)
    canonicalizeMs += check.canonicalizeMs
    verifyMs += check.verifyMs
    if (check.status !== 'valid' && signature !== 'invalid') {
      signature = check.status
      signatureReason = `${document.id}: ${check.reason}`
    }
    // The references of a document whose proof fails are not followed.
    const follow = check.status !== 'invalid'
    for (const method of document.verificationMethod) {
      if (typeof method === 'string') {
        if (!follow || seen.has(method)) continue
        if (depth >= maxDepth) {
          skip('reference-too-deep')
          continue
        }
        if (documents >= maxDocuments) {
          skip('too-many-documents')
          continue
        }
        let referenced: unknown
        try {
          if (!options.resolve) throw new Error('no resolver')
          referenced = await options.resolve(method)
        } catch {
          skip('unresolved-reference')
          continue
        }
        if (!isRecord(referenced) || referenced.id !== method) {
          skip('reference-id-mismatch')
          continue
        }
        await visit(referenced, depth + 1)
        continue
      }
      if (!isRecord(method) || !isRecord(method.publicKeyJwk)) {
        skip('malformed')
        continue
      }
      const jwk = method.publicKeyJwk
      const x5c = Array.isArray(jwk.x5c) ? jwk.x5c.filter((c): c is string => typeof c === 'string') : []
      keys.push({
        x5c,
        ...(typeof jwk.kid === 'string' ? { kid: jwk.kid } : {}),
        ...(code(method.keyusage) ? { usage: code(method.keyusage) } : {}),
        ...(code(method.domain) ? { domain: code(method.domain) } : {}),
        ...(code(method.participant) ? { participant: code(method.participant) } : {}),
      })
    }
  }
  await visit(root, 0)

  // SCAs by participant, from every document read (a reference tree keeps them in their own lists).
  const scas = new Map<string, string[]>()
  for (const key of keys) {
    if (!key.usage || !SCA_USAGES.has(key.usage) || !key.x5c[0]) continue
    const participant = key.participant ?? ''
    scas.set(participant, [...(scas.get(participant) ?? []), key.x5c[0]])
  }
  const checker = await createChainChecker()
  const entries: TrustListEntry[] = []
  const chains = { valid: 0, invalid: 0 }
  const byCountry: Record<string, number> = {}
  for (const key of keys) {
    if (key.usage && SCA_USAGES.has(key.usage)) continue
    if (key.usage !== 'DSC') {
      skip('not-dsc')
      continue
    }
    if (key.domain !== undefined && key.domain !== 'DCC') {
      skip('other-domain')
      continue
    }
    if (!key.x5c[0]) {
      skip('no-certificate')
      continue
    }
    let kid: Uint8Array | undefined
    try {
      kid = key.kid === undefined ? new Uint8Array(0) : fromBase64(key.kid)
    } catch {
      kid = undefined
    }
    if (!kid) {
      skip('bad-kid')
      continue
    }
    const outcome = await checker.check(key.x5c[0], key.x5c[1], scas.get(key.participant ?? '') ?? [])
    if (!outcome.ok) {
      if (outcome.reason !== 'bad-certificate') chains.invalid++
      skip(outcome.reason)
      continue
    }
    chains.valid++
    if (outcome.country) byCountry[outcome.country] = (byCountry[outcome.country] ?? 0) + 1
    entries.push({
      kind: 'certificate',
      kid,
      source: options.source,
      der: fromBase64(key.x5c[0]),
      ...(outcome.country ? { country: outcome.country } : {}),
    })
  }
  return {
    format: 'did',
    source: options.source,
    signature,
    ...(signatureReason ? { signatureReason } : {}),
    entries,
    skipped,
    chains,
    byCountry,
    documents,
    canonicalizeMs,
    verifyMs,
  }
}
