// did:web identifiers and GDHCN trust-list documents: where a did:web resolves
// (did:web:<host>:<a>:<b> → https://<host>/<a>/<b>/did.json; a bare host → /.well-known/did.json)
// and whether a JSON document looks like a DID trust list.

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const DID_WEB = /^did:web:([^:#?/]+)((?::[^:#?/]+)*)$/

export function isDidWeb(text: string): boolean {
  return DID_WEB.test(text.trim())
}

/** The https URL of a did:web's document; throws a TypeError for anything else. */
export function didWebUrl(did: string): string {
  const match = DID_WEB.exec(did.trim())
  if (!match) throw new TypeError(`${did.slice(0, 80)} is not a did:web identifier`)
  const host = decodeURIComponent(match[1]!)
  const path = match[2]
    ? match[2]
        .slice(1)
        .split(':')
        .map((segment) => encodeURIComponent(decodeURIComponent(segment)))
    : []
  if (!/^[A-Za-z0-9.-]+(?::\d{1,5})?$/.test(host)) throw new TypeError(`${did.slice(0, 80)}: not a host name`)
  return path.length > 0 ? `https://${host}/${path.join('/')}/did.json` : `https://${host}/.well-known/did.json`
}

/** The did:web of a service reachable at `url` (its host and path; a port is percent-encoded). */
export function didWebOf(url: string | URL): string {
  const { host, pathname } = new URL(url)
  const segments = pathname
    .split('/')
    .filter(Boolean)
    .map((s) => encodeURIComponent(decodeURIComponent(s)))
  return ['did:web', host.replace(':', '%3A'), ...segments].join(':')
}

/** A DID document with a verificationMethod array: a GDHCN trust list (embedded or reference). */
export function isDidTrustList(json: unknown): json is Record<string, unknown> & { verificationMethod: unknown[] } {
  return isRecord(json) && typeof json.id === 'string' && json.id.startsWith('did:') && Array.isArray(json.verificationMethod)
}
