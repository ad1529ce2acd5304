// vn-qr: Vietnam's national personal QR (DESIGN.md §3.3), through the plug-in contract. The QR carries
// identity only; the event comes from the record source, the adapter's only origin.
import type { AdapterConfig, CountryAdapter } from '../_sdk/index.ts'
import { normalizeVn, sourceRef } from './normalize.ts'
import { parseVnQr, type VnLink } from './qr.ts'
import { retrieveVn } from './retrieve.ts'
import type { VnRaw } from './wire.ts'

function origins(config: AdapterConfig): readonly string[] {
  return config.RECORD_SOURCE_URL ? [new URL(config.RECORD_SOURCE_URL).origin] : []
}

export const vnQr: CountryAdapter<VnLink, VnRaw> = {
  id: 'vn-qr',
  country: 'VN',
  title: 'Vietnam: national personal QR',
  settings: [
    {
      name: 'RECORD_SOURCE_URL',
      description: 'Base URL of the national platform record source (health record by QID); without it nothing is issued.',
      required: true,
    },
    {
      name: 'RECORD_SOURCE_TOKEN',
      description: 'Bearer token of the authorised body for the record source.',
      secret: true,
      required: true,
    },
  ],
  origins,
  match: parseVnQr,
  // Every variant of a personal QR for one QID is one record.
  recordRef: (link) => sourceRef(link.qid),
  retrieve: retrieveVn,
  normalize: normalizeVn,
}
