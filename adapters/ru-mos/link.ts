// Moscow's QR link: https://immune.mos.ru/qr?id=<alphanumeric>. Pure; refuses imitations before any
// request is made. Anything that claims to be Moscow's (mentions mos.ru or immune) but is not exactly
// the real origin is a forgery; anything else is simply not ours.
import { AdapterError, type AdapterLink } from '../_sdk/index.ts'

export const MOS_ORIGIN = 'https://immune.mos.ru'

export interface MosLink extends AdapterLink {
  readonly kind: 'qr'
  /** The certificate number, as the public check API expects it. */
  readonly id: string
}

/** Longest text we look at; real links are about 60 characters. */
const MAX_LENGTH = 512
const ID = /^[A-Za-z0-9]{6,64}$/

function claimsMoscow(text: string): boolean {
  const folded = text.normalize('NFKC').toLowerCase()
  return folded.includes('mos.ru') || folded.includes('immune')
}

function forged(): AdapterError {
  return new AdapterError('LINK_FORGED', 'This link imitates a Moscow (immune.mos.ru) certificate link but does not lead to immune.mos.ru.')
}

/** Returns the link, null when the text is not Moscow's, or throws LINK_FORGED / LINK_UNSUPPORTED / LINK_MALFORMED. */
export function parseMosLink(input: string): MosLink | null {
  const text = input.trim()
  if (text.length === 0) return null
  if (text.length > MAX_LENGTH) return claimsMoscow(text) ? throwMalformed() : null
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return claimsMoscow(text) ? throwMalformed() : null
  }
  if (!claimsMoscow(text) && !claimsMoscow(url.hostname)) return null
  // The exact origin, typed in plain ASCII: no userinfo, no port, no other scheme, no look-alike.
  const exact =
    url.protocol === 'https:' &&
    url.hostname === 'immune.mos.ru' &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    /^https:\/\/immune\.mos\.ru(\/|\?|$)/i.test(text)
  if (!exact) throw forged()
  if (url.pathname !== '/qr' && url.pathname !== '/qr/') {
    throw new AdapterError('LINK_UNSUPPORTED', 'This immune.mos.ru link is not a certificate QR link (expected /qr?id=...).')
  }
  const keys = [...url.searchParams.keys()]
  const id = url.searchParams.get('id')
  if (url.hash !== '' || keys.length !== 1 || keys[0] !== 'id' || id === null || !ID.test(id)) throwMalformed()
  return { kind: 'qr', id: id as string }
}

function throwMalformed(): never {
  throw new AdapterError(
    'LINK_MALFORMED',
    'This immune.mos.ru link has a malformed certificate number (expected /qr?id= followed by 6 to 64 letters or digits).',
  )
}
