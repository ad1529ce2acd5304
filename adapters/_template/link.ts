// The link of xx-template: https://cert.xx-template.example/c/<certificate id> (12 to 20 digits). Pure;
// refuses imitations before any request is made. Text that mentions the national domain but is not
// exactly the real origin is a forgery; anything else is simply not ours.
import { AdapterError, type AdapterLink } from '../_sdk/index.ts'

export const XX_TEMPLATE_HOST = 'cert.xx-template.example'
export const XX_TEMPLATE_ORIGIN = `https://${XX_TEMPLATE_HOST}`

export interface XxTemplateLink extends AdapterLink {
  readonly kind: 'cert'
  /** The certificate id, as the check API and the record source expect it. */
  readonly id: string
}

/** Longest text we look at; real links are far shorter. */
const MAX_LENGTH = 512
const ID = /^\d{12,20}$/
/** The registrable domain: a text naming it claims to be ours. */
const DOMAIN = XX_TEMPLATE_HOST.split('.').slice(-2).join('.')

const claimsOurs = (text: string) => text.normalize('NFKC').toLowerCase().includes(DOMAIN)

function forged(): AdapterError {
  return new AdapterError('LINK_FORGED', `This link imitates a certificate link of ${XX_TEMPLATE_HOST} but does not lead there.`)
}

function malformed(): never {
  throw new AdapterError(
    'LINK_MALFORMED',
    `This ${XX_TEMPLATE_HOST} link has a malformed certificate id (expected /c/ and 12 to 20 digits).`,
  )
}

/** Returns the link, null when the text is not ours, or throws LINK_FORGED / LINK_UNSUPPORTED / LINK_MALFORMED. */
export function parseXxTemplateLink(input: string): XxTemplateLink | null {
  const text = input.trim()
  if (text.length === 0) return null
  if (text.length > MAX_LENGTH) return claimsOurs(text) ? malformed() : null
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return claimsOurs(text) ? malformed() : null
  }
  if (!claimsOurs(text) && !claimsOurs(url.hostname)) return null
  // The exact origin, as typed: no userinfo, no port, no other scheme, no look-alike, no trailing dot.
  const exact =
    url.protocol === 'https:' &&
    url.hostname === XX_TEMPLATE_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    text.toLowerCase().startsWith(`${XX_TEMPLATE_ORIGIN}/`)
  if (!exact) throw forged()
  const match = /^\/c\/([^/]*)$/.exec(url.pathname)
  if (!match) throw new AdapterError('LINK_UNSUPPORTED', `This ${XX_TEMPLATE_HOST} link is not a certificate link (expected /c/<id>).`)
  const id = match[1]!
  if (url.search !== '' || url.hash !== '' || !ID.test(id)) malformed()
  return { kind: 'cert', id }
}
