// One hand-made bad certificate per check code, each failing exactly that check (and nothing else),
// signed with a key made here; clean certificates of each type fail nothing. The catalogue itself:
// unique codes, and the strict schema's property lists agree with the official schema file.
import { readFileSync } from 'node:fs'
import { encode as encodePng } from 'fast-png'
import QRCode from 'qrcode'
import { beforeAll, describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { encodeBase45 } from '../hcert/base45.ts'
import { encodeCbor } from '../hcert/cbor.ts'
import { deflateZlib } from '../hcert/zlib.ts'
import { parseRuleSet } from '../rules/load.ts'
import { makeRule } from '../rules/test-rule.ts'
import { CATALOGUE } from './catalogue.ts'
import { checkCertificate, type QaOptions, type QaSubject } from './check-certificate.ts'
import { readPixels } from './pixels.ts'
import { inspectQrImage } from '../runtime/node/qa/qr-inspect.ts'
import { SCHEMA_PROPERTIES } from './schema.ts'
import { EXP, IAT, makeDsc, makeHc1, RECOVERY, TEST, USAGE, VACCINATION, type Hc1Options, type TestDsc } from './test-certificate.ts'

const at = new Date('2022-01-15T12:00:00Z')
const claims = { country: 'DE', version: '1.3.0' }
const DAY = 86_400
const vaccination = (change: Record<string, unknown>) => ({ ...VACCINATION, v: [{ ...VACCINATION.v[0], ...change }] })
const test = (change: Record<string, unknown>) => ({ ...TEST, t: [{ ...TEST.t[0], ...change }] })
const recovery = (change: Record<string, unknown>) => ({ ...RECOVERY, r: [{ ...RECOVERY.r[0], ...change }] })
const rules = parseRuleSet(
  [
    {
      path: 'rule',
      json: makeRule({ Identifier: 'VR-XX-0001', Country: 'XX', Logic: { '>=': [{ var: 'payload.v.0.dn' }, { var: 'payload.v.0.sd' }] } }),
    },
  ],
  {},
)

let dsc: TestDsc
let options: QaOptions
beforeAll(async () => {
  dsc = await makeDsc()
  options = { at, keys: dsc.resolve, inspectQr: inspectQrImage }
})

/** The codes of the checks a certificate fails: given as text, a picture, or HC1 options signed by `dscOf` (default the base DSC). */
async function failures(
  input: Partial<QaSubject> & { hc1?: Hc1Options; dscOf?: TestDsc },
  extra: Partial<QaOptions> = {},
): Promise<string[]> {
  const { hc1, dscOf, ...subject } = input
  const text = subject.text ?? (hc1 ? await makeHc1(dscOf ?? dsc, hc1) : undefined)
  const report = await checkCertificate(
    { path: 'case', claims, ...subject, ...(text !== undefined ? { text } : {}) },
    { ...options, ...extra },
  )
  return report.checks.filter((c) => !c.passed).map((c) => c.code)
}

const base45Of = (bytes: Uint8Array) => `HC1:${encodeBase45(bytes)}`

describe('clean certificates', () => {
  it.each([
    ['vaccination', VACCINATION],
    ['test', TEST],
    ['recovery', RECOVERY],
  ])('a %s certificate fails no check', async (_, payload) => {
    expect(await failures({ hc1: { payload } })).toEqual([])
  })

  it('runs the whole catalogue on a clean picture but the checks of other types', async () => {
    const image = new Uint8Array(
      await QRCode.toBuffer(await makeHc1(dsc, { payload: VACCINATION }), { errorCorrectionLevel: 'Q', margin: 4, scale: 4 }),
    )
    const report = await checkCertificate({ path: 'clean.png', image, claims }, { ...options, rules, countries: ['XX'] })
    expect(report.checks.filter((c) => !c.passed)).toEqual([])
    const typeSpecific = [
      'PLAUS_RAT_DEVICE',
      'PLAUS_RAT_NO_NAME',
      'PLAUS_NAAT_NO_DEVICE',
      'PLAUS_RECOVERY_ORDER',
      'PLAUS_RECOVERY_PERIOD',
      'PLAUS_EXP_DU',
      'VS_TEST_TYPE',
      'VS_TEST_RESULT',
      'SIG_TRUST_GIVEN',
    ]
    const ran = new Set(report.checks.map((c) => c.code))
    expect(CATALOGUE.map((d) => d.code).filter((code) => !ran.has(code) && !typeSpecific.includes(code))).toEqual([])
  })
})

type Case = () => Promise<string[]>
const cases: Record<string, Case> = {
  DECODE_PREFIX: async () => failures({ text: (await makeHc1(dsc, { payload: VACCINATION })).replace('HC1:', 'HC2:') }),
  DECODE_LENIENT_WHITESPACE: async () => failures({ text: ` ${await makeHc1(dsc, { payload: VACCINATION })}\n` }),
  DECODE_BASE45: async () => failures({ text: `${await makeHc1(dsc, { payload: VACCINATION })}a` }),
  DECODE_ZLIB: () => failures({ text: base45Of(Uint8Array.of(0x78, 0x9c, 1, 2, 3, 4, 5)) }),
  DECODE_LENIENT_UNCOMPRESSED: () => failures({ hc1: { payload: VACCINATION, compress: false } }),
  DECODE_COSE: () => failures({ text: base45Of(deflateZlib(encodeCbor([1, 2, 3]))) }),
  DECODE_LENIENT_COSE_TAG: () => failures({ hc1: { payload: VACCINATION, tag: 'none' } }),
  DECODE_LENIENT_KID_UNPROTECTED: () => failures({ hc1: { payload: VACCINATION, kidUnprotected: true } }),
  DECODE_CWT: () => failures({ hc1: { payload: VACCINATION, claims: (c) => c.delete(-260) } }),
  DECODE_LENIENT_CWT_DATES: () => failures({ hc1: { payload: VACCINATION, iat: IAT + 0.5 } }),
  CWT_TIMES: () => failures({ hc1: { payload: VACCINATION, exp: null } }),

  QR_DECODES: async () =>
    failures({
      image: new Uint8Array(await QRCode.toBuffer('HC1:ANOTHER CERTIFICATE', { errorCorrectionLevel: 'Q', margin: 6, scale: 4 })),
      text: await makeHc1(dsc, { payload: VACCINATION }),
    }),
  QR_VERSION: async () => failures({ image: await picture({ version: 30 }) }),
  QR_EC_LEVEL: async () => failures({ image: await picture({ errorCorrectionLevel: 'L' }) }),
  QR_QUIET_ZONE: async () => failures({ image: await picture({ margin: 1 }) }),
  QR_MODULE_SIZE: async () => failures({ image: await picture({ scale: 1 }) }),
  QR_DOWNSCALE: async () => failures({ image: await picture({ scale: 2, margin: 4 }, true) }),

  SCHEMA_VALID: () => failures({ hc1: { payload: { ...VACCINATION, dob: '1880-01-01' } } }),
  SCHEMA_NO_ADDITIONAL: () => failures({ hc1: { payload: vaccination({ extra: 'x' }) } }),
  SCHEMA_VERSION_CURRENT: () =>
    failures({ hc1: { payload: { ...VACCINATION, ver: '1.2.1' } }, claims: { country: 'DE', version: '1.2.1' } }),
  SCHEMA_CLAIMED_VERSION: () => failures({ hc1: { payload: VACCINATION }, claims: { country: 'DE', version: '1.3.2' } }),

  VS_DISEASE: () => failures({ hc1: { payload: vaccination({ tg: '12345' }) } }),
  VS_VACCINE_PRODUCT: () => failures({ hc1: { payload: vaccination({ mp: 'Unknown-Vaccine' }) } }),
  VS_MANUFACTURER: () => failures({ hc1: { payload: vaccination({ ma: 'ORG-1' }) } }),
  VS_PROPHYLAXIS: () => failures({ hc1: { payload: vaccination({ vp: '123' }) } }),
  VS_PRODUCT_CONSISTENT: () => failures({ hc1: { payload: vaccination({ ma: 'ORG-100031184' }) } }),
  VS_DEPRECATED: () => failures({ hc1: { payload: vaccination({ vp: 'J07BX03' }) } }),
  VS_TEST_TYPE: () => failures({ hc1: { payload: test({ tt: 'a test' }) } }),
  VS_TEST_RESULT: () => failures({ hc1: { payload: test({ tr: 'negative' }) } }),
  VS_COUNTRY: () => failures({ hc1: { payload: vaccination({ co: 'XY' }) } }),
  VS_ISSUER: () => failures({ hc1: { payload: vaccination({ is: '  ' }) } }),
  ISS_COUNTRY: async () => {
    const other = await makeDsc({ country: 'XX' })
    return failures(
      { hc1: { payload: vaccination({ ci: 'URN:UVCI:01:XX:QA12345678#3' }), iss: 'XX' }, dscOf: other, claims: { version: '1.3.0' } },
      { keys: other.resolve },
    )
  },
  ISS_CLAIMED_COUNTRY: () => failures({ hc1: { payload: VACCINATION }, claims: { country: 'FR', version: '1.3.0' } }),
  UVCI_SYNTAX: () => failures({ hc1: { payload: vaccination({ ci: 'certificate 42' }) } }),
  UVCI_COUNTRY: () => failures({ hc1: { payload: vaccination({ ci: 'URN:UVCI:01:FR:QA12345678#8' }) } }),
  UVCI_CHECKSUM: () => failures({ hc1: { payload: vaccination({ ci: 'URN:UVCI:01:DE:QA12345678#A' }) } }),

  PLAUS_RAT_DEVICE: () =>
    failures({ hc1: { payload: { ...TEST, t: [{ ...TEST.t[0], ma: undefined }].map(({ ma: _, ...rest }) => rest) } } }),
  PLAUS_RAT_NO_NAME: () => failures({ hc1: { payload: test({ nm: 'Rapid test X' }) } }),
  PLAUS_NAAT_NO_DEVICE: () => failures({ hc1: { payload: test({ tt: 'LP6464-4' }) } }),
  PLAUS_DOSES: () => failures({ hc1: { payload: vaccination({ dn: 3, sd: 2 }) } }),
  PLAUS_RECOVERY_ORDER: () => failures({ hc1: { payload: recovery({ df: '2021-07-01' }) } }),
  PLAUS_RECOVERY_PERIOD: () => failures({ hc1: { payload: recovery({ du: '2022-03-01' }) } }),
  PLAUS_EXP_DU: () => failures({ hc1: { payload: RECOVERY, exp: Date.parse('2022-01-20T00:00:00Z') / 1000 } }),
  PLAUS_FUTURE_DATES: () => failures({ hc1: { payload: vaccination({ dt: '2021-09-10' }) } }),
  CERT_NOT_EXPIRED: () => failures({ hc1: { payload: VACCINATION } }, { at: new Date((EXP + DAY) * 1000) }),

  SIG_TRUST_GIVEN: () => failures({ hc1: { payload: VACCINATION } }, { keys: undefined }),
  SIG_ALGORITHM: () => failures({ hc1: { payload: VACCINATION, alg: -8 } }),
  SIG_KID_KNOWN: () => failures({ hc1: { payload: VACCINATION, kid: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8) } }),
  SIG_VALID: () => failures({ hc1: { payload: VACCINATION, corruptSignature: true } }),
  DSC_PROFILE: async () => {
    const other = await makeDsc({ country: 'FR' })
    return failures({ hc1: { payload: VACCINATION }, dscOf: other }, { keys: other.resolve })
  },
  DSC_KEY_USAGE: async () => {
    const other = await makeDsc({ usages: [USAGE.test] })
    return failures({ hc1: { payload: VACCINATION }, dscOf: other }, { keys: other.resolve })
  },
  DSC_VALIDITY: async () => {
    const other = await makeDsc({ notAfter: new Date('2022-06-01T00:00:00Z') })
    return failures({ hc1: { payload: VACCINATION }, dscOf: other }, { keys: other.resolve })
  },
  RULES_ACCEPTED: () => failures({ hc1: { payload: vaccination({ dn: 1, sd: 2 }) } }, { rules, countries: ['XX'] }),
}

async function picture(qr: QRCode.QRCodeToBufferOptions, blurred = false): Promise<Uint8Array> {
  const text = await makeHc1(dsc, { payload: VACCINATION })
  const png = new Uint8Array(await QRCode.toBuffer(text, { errorCorrectionLevel: 'Q', margin: 4, scale: 4, ...qr }))
  return blurred ? offsetByOnePixel(png) : png
}

/** The picture shifted by one pixel, so that halving averages every module with its neighbour. */
function offsetByOnePixel(png: Uint8Array): Uint8Array {
  const image = readPixels(png)
  const width = image.width + 1
  const height = image.height + 1
  const data = new Uint8Array(width * height * 4).fill(255)
  for (let y = 0; y < image.height; y++)
    data.set(image.data.subarray(y * image.width * 4, (y + 1) * image.width * 4), ((y + 1) * width + 1) * 4)
  return encodePng({ width, height, data, channels: 4, depth: 8 })
}

describe('one bad certificate per check code', () => {
  it('covers every code of the catalogue', () => {
    expect(Object.keys(cases).sort()).toEqual(CATALOGUE.map((d) => d.code).sort())
  })

  it.each(Object.keys(cases))('%s fails exactly that check', async (code) => {
    expect(await cases[code]!()).toEqual([code])
  })
})

describe('the catalogue', () => {
  it('has unique codes, each with a severity and a one-line explanation', () => {
    expect(new Set(CATALOGUE.map((d) => d.code)).size).toBe(CATALOGUE.length)
    for (const d of CATALOGUE) expect(d.explanation).toMatch(/^[^\n]{10,140}$/)
  })

  it("states schema 1.3.x's properties as the official schema file does", () => {
    const schema = JSON.parse(readFileSync(testdataPath('eu-dcc-schema', 'DCC.combined-schema.json'), 'utf8')) as {
      properties: object
      $defs: Record<string, { properties?: object }>
    }
    expect(SCHEMA_PROPERTIES['']).toEqual(Object.keys(schema.properties))
    expect(SCHEMA_PROPERTIES.nam).toEqual(Object.keys(schema.$defs.person_name!.properties!))
    expect(SCHEMA_PROPERTIES.v).toEqual(Object.keys(schema.$defs.vaccination_entry!.properties!))
    expect(SCHEMA_PROPERTIES.t).toEqual(Object.keys(schema.$defs.test_entry!.properties!))
    expect(SCHEMA_PROPERTIES.r).toEqual(Object.keys(schema.$defs.recovery_entry!.properties!))
  })
})
