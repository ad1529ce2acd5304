// Test helper: EU DCCs signed with a key made for the test, with every part open to corruption, so
// each QA check can be given a certificate that fails it and nothing else. Also the DSC as a trust
// store, and clean base payloads of each type.
import { encodeBase45 } from '../hcert/base45.ts'
import { Tag, encodeCbor } from '../hcert/cbor.ts'
import { sigStructure } from '../hcert/cose.ts'
import { deflateZlib } from '../hcert/zlib.ts'
import { importDsc } from '../trust/dsc.ts'
import type { KeyResolver, TrustedKey } from '../hcert/trusted-key.ts'
import { loadX509 } from '../trust/x509.ts'

export const USAGE = {
  test: '1.3.6.1.4.1.1847.2021.1.1',
  vaccination: '1.3.6.1.4.1.1847.2021.1.2',
  recovery: '1.3.6.1.4.1.1847.2021.1.3',
} as const

export interface TestDsc {
  readonly key: TrustedKey
  readonly privateKey: CryptoKey
  readonly resolve: KeyResolver
}

export async function makeDsc(
  options: { country?: string; usages?: readonly string[]; notBefore?: Date; notAfter?: Date } = {},
): Promise<TestDsc> {
  const x509 = await loadX509()
  const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: `C=${options.country ?? 'DE'}, CN=QA test DSC`,
    keys,
    notBefore: options.notBefore ?? new Date('2021-01-01T00:00:00Z'),
    notAfter: options.notAfter ?? new Date('2026-01-01T00:00:00Z'),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [new x509.ExtendedKeyUsageExtension([...(options.usages ?? Object.values(USAGE))], false)],
  })
  const key = await importDsc(new Uint8Array(certificate.rawData), { source: 'test' })
  const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i])
  return { key, privateKey: keys.privateKey, resolve: (kid) => (same(kid, key.kid) ? [key] : []) }
}

export interface Hc1Options {
  readonly payload: unknown
  readonly iss?: string
  readonly iat?: number
  readonly exp?: number | null
  /** Changes to the CWT claims map before signing. */
  readonly claims?: (claims: Map<number, unknown>) => void
  readonly alg?: number
  readonly kid?: Uint8Array
  readonly kidUnprotected?: boolean
  readonly tag?: 18 | 61 | 'none'
  readonly compress?: boolean
  readonly corruptSignature?: boolean
}

export const IAT = Date.parse('2021-09-02T00:00:00Z') / 1000
export const EXP = Date.parse('2022-09-02T00:00:00Z') / 1000

export async function makeHc1(dsc: TestDsc, options: Hc1Options): Promise<string> {
  const claims = new Map<number, unknown>([
    [1, options.iss ?? 'DE'],
    [4, options.exp === undefined ? EXP : options.exp],
    [6, options.iat ?? IAT],
    [-260, new Map([[1, options.payload]])],
  ])
  if (options.exp === null) claims.delete(4)
  options.claims?.(claims)
  const kid = options.kid ?? dsc.key.kid
  const header = new Map<number, unknown>([[1, options.alg ?? -7]])
  if (!options.kidUnprotected) header.set(4, kid)
  const protectedBytes = encodeCbor(header)
  const unprotected = new Map<number, unknown>(options.kidUnprotected ? [[4, kid]] : [])
  const payload = encodeCbor(claims)
  const signature = new Uint8Array(
    await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, dsc.privateKey, Uint8Array.from(sigStructure(protectedBytes, payload))),
  )
  if (options.corruptSignature) signature[5] = signature[5]! ^ 0xff
  const array = [protectedBytes, unprotected, payload, signature]
  const tag = options.tag ?? 18
  const cose = encodeCbor(tag === 'none' ? array : tag === 61 ? new Tag(new Tag(array, 18), 61) : new Tag(array, 18))
  return `HC1:${encodeBase45(options.compress === false ? cose : deflateZlib(cose))}`
}

const person = { ver: '1.3.0', nam: { fn: 'Musterfrau', fnt: 'MUSTERFRAU', gn: 'Erika', gnt: 'ERIKA' }, dob: '1980-01-01' }

export const VACCINATION = {
  ...person,
  v: [
    {
      tg: '840539006',
      vp: '1119349007',
      mp: 'EU/1/20/1528',
      ma: 'ORG-100030215',
      dn: 2,
      sd: 2,
      dt: '2021-08-01',
      co: 'DE',
      is: 'Test Ministry',
      ci: 'URN:UVCI:01:DE:QA12345678#N',
    },
  ],
}
export const TEST = {
  ...person,
  t: [
    {
      tg: '840539006',
      tt: 'LP217198-3',
      ma: '1232',
      sc: '2021-09-01T10:00:00Z',
      tr: '260415000',
      tc: 'Test centre',
      co: 'DE',
      is: 'Test Ministry',
      ci: 'URN:UVCI:01:DE:QA12345678#N',
    },
  ],
}
export const RECOVERY = {
  ...person,
  r: [
    {
      tg: '840539006',
      fr: '2021-08-01',
      df: '2021-08-15',
      du: '2022-01-27',
      co: 'DE',
      is: 'Test Ministry',
      ci: 'URN:UVCI:01:DE:QA12345678#N',
    },
  ],
}
