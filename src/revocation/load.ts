// Revocation lists given as configuration (files or URLs, optionally `NAME=location`), read with the
// same loader as trust lists: deadline, size cap, https beyond loopback.
import { loadJsonDocument, parseLocation, sourceName, type LoadOptions } from '../trust/load.ts'
import { TrustListError } from '../trust/lists.ts'
import { mergeRevocationLists, parseRevocationList, RevocationListError, type RevocationList } from './list.ts'

export async function loadRevocationList(text: string, options: LoadOptions = {}): Promise<RevocationList> {
  const location = parseLocation(text)
  let json: unknown
  try {
    json = await loadJsonDocument(location, options)
  } catch (error) {
    if (!(error instanceof TrustListError)) throw error
    const code = error.code === 'TRUST_LIST_INVALID' ? 'REVOCATION_LIST_INVALID' : 'REVOCATION_LIST_UNAVAILABLE'
    throw new RevocationListError(code, error.message, { cause: error })
  }
  return parseRevocationList(json, { source: sourceName(location) })
}

/** Every configured list, plus any given ones (e.g. the bridge's own), as one list. */
export async function loadRevocationLists(
  locations: readonly string[],
  options: LoadOptions & { include?: readonly RevocationList[] } = {},
): Promise<RevocationList> {
  const lists = [...(options.include ?? [])]
  for (const location of locations) lists.push(await loadRevocationList(location, options))
  return mergeRevocationLists(lists)
}
