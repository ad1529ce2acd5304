// Trust lists (and other JSON documents such as revocation lists) given as configuration: a file
// path, an https URL or a did:web identifier (its did.json), optionally named `NAME=location` (the
// name becomes the keys' source). URLs are fetched with a deadline and a size cap; plain http is
// accepted for loopback only. Files are read with node:fs, imported on demand so that URL-only
// callers (Workers) never load it. GDHCN DID lists are read with their proofs checked against the
// configured trust-list signers (gdhcn/read.ts); a list whose proof fails is refused as a whole.
import { TrustListError, readTrustList, type TrustListFormat } from './lists.ts'
import { createLazyTrustStore, createTrustStore, mergeTrustStores, type TrustStore } from './store.ts'
import { detectFormat, importTrustListEntries, parseTrustList } from './lists.ts'
import { didWebUrl, isDidWeb } from './gdhcn/did.ts'
import { readDidTrustList, type DidListRead } from './gdhcn/read.ts'
import { readTrustListSigners, type TrustListSigner } from './gdhcn/signers.ts'
import type { SignatureStatus } from './gdhcn/proof.ts'

export interface LoadOptions {
  readonly fetch?: typeof fetch
  readonly readFile?: (path: string) => Promise<string>
  readonly timeoutMs?: number
  readonly maxBytes?: number
  /** Keys that may sign DID trust lists; when given, a DID list without a valid proof is refused. */
  readonly signers?: readonly TrustListSigner[]
  /** Reference levels followed below a DID reference list (default 5). */
  readonly didMaxDepth?: number
}

export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024
const DEFAULT_TIMEOUT_MS = 15_000

export interface Location {
  readonly name?: string
  readonly location: string
  readonly isUrl: boolean
}

/** `DE=https://…` → { name: 'DE', location: 'https://…' }; a bare location has no name; a did:web becomes its https URL. */
export function parseLocation(text: string): Location {
  const trimmed = text.trim()
  const named = /^([A-Za-z0-9_-]{1,32})=(.+)$/.exec(trimmed)
  let location = named ? named[2]!.trim() : trimmed
  if (location.startsWith('did:')) {
    if (!isDidWeb(location)) throw new TrustListError('TRUST_LIST_INVALID', `${location.slice(0, 80)}: only did:web identifiers can be resolved.`)
    location = didWebUrl(location)
  }
  return { ...(named ? { name: named[1]! } : {}), location, isUrl: /^https?:\/\//i.test(location) }
}

/** The source name of a list: its given name, else `trustlist_de.json` → 'DE', else the host or file name. */
export function sourceName(location: Location): string {
  if (location.name) return location.name
  const country = /trustlist[_-]([a-z]{2})\.json(?:$|[?#])/i.exec(location.location)
  if (country) return country[1]!.toUpperCase()
  if (location.isUrl) return new URL(location.location).host
  return location.location.split(/[\\/]/).pop() || location.location
}

async function readCapped(response: Response, maxBytes: number, what: string): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > maxBytes) throw new TrustListError('TRUST_LIST_UNAVAILABLE', `${what} is larger than ${maxBytes} bytes.`)
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.length
    if (total > maxBytes) {
      await reader.cancel()
      throw new TrustListError('TRUST_LIST_UNAVAILABLE', `${what} is larger than ${maxBytes} bytes.`)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return new TextDecoder().decode(bytes)
}

async function fetchText(url: URL, options: LoadOptions): Promise<string> {
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]'
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new TrustListError('TRUST_LIST_UNAVAILABLE', `${url.host}: lists are fetched over https only.`)
  }
  let response: Response
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    })
  } catch (error) {
    throw new TrustListError('TRUST_LIST_UNAVAILABLE', `${url.host} could not be reached.`, { cause: error })
  }
  if (!response.ok) {
    await response.body?.cancel()
    throw new TrustListError('TRUST_LIST_UNAVAILABLE', `${url.host} answered HTTP ${response.status}.`)
  }
  const type = response.headers.get('content-type') ?? ''
  if (/html|xml/i.test(type)) {
    await response.body?.cancel()
    throw new TrustListError('TRUST_LIST_UNAVAILABLE', `${url.host} answered ${type.split(';')[0]}, not JSON.`)
  }
  return readCapped(response, options.maxBytes ?? DEFAULT_MAX_BYTES, url.host)
}

async function readLocalFile(path: string, maxBytes: number): Promise<string> {
  const fs = await import('node:fs/promises')
  let size: number
  try {
    size = (await fs.stat(path)).size
  } catch (error) {
    throw new TrustListError('TRUST_LIST_UNAVAILABLE', `${path} cannot be read.`, { cause: error })
  }
  if (size > maxBytes) throw new TrustListError('TRUST_LIST_UNAVAILABLE', `${path} is larger than ${maxBytes} bytes.`)
  return fs.readFile(path, 'utf8')
}

/** Reads the JSON document at a file path or URL. */
export async function loadJsonDocument(location: Location, options: LoadOptions = {}): Promise<unknown> {
  const text = location.isUrl
    ? await fetchText(new URL(location.location), options)
    : options.readFile
      ? await options.readFile(location.location)
      : await readLocalFile(location.location, options.maxBytes ?? DEFAULT_MAX_BYTES)
  try {
    return JSON.parse(text)
  } catch {
    throw new TrustListError('TRUST_LIST_INVALID', `${location.isUrl ? new URL(location.location).host : location.location} is not JSON.`)
  }
}

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
    throw new TrustListError('TRUST_LIST_SIGNATURE', `Trust list ${read.source} is refused: ${read.signatureReason ?? 'its proof does not verify'}.`)
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
export async function loadTrustList(text: string, options: LoadOptions & { eager?: boolean; format?: 'auto' | TrustListFormat } = {}): Promise<LoadedTrustList> {
  const location = parseLocation(text)
  const source = sourceName(location)
  const json = await loadJsonDocument(location, options)
  return trustListFromJson(json, source, options)
}

/** A loaded list from its JSON document (what loadTrustList does after reading it). */
export async function trustListFromJson(json: unknown, source: string, options: LoadOptions & { eager?: boolean; format?: 'auto' | TrustListFormat } = {}): Promise<LoadedTrustList> {
  const format = options.format ?? 'auto'
  if (format === 'did' || (format === 'auto' && detectFormat(json) === 'did')) {
    const read = await readDidList(json, source, options)
    assertSigned(read, (options.signers ?? []).length > 0)
    if (options.eager) {
      const { keys, skipped } = await importTrustListEntries(read.entries, read.skipped)
      return { source, format: 'did', store: createTrustStore(keys), entries: keys.length, skipped, signature: read.signature, chains: read.chains }
    }
    return { source, format: 'did', store: await createLazyTrustStore(read.entries), entries: read.entries.length, skipped: read.skipped, signature: read.signature, chains: read.chains }
  }
  if (options.eager) {
    const parsed = await parseTrustList(json, { source, format })
    return { source, format: parsed.format, store: createTrustStore(parsed.keys), entries: parsed.keys.length, skipped: parsed.skipped }
  }
  const read = readTrustList(json, { source, format })
  return { source, format: read.format, store: await createLazyTrustStore(read.entries), entries: read.entries.length, skipped: read.skipped }
}

/** Loads every configured list into one store (in the given order). */
export async function loadTrustLists(locations: readonly string[], options: LoadOptions & { eager?: boolean } = {}): Promise<{ store: TrustStore; lists: LoadedTrustList[] }> {
  const lists: LoadedTrustList[] = []
  for (const location of locations) lists.push(await loadTrustList(location, options))
  return { store: mergeTrustStores(lists.map((l) => l.store)), lists }
}
