// What a QR text is, before anything is sent anywhere: the adapter, country and link form, from the
// registry's pure matching (no request to any national system). An `HC1:` text is already an EU DCC.
import { matchLink } from '../../adapters/registry.ts'

export interface LinkDescription {
  readonly adapter: string
  /** ISO 3166-1 alpha-2 of the issuing country; null for an EU DCC (its issuer is inside it). */
  readonly country: string | null
  readonly title: string
  readonly kind: string
}

/** Throws AdapterError LINK_UNSUPPORTED / LINK_FORGED / LINK_MALFORMED like the registry. */
export function describeLink(text: string): LinkDescription {
  const input = text.trim()
  if (/^HC1:/i.test(input)) return { adapter: 'eu-dcc', country: null, title: 'EU Digital COVID Certificate', kind: 'hc1' }
  const { adapter, link } = matchLink(input)
  return { adapter: adapter.id, country: adapter.country, title: adapter.title, kind: link.kind }
}
