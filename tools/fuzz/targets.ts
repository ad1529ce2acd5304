// The fuzz targets: every parser that meets untrusted input, each as a fast-check property over real
// inputs mutated and over random input. Property: a valid result or a typed error, within a time bound.
// Used by `npm run fuzz` (tools/fuzz/run.ts, many cases) and by test/fuzz (a fixed-seed share in `npm test`).
import fc from 'fast-check'
import { adapters, matchLink } from '../../adapters/registry.ts'
import { decodeCose, decodeHc1 } from '../../src/hcert/decode.ts'
import { encodeBase45 } from '../../src/hcert/base45.ts'
import { decodeCbor } from '../../src/hcert/cbor.ts'
import { decodeCoseSign1, encodeCoseSign1 } from '../../src/hcert/cose.ts'
import { decodeCwt } from '../../src/hcert/cwt.ts'
import { deflateZlib } from '../../src/hcert/zlib.ts'
import { decodeQrImage } from '../../src/runtime/node/qr/decode.ts'
import { parseRule } from '../../src/rules/parse-rule.ts'
import { parseRuleSet } from '../../src/rules/load.ts'
import { parseTrustList, readTrustList } from '../../src/trust/lists.ts'
import { parseRevocationList } from '../../src/revocation/list.ts'
import { httpProperty } from './targets-http.ts'
import { FuzzFinding, typedAsync, typedSync } from './check.ts'
import { businessRules, hc1Vectors, nationalQrTexts, qrImages, trustLists } from './corpus.ts'
import { anyText, mutatedBytes, mutatedJson, mutatedText } from './mutate.ts'

export interface FuzzTarget {
  readonly name: string
  /** Relative share of the generated cases. */
  readonly weight: number
  /** Builds the property (reading the corpus, starting what it needs); `close` frees it. */
  setup(): Promise<{ property: fc.IRawProperty<any>; close?: () => void }>
}

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'
const base45Text = fc.string({ unit: fc.constantFrom(...BASE45), maxLength: 600 })
const anyBytes = fc.uint8Array({ maxLength: 600 })

const linkCodes = (code: string) => code === 'LINK_UNSUPPORTED' || code === 'LINK_FORGED' || code === 'LINK_MALFORMED'
const hcertCodes = (code: string) => code.startsWith('HCERT_')

/** URL-shaped text around the national hosts: schemes, userinfo, ports, look-alike hosts, paths. */
function urlish(texts: readonly string[]): fc.Arbitrary<string> {
  const hosts = [
    'www.gosuslugi.ru',
    'immune.mos.ru',
    'gosuslugi.ru',
    'www.gosuslugi.ru.evil.example',
    'xn--www-gosuslugi.ru',
    'WWW.GOSUSLUGI.RU',
    'immune.mos.ru.',
    '127.0.0.1',
    '[::1]',
  ]
  const paths = texts.map((t) => t.replace(/^https?:\/\/[^/]+/, ''))
  return fc
    .tuple(
      fc.constantFrom('https://', 'http://', 'HTTPS://', 'https:/', 'https:\\\\', '//', 'ftp://', ''),
      fc.constantFrom('', 'evil@', 'evil\\@', 'a:b@', '%40@'),
      fc.constantFrom(...hosts),
      fc.constantFrom('', ':443', ':80', ':0', ':99999', ':'),
      fc.oneof(fc.constantFrom(...paths), mutatedText(paths, 3)),
    )
    .map((parts) => parts.join(''))
}

function linkProperty() {
  const texts = nationalQrTexts()
  const input = fc.oneof(mutatedText(texts), urlish(texts), anyText, fc.constant(''), fc.string({ minLength: 4_000, maxLength: 5_000 }))
  return fc.property(input, (text) => {
    const matched = typedSync(() => matchLink(text), { codes: linkCodes })
    if (matched && !adapters.includes(matched.adapter)) throw new FuzzFinding('matchLink returned an unknown adapter')
    for (const adapter of adapters) {
      const link = typedSync(() => adapter.match(text.trim()), { codes: linkCodes })
      if (link !== undefined && link !== null && typeof link !== 'object')
        throw new FuzzFinding(`${adapter.id}.match returned ${typeof link}`)
    }
  })
}

function hc1Property() {
  const vectors = hc1Vectors()
  const prefixes = vectors.map((v) => v.prefix)
  const compressed = vectors.flatMap((v) => (v.compressed ? [v.compressed] : []))
  const coses = vectors.flatMap((v) => (v.cose ? [v.cose] : []))
  const cwts = vectors.flatMap((v) => (v.cbor ? [v.cbor] : []))
  const stage = fc.oneof(
    // prefix and base45: the text as scanned
    mutatedText(prefixes).map((text) => ({ text })),
    base45Text.map((b) => ({ text: `HC1:${b}` })),
    anyText.map((text) => ({ text })),
    // zlib: the compressed bytes, mutated, re-encoded in base45
    mutatedBytes(compressed).map((bytes) => ({ text: `HC1:${encodeBase45(bytes)}` })),
    anyBytes.map((bytes) => ({ text: `HC1:${encodeBase45(bytes)}` })),
    // CBOR and COSE: the COSE bytes, mutated, then compressed (or not) and encoded
    fc
      .tuple(mutatedBytes(coses), fc.boolean())
      .map(([bytes, zip]) => ({ text: `HC1:${encodeBase45(zip ? deflateZlib(bytes) : bytes)}`, cose: bytes })),
    // CWT: the signed payload, mutated, inside an intact COSE_Sign1
    fc.tuple(mutatedBytes(cwts), fc.nat({ max: coses.length - 1 })).map(([payload, i]) => {
      const cose = typedSync(() => decodeCoseSign1(coses[i]!))
      const bytes = cose ? encodeCoseSign1(cose.protectedBytes, payload, cose.signature) : payload
      return { text: `HC1:${encodeBase45(deflateZlib(bytes))}`, cose: bytes, cwt: payload }
    }),
    anyBytes.map((bytes) => ({ text: `HC1:${encodeBase45(deflateZlib(bytes))}`, cose: bytes, cwt: bytes })),
  )
  return fc.property(stage, (c: { text: string; cose?: Uint8Array; cwt?: Uint8Array }) => {
    typedSync(() => decodeHc1(c.text), { codes: hcertCodes })
    if (c.cose) typedSync(() => decodeCose(c.cose!, false), { codes: hcertCodes })
    if (c.cwt) {
      typedSync(() => decodeCbor(c.cwt!), { codes: hcertCodes })
      typedSync(() => decodeCwt(c.cwt!), { codes: hcertCodes })
    }
  })
}

function qrImageProperty() {
  const images = qrImages()
  const png = images.filter((b) => b[0] === 0x89)
  const input = fc.oneof(
    { weight: 6, arbitrary: mutatedBytes(images, 6) },
    { weight: 2, arbitrary: mutatedBytes(png, 2).map((b) => headerDimensions(b)) },
    { weight: 1, arbitrary: anyBytes.map((b) => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...b])) },
    { weight: 1, arbitrary: anyBytes.map((b) => Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...b])) },
  )
  return fc.asyncProperty(input, async (bytes) => {
    const text = await typedAsync(() => decodeQrImage(bytes), { budgetMs: 20_000, codes: (code) => code.startsWith('QR_') })
    if (text !== undefined && typeof text !== 'string') throw new FuzzFinding('decodeQrImage returned a non-string')
  })
}

/** A PNG with its IHDR width and height set to large values (a decompression bomb's header). */
function headerDimensions(png: Uint8Array): Uint8Array {
  const copy = png.slice()
  if (copy.length > 24) {
    const view = new DataView(copy.buffer)
    view.setUint32(16, 0x7fff_ffff & (view.getUint32(16) * 4099))
    view.setUint32(20, 0x7fff_ffff & (view.getUint32(20) * 4099))
  }
  return copy
}

function trustListProperty() {
  const lists = trustLists(8)
  const input = fc.oneof({ weight: 4, arbitrary: mutatedJson(lists, 3) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) })
  // Importing keys (X.509 parsing, WebCrypto) costs ~25 ms a list: one case in four goes that far.
  return fc.asyncProperty(
    input,
    fc.nat({ max: 3 }).map((n) => n === 0),
    async (json, parse) => {
      typedSync(() => readTrustList(json, { source: 'fuzz' }), { codes: (c) => c.startsWith('TRUST_LIST_') })
      if (parse) await typedAsync(() => parseTrustList(json, { source: 'fuzz' }), { codes: (c) => c.startsWith('TRUST_LIST_') })
    },
  )
}

function rulesProperty() {
  const { rules, valueSets } = businessRules(40)
  const ruleJson = rules.map((r) => r.json)
  const input = fc.tuple(
    fc.oneof({ weight: 4, arbitrary: mutatedJson(ruleJson, 3) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) }),
    fc.oneof(
      { weight: 3, arbitrary: fc.constant(valueSets) },
      { weight: 1, arbitrary: mutatedJson([valueSets], 2) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    ),
  )
  return fc.property(input, ([rule, sets]) => {
    const codes = (c: string) => c.startsWith('RULES_')
    typedSync(() => parseRule('fuzz/rule.json', rule), { codes })
    typedSync(() => parseRuleSet([{ path: 'fuzz/rule.json', json: rule }, ...rules.slice(0, 2)], sets), { codes })
  })
}

/**
 * Revocation lists in both shapes. `large` adds lists of 150,000 to 250,000 hashes (the EU lists hold
 * millions; a spread into call arguments once overflowed the stack there, see test/fuzz/regressions.test.ts).
 */
function revocationProperty(large: boolean) {
  const hash = fc.oneof(
    fc.constantFrom('AAAAAAAAAAAAAAAAAAAAAA==', 'zZzZzZzZzZzZzZzZzZzZzQ==', '0123456789abcdef0123456789abcdef'),
    fc.string({ maxLength: 60 }),
    fc.jsonValue({ maxDepth: 1 }),
  )
  const types = fc.constantFrom('UCI', 'COUNTRYCODEUCI', 'SIGNATURE', 'uci', '')
  const simple = fc.dictionary(types, fc.array(hash, { maxLength: 20 })).map((hashes) => ({ hashes }))
  const ours = fc
    .array(
      fc.record(
        {
          kid: fc.string({ maxLength: 12 }),
          hashType: types,
          hashes: fc.array(hash, { maxLength: 20 }),
          expires: fc.string({ maxLength: 30 }),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 6 },
    )
    .map((entries) => ({ generatedAt: '2026-01-01T00:00:00Z', entries }))
  const arbitraries: fc.WeightedArbitrary<unknown>[] = [
    simple,
    ours,
    mutatedJson(
      [
        { hashes: { UCI: ['AAAAAAAAAAAAAAAAAAAAAA=='] } },
        { entries: [{ kid: 'a', hashType: 'SIGNATURE', hashes: ['AAAAAAAAAAAAAAAAAAAAAA=='] }] },
      ],
      3,
    ),
    fc.jsonValue({ maxDepth: 4 }),
  ].map((arbitrary) => ({ arbitrary, weight: 50 }))
  // A large list (~0.4 s to parse) is drawn as its length only, so a counterexample stays printable; one case in 201.
  if (large) arbitraries.push({ arbitrary: fc.record({ largeList: fc.integer({ min: 150_000, max: 250_000 }) }), weight: 1 })
  return fc.property(fc.oneof(...arbitraries), (drawn) => {
    const n = (drawn as { largeList?: unknown } | null)?.largeList
    const json = typeof n === 'number' ? { hashes: { UCI: new Array<string>(n).fill('AAAAAAAAAAAAAAAAAAAAAA==') } } : drawn
    typedSync(() => parseRevocationList(json, { source: 'fuzz' }), { codes: (c) => c.startsWith('REVOCATION_LIST_') })
  })
}

/**
 * Every target. `large: false` leaves out the slow, large inputs (revocation lists of 150,000+ hashes),
 * for the fixed-seed share in `npm test`; test/fuzz/regressions.test.ts covers them there.
 */
export function fuzzTargets(options: { large?: boolean } = {}): readonly FuzzTarget[] {
  const large = options.large ?? true
  return [
    { name: 'link matchers', weight: 30, setup: async () => ({ property: linkProperty() }) },
    { name: 'HC1 decoder (prefix, base45, zlib, CBOR, COSE, CWT)', weight: 40, setup: async () => ({ property: hc1Property() }) },
    { name: 'QR image decoder', weight: 1, setup: async () => ({ property: qrImageProperty() }) },
    { name: 'request bodies (POST /v1/certificates, /v1/verify JSON and multipart)', weight: 8, setup: httpProperty },
    { name: 'trust-list readers', weight: 6, setup: async () => ({ property: trustListProperty() }) },
    { name: 'rule-set readers', weight: 15, setup: async () => ({ property: rulesProperty() }) },
    { name: 'revocation-list reader', weight: 5, setup: async () => ({ property: revocationProperty(large) }) },
  ]
}
