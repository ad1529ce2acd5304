// Gosuslugi certificate links (DESIGN.md §3.1). Pure: QR text → typed link, null when the text is
// not a Gosuslugi link, or a typed refusal. Only the exact origin https://www.gosuslugi.ru is
// accepted (no userinfo, no port, no backslash, no whitespace inside); anything that imitates the
// host name or the certificate paths on another host is LINK_FORGED.
import { AdapterError, type AdapterLink } from '../_sdk/index.ts'

export const GOSUSLUGI_ORIGIN = 'https://www.gosuslugi.ru'
const HOST = 'www.gosuslugi.ru'

export type GosuslugiLink =
  | { readonly kind: 'v1'; readonly uuid: string }
  | { readonly kind: 'v1-unrz'; readonly unrz: string }
  | { readonly kind: 'v2'; readonly unrz: string; readonly ck: string }
  | { readonly kind: 'v3'; readonly uuid: string }

// Compile-time check that every form is an AdapterLink.
export type _IsLink = GosuslugiLink extends AdapterLink ? true : never

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const UNRZ = /^\d{16}$/
const CK = /^[0-9a-f]{32}$/
const LANGS = new Set(['ru', 'en'])

/** Gosuslugi's name, in Latin or Cyrillic, anywhere in the text. */
const MENTIONS_US = /gosuslug|госуслуг/i
/** The certificate paths, whatever the host. */
const OUR_PATH_ANYWHERE = /\/(vaccine\/cert\/verify|covid-cert\/(verify|status))(\/|$)/i

function forged(): AdapterError {
  return new AdapterError('LINK_FORGED', 'This link imitates a Gosuslugi certificate link but does not lead to www.gosuslugi.ru.')
}

function malformed(): AdapterError {
  return new AdapterError('LINK_MALFORMED', 'This Gosuslugi certificate link is damaged or incomplete.')
}

function unsupported(): AdapterError {
  return new AdapterError('LINK_UNSUPPORTED', 'This Gosuslugi link is not a certificate link the bridge can convert.')
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text)
  } catch {
    return null
  }
}

/** Query parameters: only `allowed` names, each at most once. */
function readQuery(url: URL, allowed: readonly string[]): Map<string, string> {
  const params = new Map<string, string>()
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name) || params.has(name)) throw malformed()
    params.set(name, value)
  }
  const lang = params.get('lang')
  if (lang !== undefined && !LANGS.has(lang.toLowerCase())) throw malformed()
  return params
}

function uuidOf(segment: string): string {
  const uuid = segment.toLowerCase()
  if (!UUID_V4.test(uuid)) throw malformed()
  return uuid
}

function routeOf(url: URL): GosuslugiLink {
  if (url.hash !== '') throw malformed()
  const path = url.pathname
  let m: RegExpExecArray | null
  if ((m = /^\/vaccine\/cert\/verify\/unrz\/([^/]*)$/.exec(path))) {
    readQuery(url, ['lang'])
    if (!UNRZ.test(m[1]!)) throw malformed()
    return { kind: 'v1-unrz', unrz: m[1]! }
  }
  if ((m = /^\/vaccine\/cert\/verify\/([^/]*)$/.exec(path))) {
    readQuery(url, ['lang'])
    return { kind: 'v1', uuid: uuidOf(m[1]!) }
  }
  if ((m = /^\/covid-cert\/verify\/([^/]*)$/.exec(path))) {
    const query = readQuery(url, ['lang', 'ck'])
    const ck = query.get('ck')?.toLowerCase()
    if (!UNRZ.test(m[1]!) || ck === undefined || !CK.test(ck)) throw malformed()
    return { kind: 'v2', unrz: m[1]!, ck }
  }
  if ((m = /^\/covid-cert\/status\/([^/]*)$/.exec(path))) {
    readQuery(url, ['lang'])
    return { kind: 'v3', uuid: uuidOf(m[1]!) }
  }
  throw unsupported()
}

/** A certificate number typed by hand: 16 digits, in groups separated by spaces or hyphens. */
const TYPED_NUMBER = /^\d{4}(?:[ -]?\d{4}){3}$/

export function parseGosuslugiLink(input: string): GosuslugiLink | null {
  const text = input.trim()
  // People type the number printed under the QR ("0000 6598 8746 9988"): it names the certificate
  // as the v1-unrz link does, the one form that needs nothing but the number.
  if (TYPED_NUMBER.test(text)) return { kind: 'v1-unrz', unrz: text.replace(/[ -]/g, '') }
  const url = parseUrl(text)
  const imitates = MENTIONS_US.test(text) || OUR_PATH_ANYWHERE.test(text)
  if (!imitates) return null
  if (url === null) {
    // Not a URL at all: free text that names Gosuslugi is simply not a link, unless it starts like one.
    if (/^https:\/\/www\.gosuslugi\.ru\//i.test(text)) throw malformed()
    // An unparsable URL (e.g. invalid punycode) that carries our name or paths is an imitation.
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && (MENTIONS_US.test(text) || OUR_PATH_ANYWHERE.test(text))) throw forged()
    return null
  }
  // The WHATWG parser silently drops tabs and newlines and reads '\' as '/': neither is in a real link.
  if (/[\s\\]/.test(text) || !/^https:\/\/www\.gosuslugi\.ru\//i.test(text)) throw forged()
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '' || url.hostname !== HOST) throw forged()
  return routeOf(url)
}
