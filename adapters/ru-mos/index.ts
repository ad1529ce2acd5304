// ru-mos: Moscow's immune.mos.ru certificate links (DESIGN.md §3.2), through the plug-in contract.
import type { AdapterConfig, CountryAdapter } from '../_sdk/index.ts'
import { parseMosLink, type MosLink } from './link.ts'
import { normalizeMos, sourceRef } from './normalize.ts'
import { baseUrl, retrieveMos } from './retrieve.ts'
import type { MosRaw } from './wire.ts'

function origins(config: AdapterConfig): readonly string[] {
  const list = [new URL(baseUrl(config)).origin]
  if (config.RECORD_SOURCE_URL) list.push(new URL(config.RECORD_SOURCE_URL).origin)
  return [...new Set(list)]
}

export const ruMos: CountryAdapter<MosLink, MosRaw> = {
  id: 'ru-mos',
  country: 'RU',
  title: 'Russia: Moscow (immune.mos.ru)',
  settings: [
    { name: 'BASE_URL', description: 'Origin of the mos.ru public check API.', default: 'https://immune.mos.ru' },
    {
      name: 'RECORD_SOURCE_URL',
      description:
        'Base URL of the Moscow record source (event data by certificate number); without it the adapter validates links but issues nothing.',
      required: true,
    },
    { name: 'RECORD_SOURCE_TOKEN', description: 'Bearer token for the record source.', secret: true, required: true },
  ],
  origins,
  match: parseMosLink,
  recordRef: (link) => sourceRef(link.id),
  retrieve: retrieveMos,
  normalize: normalizeMos,
}
