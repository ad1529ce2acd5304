// Fixtures of the shared contract suite for xx-template: QR texts, and every sandbox record with the
// exact record it must normalise to (or the code it must be refused with). Dated from `today`, like
// the sandbox. The suite derives the standard forgeries of the valid links itself.
import type { ContractFixtures } from '../_sdk/index.ts'
import type { AdapterErrorCode } from '../_sdk/index.ts'
import type { NormalizedRecord } from '../_sdk/index.ts'
import { mapProduct } from './products.ts'
import { certLink, UNKNOWN_ID, xxTemplateFixtures, type XxTemplateFixture } from './sandbox.ts'

function expected(f: XxTemplateFixture): NormalizedRecord | { readonly code: AdapterErrorCode } {
  if (f.expect.code) return { code: f.expect.code as AdapterErrorCode }
  const product = mapProduct(f.record.vaccination.product)
  const { doseNumber, totalDoses, date, country } = f.record.vaccination
  return {
    country: 'XX',
    sourceRef: `xx-template:cert:${f.check.id}`,
    holder: {
      identity: f.record.holder,
      shown: { name: { form: 'clear', fullName: f.check.holder.name }, dateOfBirth: f.check.holder.birthDate },
    },
    event: {
      type: 'vaccination',
      product: product.mp,
      manufacturer: product.ma,
      prophylaxis: product.vp,
      doseNumber,
      totalDoses,
      date,
      country,
    },
    expiresOn: f.check.validUntil,
  }
}

export function contractFixtures(today: string): ContractFixtures {
  const fixtures = xxTemplateFixtures(today)
  const first = certLink(fixtures[0]!.check.id)
  return {
    links: {
      valid: [{ text: first, kind: 'cert' }],
      foreign: [
        'https://www.gosuslugi.ru/covid-cert/verify/9000000000000001?lang=ru&ck=01a1b2c3d4e5f60718293a4b5c6d7e8f',
        'HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N',
        'hello',
      ],
      forged: [
        { text: `https://evil\\@cert.xx-template.example/c/${fixtures[0]!.check.id}`, code: 'LINK_FORGED' },
        { text: 'https://cert.xx-template.example/help', code: 'LINK_UNSUPPORTED' },
        { text: 'https://cert.xx-template.example/c/12ab', code: 'LINK_MALFORMED' },
      ],
    },
    records: [
      ...fixtures.map((f) => ({ name: f.name, qr: certLink(f.check.id), expected: expected(f) })),
      { name: 'not found', qr: certLink(UNKNOWN_ID), expected: { code: 'RECORD_NOT_FOUND' } },
    ],
    faultProbe: first,
  }
}
