// Standard forgeries of an adapter's own links, derived by the contract suite from every valid link
// so that they do not depend on what the author thought to list: the same path behind `http:`, a
// port, userinfo (both ways round), a trailing dot, a subdomain of the host, the host as a subdomain
// of another, a look-alike letter, and the path on another host. `match` must refuse each with
// LINK_FORGED or return null (not mine); it must never accept one.

export interface Forgery {
  /** What was changed, for the test's title. */
  readonly kind: string
  readonly text: string
}

/** The attacker's host in derived forgeries (a reserved name: it never resolves). */
export const ELSEWHERE = 'evil.example'

/** Cyrillic letters that look like Latin ones: a host with one of them is punycode to the parser. */
const HOMOGLYPHS: Readonly<Record<string, string>> = { a: 'а', c: 'с', e: 'е', i: 'і', o: 'о', p: 'р', s: 'ѕ', x: 'х', y: 'у' }

function homoglyph(host: string): string | undefined {
  for (let i = 0; i < host.length; i++) {
    const look = HOMOGLYPHS[host[i]!]
    if (look) return host.slice(0, i) + look + host.slice(i + 1)
  }
  return undefined
}

/** The forgeries of one link; none when the text is not an http(s) URL (a plain-text QR). */
export function forgeriesOf(text: string): Forgery[] {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return []
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.port) return []
  const host = url.hostname
  const rest = `${url.pathname}${url.search}${url.hash}`
  const forgeries: Forgery[] = [
    { kind: 'a port', text: `${url.protocol}//${host}:8443${rest}` },
    { kind: 'userinfo', text: `${url.protocol}//user@${host}${rest}` },
    { kind: 'its host as userinfo of another', text: `${url.protocol}//${host}@${ELSEWHERE}${rest}` },
    { kind: 'a trailing dot', text: `${url.protocol}//${host}.${rest}` },
    { kind: 'a subdomain of its host', text: `${url.protocol}//login.${host}${rest}` },
    { kind: 'its host under another', text: `${url.protocol}//${host}.${ELSEWHERE}${rest}` },
    { kind: 'the path on another host', text: `${url.protocol}//${ELSEWHERE}${rest}` },
  ]
  if (url.protocol === 'https:') forgeries.unshift({ kind: 'http:', text: `http://${host}${rest}` })
  const lookalike = homoglyph(host)
  if (lookalike) forgeries.push({ kind: 'a look-alike letter', text: `${url.protocol}//${lookalike}${rest}` })
  return forgeries
}

/** Every derived forgery of the valid links, once each. */
export function derivedForgeries(valid: readonly { readonly text: string }[]): Forgery[] {
  const seen = new Set<string>()
  const out: Forgery[] = []
  for (const { text } of valid) {
    for (const forgery of forgeriesOf(text)) {
      if (seen.has(forgery.text)) continue
      seen.add(forgery.text)
      out.push(forgery)
    }
  }
  return out
}
