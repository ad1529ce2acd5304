// xx-template: certificate links of cert.xx-template.example, through the plug-in contract.
import type { AdapterConfig, CountryAdapter } from '../_sdk/index.ts'
import { parseXxTemplateLink, type XxTemplateLink } from './link.ts'
import { normalizeXxTemplate, sourceRef } from './normalize.ts'
import { baseUrl, retrieveXxTemplate } from './retrieve.ts'
import type { XxTemplateRaw } from './wire.ts'

function origins(config: AdapterConfig): readonly string[] {
  const list = [new URL(baseUrl(config)).origin]
  if (config.RECORD_SOURCE_URL) list.push(new URL(config.RECORD_SOURCE_URL).origin)
  return [...new Set(list)]
}

export const xxTemplate: CountryAdapter<XxTemplateLink, XxTemplateRaw> = {
  id: 'xx-template',
  country: 'XX',
  title: 'XX: cert.xx-template.example',
  settings: [
    { name: 'BASE_URL', description: 'Origin of the national public check API.', default: 'https://cert.xx-template.example' },
    {
      name: 'RECORD_SOURCE_URL',
      description: 'Base URL of the national record source; without it the adapter validates links but issues nothing.',
      required: true,
    },
    { name: 'RECORD_SOURCE_TOKEN', description: 'Bearer token for the record source.', secret: true, required: true },
  ],
  origins,
  match: parseXxTemplateLink,
  recordRef: (link) => sourceRef(link.id),
  retrieve: retrieveXxTemplate,
  normalize: normalizeXxTemplate,
}
