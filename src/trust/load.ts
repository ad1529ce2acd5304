// Trust lists given as configuration (see documents.ts for where they are read from): each is read
// in its format (lists.ts) into a trust store, imported lazily by default. GDHCN DID lists are read
// with their proofs checked against the configured trust-list signers (gdhcn/read.ts); a list whose
// proof fails, or that has none while signers are configured, is refused as a whole.
import { TrustListError, readTrustList, type TrustListFormat } from './lists.ts'
import { createLazyTrustStore, createTrustStore, mergeTrustStores, type TrustStore } from './store.ts'
import { detectFormat, importTrustListEntries, parseTrustList } from './lists.ts'
import { readDidTrustList, type DidListRead } from './gdhcn/read.ts'
import { readTrustListSigners, type TrustListSigner } from './gdhcn/signers.ts'
import type { SignatureStatus } from './gdhcn/proof.ts'
import { loadJsonDocument, parseLocation, sourceName, type LoadOptions } from './documents.ts'

export {
  DEFAULT_MAX_BYTES,
  loadJsonDocument,
  loadJsonIfChanged,
  parseLocation,
  sourceName,
  type LoadOptions,
  type Location,
  type Validators,
} from './documents.ts'

export interface LoadedTrustList {
  readonly source: string
  readonly format: TrustListFormat
  readonly store: TrustStore
  readonly entries: number
  readonly skipped: Record<string, number>
  /** DID lists: the proof's outcome ('absent' when no signer is configured) and the chain counts. */
  readonly signature?: SignatureStatus
  readonly chains?: { readonly valid: number; readonly invalid: number }
}

/** Reads a DID trust list (resolving references through the same loader) without judging its proof. */
export function readDidList(json: unknown, source: string, options: LoadOptions = {}): Promise<DidListRead> {
  return readDidTrustList(json, {
    source,
    signers: options.signers ?? [],
    resolve: (did) => loadJsonDocument(parseLocation(did), options),
    ...(options.didMaxDepth !== undefined ? { maxDepth: options.didMaxDepth } : {}),
  })
}

/** Refuses a DID list whose proof fails, or that has none while signers are configured (TRUST_LIST_SIGNATURE). */
export function assertSigned(read: DidListRead, signersConfigured: boolean): void {
  if (read.signature === 'invalid' || (read.signature === 'absent' && signersConfigured)) {
    throw new TrustListError(
      'TRUST_LIST_SIGNATURE',
      `Trust list ${read.source} is refused: ${read.signatureReason ?? 'its proof does not verify'}.`,
    )
  }
}

/** Trust-list signer keys from JWK files, DID documents, https URLs or did:web identifiers of either. */
export async function loadTrustListSigners(locations: readonly string[], options: LoadOptions = {}): Promise<TrustListSigner[]> {
  const signers: TrustListSigner[] = []
  for (const location of locations) signers.push(...(await readTrustListSigners(await loadJsonDocument(parseLocation(location), options))))
  return signers
}

/**
 * Loads one trust list. By default its keys are imported on first lookup (see store.ts); `eager`
 * imports them all now, which also counts unusable certificates in `skipped` up front.
 */
export async function loadTrustList(
  text: string,
  options: LoadOptions & { eager?: boolean; format?: 'auto' | TrustListFormat } = {},
): Promise<LoadedTrustList> {
  const location = parseLocation(text)
  const source = sourceName(location)
  const json = await loadJsonDocument(location, options)
  return trustListFromJson(json, source, options)
}

/** A loaded list from its JSON document (what loadTrustList does after reading it). */
export async function trustListFromJson(
  json: unknown,
  source: string,
  options: LoadOptions & { eager?: boolean; format?: 'auto' | TrustListFormat } = {},
): Promise<LoadedTrustList> {
  const format = options.format ?? 'auto'
  if (format === 'did' || (format === 'auto' && detectFormat(json) === 'did')) {
    const read = await readDidList(json, source, options)
    assertSigned(read, (options.signers ?? []).length > 0)
    if (options.eager) {
      const { keys, skipped } = await importTrustListEntries(read.entries, read.skipped)
      return {
        source,
        format: 'did',
        store: createTrustStore(keys),
        entries: keys.length,
        skipped,
        signature: read.signature,
        chains: read.chains,
      }
    }
    return {
      source,
      format: 'did',
      store: await createLazyTrustStore(read.entries),
      entries: read.entries.length,
      skipped: read.skipped,
      signature: read.signature,
      chains: read.chains,
    }
  }
  if (options.eager) {
    const parsed = await parseTrustList(json, { source, format })
    return { source, format: parsed.format, store: createTrustStore(parsed.keys), entries: parsed.keys.length, skipped: parsed.skipped }
  }
  const read = readTrustList(json, { source, format })
  return {
    source,
    format: read.format,
    store: await createLazyTrustStore(read.entries),
    entries: read.entries.length,
    skipped: read.skipped,
  }
}

/** Loads every configured list into one store (in the given order). */
export async function loadTrustLists(
  locations: readonly string[],
  options: LoadOptions & { eager?: boolean } = {},
): Promise<{ store: TrustStore; lists: LoadedTrustList[] }> {
  const lists: LoadedTrustList[] = []
  for (const location of locations) lists.push(await loadTrustList(location, options))
  return { store: mergeTrustStores(lists.map((l) => l.store)), lists }
}
