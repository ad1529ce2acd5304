// JSON documents named in configuration (trust lists, revocation lists, trust-list signers): a file
// path, an https URL or a did:web identifier (its did.json), optionally named `NAME=location`. URLs
// are fetched with a deadline and a size cap, and with the validators of a previous fetch on
// refresh (If-None-Match / If-Modified-Since); plain http is accepted for loopback only. Files are
// read through a FileReader the runtime edge supplies (src/runtime/node/files.ts): this layer has no
// filesystem of its own, and where the edge supplies none (Workers) a file location is refused.
import { TrustListError } from './lists.ts'
import { didWebUrl, isDidWeb } from './gdhcn/did.ts'
import type { TrustListSigner } from './gdhcn/signers.ts'

/** Local files, as an edge with a filesystem reads them. */
export interface FileReader {
  /** The file's size in bytes; rejects when the file cannot be read. */
  size(path: string): Promise<number>
  readText(path: string): Promise<string>
}

export interface LoadOptions {
  readonly fetch?: typeof fetch
  /** How file locations are read; the reader given to useFileReader when absent. */
  readonly files?: FileReader
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
    if (!isDidWeb(location))
      throw new TrustListError('TRUST_LIST_INVALID', `${location.slice(0, 80)}: only did:web identifiers can be resolved.`)
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

/** HTTP validators of a fetched document, sent back on refresh (If-None-Match / If-Modified-Since). */
export interface Validators {
  readonly etag?: string
  readonly lastModified?: string
}

type Fetched = { readonly notModified: true } | { readonly notModified: false; readonly text: string; readonly validators: Validators }

async function fetchText(url: URL, options: LoadOptions, validators: Validators = {}): Promise<Fetched> {
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]'
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new TrustListError('TRUST_LIST_UNAVAILABLE', `${url.host}: lists are fetched over https only.`)
  }
  const headers: Record<string, string> = { accept: 'application/json' }
  if (validators.etag) headers['if-none-match'] = validators.etag
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified
  let response: Response
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers,
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    })
  } catch (error) {
    throw new TrustListError('TRUST_LIST_UNAVAILABLE', `${url.host} could not be reached.`, { cause: error })
  }
  if (response.status === 304 && (validators.etag || validators.lastModified)) {
    await response.body?.cancel()
    return { notModified: true }
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
  const etag = response.headers.get('etag') ?? undefined
  const lastModified = response.headers.get('last-modified') ?? undefined
  const text = await readCapped(response, options.maxBytes ?? DEFAULT_MAX_BYTES, url.host)
  return { notModified: false, text, validators: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) } }
}

let installed: FileReader | undefined

/**
 * Sets the reader of file locations for callers that pass none (the Node edge installs it for the
 * CLI and the tests); returns the previous one. Without any, file locations are refused.
 */
export function useFileReader(reader: FileReader | undefined): FileReader | undefined {
  const previous = installed
  installed = reader
  return previous
}

async function readLocalFile(path: string, maxBytes: number, files: FileReader | undefined): Promise<string> {
  if (!files) throw new TrustListError('TRUST_LIST_UNAVAILABLE', `${path}: this runtime reads no files; give the location as an https URL.`)
  let size: number
  try {
    size = await files.size(path)
  } catch (error) {
    throw new TrustListError('TRUST_LIST_UNAVAILABLE', `${path} cannot be read.`, { cause: error })
  }
  if (size > maxBytes) throw new TrustListError('TRUST_LIST_UNAVAILABLE', `${path} is larger than ${maxBytes} bytes.`)
  return files.readText(path)
}

/** Reads the JSON document at a file path or URL. */
export async function loadJsonDocument(location: Location, options: LoadOptions = {}): Promise<unknown> {
  const read = await loadJsonIfChanged(location, options)
  if (read.notModified) throw new TrustListError('TRUST_LIST_UNAVAILABLE', 'unexpected 304 Not Modified')
  return read.json
}

/** Reads the JSON document unless the server answers 304 to the validators given (URLs only; files are always read). */
export async function loadJsonIfChanged(
  location: Location,
  options: LoadOptions = {},
  validators: Validators = {},
): Promise<{ notModified: true } | { notModified: false; json: unknown; validators: Validators }> {
  let text: string
  let got: Validators = {}
  if (location.isUrl) {
    const fetched = await fetchText(new URL(location.location), options, validators)
    if (fetched.notModified) return fetched
    ;({ text, validators: got } = fetched)
  } else text = await readLocalFile(location.location, options.maxBytes ?? DEFAULT_MAX_BYTES, options.files ?? installed)
  try {
    return { notModified: false, json: JSON.parse(text), validators: got }
  } catch {
    throw new TrustListError('TRUST_LIST_INVALID', `${location.isUrl ? new URL(location.location).host : location.location} is not JSON.`)
  }
}
