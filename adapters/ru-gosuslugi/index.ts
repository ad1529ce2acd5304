// ru-gosuslugi: Russia's federal Gosuslugi certificate links (DESIGN.md §3.1), through the plug-in contract.
import type { AdapterConfig, CountryAdapter } from '../_sdk/index.ts'
import { parseGosuslugiLink, type GosuslugiLink } from './link.ts'
import { normalizeGosuslugi } from './normalize.ts'
import { baseUrl, retrieveGosuslugi, type GosuslugiRaw } from './retrieve.ts'

function origins(config: AdapterConfig): readonly string[] {
  const list = [new URL(baseUrl(config)).origin]
  if (config.RECORD_SOURCE_URL) list.push(new URL(config.RECORD_SOURCE_URL).origin)
  return [...new Set(list)]
}

export const ruGosuslugi: CountryAdapter<GosuslugiLink, GosuslugiRaw> = {
  id: 'ru-gosuslugi',
  country: 'RU',
  title: 'Russia: Gosuslugi',
  settings: [
    { name: 'BASE_URL', description: 'Origin of the Gosuslugi public check API.', default: 'https://www.gosuslugi.ru' },
    {
      name: 'RECORD_SOURCE_URL',
      description:
        'Base URL of the national record source (event data by certificate id); without it the adapter validates links but issues nothing.',
      required: true,
    },
    { name: 'RECORD_SOURCE_TOKEN', description: 'Bearer token for the record source.', secret: true, required: true },
  ],
  origins,
  match: parseGosuslugiLink,
  // v1-unrz and v2 name the certificate number; v1 and v3 carry an opaque uuid the look-up resolves.
  recordRef: (link) => (link.kind === 'v1-unrz' || link.kind === 'v2' ? `ru-gosuslugi:unrz:${link.unrz}` : undefined),
  retrieve: retrieveGosuslugi,
  normalize: normalizeGosuslugi,
}
