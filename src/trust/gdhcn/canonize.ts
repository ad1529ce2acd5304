// URDNA2015 canonicalization of GDHCN trust-list JSON-LD (the one module that wraps jsonld): the
// document loader serves only the contexts kept as data in ./contexts/, so canonicalization never
// reaches the network, and a list naming any other context is refused. It runs in this thread by
// default; the Node edge moves it to a worker thread (canonize-thread.ts, useCanonicalizer), since
// a large list keeps the event loop busy for a tenth of a second or more.
import jsonld from 'jsonld'
import { TrustError } from '../errors.ts'
import * as didV1 from './contexts/did-v1.ts'
import * as jws2020 from './contexts/jws-2020-v1.ts'
import * as tngDev from './contexts/tng-v1-dev.ts'

export class CanonizeError extends TrustError<'TRUST_LIST_INVALID'> {}

/** The contexts a trust list may name, by URL. */
export const KEPT_CONTEXTS: ReadonlyMap<string, unknown> = new Map([didV1, jws2020, tngDev].map((c) => [c.url, c.document]))

async function documentLoader(url: string) {
  const document = KEPT_CONTEXTS.get(url)
  if (document === undefined) throw new CanonizeError('TRUST_LIST_INVALID', `JSON-LD context ${url} is not kept here`)
  return { contextUrl: null, documentUrl: url, document }
}

export type Canonicalizer = (document: unknown) => Promise<string>

let current: Canonicalizer = canonizeHere

/** Replaces where canonicalization runs (e.g. a worker thread); returns the previous one. */
export function useCanonicalizer(canonicalizer: Canonicalizer): Canonicalizer {
  const previous = current
  current = canonicalizer
  return previous
}

/** The document's canonical N-Quads, computed where useCanonicalizer says (this thread by default). */
export function canonize(document: unknown): Promise<string> {
  return current(document)
}

/** The document's canonical N-Quads, in this thread; `safe` refuses terms that the contexts do not define. */
export async function canonizeHere(document: unknown): Promise<string> {
  try {
    return await jsonld.canonize(document, { algorithm: 'URDNA2015', format: 'application/n-quads', documentLoader, safe: true })
  } catch (error) {
    if (error instanceof CanonizeError) throw error
    const found = findCause(error)
    if (found) throw found
    throw new CanonizeError('TRUST_LIST_INVALID', 'the document cannot be canonicalized as JSON-LD', { cause: error })
  }
}

function findCause(error: unknown): CanonizeError | undefined {
  for (let e = error, depth = 0; e && depth < 8; depth++) {
    if (e instanceof CanonizeError) return e
    const details = (e as { details?: { cause?: unknown } }).details
    e = details?.cause ?? (e as { cause?: unknown }).cause
  }
  return undefined
}
