import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { Decoder } from 'cbor-x'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { validateDcc } from './schema.ts'

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'))

describe('validateDcc on the official schema tests (eu-dcc-schema 1.3.3)', () => {
  for (const kind of ['valid', 'invalid'] as const) {
    const dir = testdataPath('eu-dcc-schema', 'test', kind)
    for (const file of readdirSync(dir)) {
      it(`${kind}/${file}`, () => {
        const result = validateDcc(readJson(join(dir, file)))
        expect(result.valid).toBe(kind === 'valid')
        expect(result.errors.length === 0).toBe(kind === 'valid')
      })
    }
  }

  it('accepts every example payload of the schema repository', () => {
    const root = testdataPath('eu-dcc-schema', 'examples')
    const files = listJson(root)
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) expect(validateDcc(readJson(file)), relative(root, file)).toEqual({ valid: true, errors: [] })
  })
})

// Conformance vectors: EXPECTEDSCHEMAVALIDATION judges the signed payload (the CBOR field), which the
// JSON field mirrors except in a few files. Vectors the EU maintainers list as wrong, and the Polish
// value-set cases, are the only disagreements, each with its reason.
const VALUE_SET_CASES =
  'expects value-set membership (RAT device 9999, country XY, manufacturer ORG-99999999), which the schema does not state: it names value sets without enumerating them'
const DISAGREEMENTS: Record<string, string> = {
  'PL/1.0.0/2DCode/raw/7.json': VALUE_SET_CASES,
  'PL/1.0.0/2DCode/raw/8.json': VALUE_SET_CASES,
  'PL/1.0.0/2DCode/raw/9.json': VALUE_SET_CASES,
  'PL/1.2.1/2DCode/raw/7.json': VALUE_SET_CASES,
  'PL/1.2.1/2DCode/raw/8.json': VALUE_SET_CASES,
  'PL/1.2.1/2DCode/raw/9.json': VALUE_SET_CASES,
  'PL/1.3.0/2DCode/raw/7.json': VALUE_SET_CASES,
  'PL/1.3.0/2DCode/raw/8.json': VALUE_SET_CASES,
  'PL/1.3.0/2DCode/raw/9.json': VALUE_SET_CASES,
}

describe('validateDcc on the EU conformance vectors (dgc-testdata, schema 1.0–1.3 payloads)', () => {
  const root = testdataPath('dgc-testdata')
  const knownWrong = knownSchemaIssues(readFileSync(join(root, 'tests', 'known_issues.csv'), 'utf8'))
  const decoder = new Decoder({ mapsAsObjects: true, useRecords: false })
  const vectors = listJson(root).filter((file) => /2dcode/i.test(file))
  const cases: { file: string; payload: unknown; json: unknown; expected: boolean }[] = []
  for (const path of vectors) {
    const vector = readJson(path) as { JSON?: unknown; CBOR?: string; EXPECTEDRESULTS?: Record<string, unknown> }
    const expected = vector.EXPECTEDRESULTS?.['EXPECTEDSCHEMAVALIDATION']
    if (typeof expected !== 'boolean') continue
    const payload = vector.CBOR ? decodeOrUndefined(decoder, vector.CBOR) : vector.JSON
    if (payload === undefined) continue
    cases.push({ file: relative(root, path).split('\\').join('/'), payload, json: vector.JSON, expected })
  }

  it('covers the vectors that state a schema expectation', () => {
    expect(cases.length).toBeGreaterThan(500)
    expect(new Set(cases.map((c) => (c.payload as { ver?: string }).ver))).toEqual(new Set(['1.0.0', '1.0.4', '1.1.0', '1.2.1', '1.3.0']))
  })

  it('agrees with every expectation not recorded as wrong', () => {
    const misses: string[] = []
    let agreed = 0
    for (const { file, payload, expected } of cases) {
      if (DISAGREEMENTS[file] || knownWrong(file)) continue
      if (validateDcc(payload).valid === expected) agreed++
      else misses.push(file)
    }
    expect(misses).toEqual([])
    expect(agreed).toBeGreaterThan(200)
  })

  it('judges the JSON field as the signed payload, except where the JSON names another holder', () => {
    const copiedJson = new Set(['PL/1.3.0/2DCode/raw/1.json', 'PL/1.3.0/2DCode/raw/5.json'])
    const misses = cases
      .filter((c) => c.json !== undefined && !copiedJson.has(c.file))
      .filter((c) => validateDcc(c.json).valid !== validateDcc(c.payload).valid)
      .map((c) => c.file)
    expect(misses).toEqual([])
    for (const file of copiedJson) {
      const found = cases.find((c) => c.file === file)
      expect(validateDcc(found?.json).errors.map((e) => e.path)).toEqual(['/nam/fnt', '/nam/gnt'])
    }
  })

  it('disagrees only where the reason is written down', () => {
    for (const file of Object.keys(DISAGREEMENTS)) {
      const found = cases.find((c) => c.file === file)
      expect(found, file).toBeDefined()
      expect(validateDcc(found?.payload).valid).toBe(!found?.expected)
    }
  })
})

describe('validateDcc, rule by rule', () => {
  const base = {
    ver: '1.3.0',
    nam: { fn: 'Иванов', fnt: 'IVANOV', gn: 'Иван', gnt: 'IVAN' },
    dob: '1980-02-29',
    v: [
      {
        tg: '840539006',
        vp: '29061000087103',
        mp: 'Sputnik-V',
        ma: 'Gamaleya-Research-Institute',
        dn: 2,
        sd: 2,
        dt: '2021-06-01',
        co: 'RU',
        is: 'certbridge',
        ci: 'URN:UVCI:01:RU:ABC#1',
      },
    ],
  }
  const withEntry = (patch: Record<string, unknown>) => ({ ...base, v: [{ ...base.v[0], ...patch }] })
  const paths = (payload: unknown) => validateDcc(payload).errors.map((e) => e.path)

  it('accepts a complete vaccination payload', () => {
    expect(validateDcc(base)).toEqual({ valid: true, errors: [] })
  })
  it('rejects what is not an object', () => {
    for (const value of [null, [], 'HC1:', 42, undefined]) expect(paths(value)).toEqual([''])
  })
  it('requires exactly one of v, t, r with one entry', () => {
    const { v, ...none } = base
    expect(paths(none)).toEqual([''])
    expect(paths({ ...base, r: [] })).toContain('')
    expect(paths({ ...base, v: [] })).toEqual(['/v'])
    expect(paths({ ...base, v: [v[0], v[0]] })).toEqual(['/v'])
    expect(paths({ ...base, v: {} })).toEqual(['/v'])
  })
  it('requires ver, nam and dob', () => {
    const { ver, nam, dob, ...rest } = base
    expect(paths(rest).sort()).toEqual(['/dob', '/nam', '/ver'])
    expect([ver, nam, dob]).toBeDefined()
  })
  it('checks ver and dob patterns', () => {
    expect(paths({ ...base, ver: '1.3' })).toEqual(['/ver'])
    expect(paths({ ...base, ver: '1x3x0' })).toEqual([]) // the schema's unescaped dot
    for (const dob of ['', '1900', '2099-12', '1964-00', '1979-04-14']) expect(paths({ ...base, dob })).toEqual([])
    for (const dob of ['1899-12-31', '2100', '79-04-14', '1979-4-14', '1979-04-14T00:00:00', 19790414]) {
      expect(paths({ ...base, dob })).toEqual(['/dob'])
    }
  })
  it('checks names: fnt or gnt, ICAO characters, 80 code points', () => {
    expect(paths({ ...base, nam: { fn: 'Ivanov', gn: 'Ivan' } })).toEqual(['/nam'])
    expect(paths({ ...base, nam: { gnt: '' } })).toEqual([])
    expect(paths({ ...base, nam: { fnt: 'Ivanov' } })).toEqual(['/nam/fnt'])
    expect(paths({ ...base, nam: { fnt: 'IVANOV IVAN' } })).toEqual(['/nam/fnt'])
    expect(paths({ ...base, nam: { fnt: 'A'.repeat(81) } })).toEqual(['/nam/fnt'])
    expect(paths({ ...base, nam: { fnt: 'A'.repeat(80), gn: '😀'.repeat(80) } })).toEqual([])
    expect(paths({ ...base, nam: { fnt: 'A', gn: '😀'.repeat(81) } })).toEqual(['/nam/gn'])
    expect(paths({ ...base, nam: 'IVANOV' })).toEqual(['/nam'])
  })
  it('checks doses, dates, country and lengths of a vaccination entry', () => {
    expect(paths(withEntry({ dn: 0 }))).toEqual(['/v/0/dn'])
    expect(paths(withEntry({ sd: 1.5 }))).toEqual(['/v/0/sd'])
    expect(paths(withEntry({ dn: '1' }))).toEqual(['/v/0/dn'])
    expect(paths(withEntry({ dn: 12, sd: 12 }))).toEqual([]) // no maximum since 1.3.0
    expect(paths(withEntry({ dt: '2021-02-30' }))).toEqual(['/v/0/dt'])
    expect(paths(withEntry({ dt: '2021-06-01T10:00:00+02:00' }))).toEqual([]) // as EU verifiers accept
    expect(paths(withEntry({ dt: '01.06.2021' }))).toEqual(['/v/0/dt'])
    expect(paths(withEntry({ co: '' }))).toEqual(['/v/0/co'])
    expect(paths(withEntry({ co: 'ru' }))).toEqual(['/v/0/co'])
    expect(paths(withEntry({ co: 'UNHCR' }))).toEqual([])
    expect(paths(withEntry({ is: 'x'.repeat(81) }))).toEqual(['/v/0/is'])
    expect(paths(withEntry({ ci: undefined }))).toEqual(['/v/0/ci'])
    expect(paths(withEntry({ mp: 7 }))).toEqual(['/v/0/mp'])
    expect(paths(withEntry({ extra: true }))).toEqual([]) // the schema leaves objects open
  })
  it('checks test entries: sc is an RFC 3339 date-time with offset', () => {
    const { v, ...rest } = base
    const t = { tg: '840539006', tt: 'LP6464-4', sc: '2021-10-01T08:30:00+03:00', tr: '260415000', co: 'RU', is: 'x', ci: v[0]?.ci }
    expect(paths({ ...rest, t: [t] })).toEqual([])
    expect(paths({ ...rest, t: [{ ...t, sc: '2021-10-01T08:30:00.123Z', nm: 'PCR', tc: 'Lab' }] })).toEqual([])
    for (const sc of ['2021-10-01T08:30:00', '2021-10-01', '2021-10-01T24:00:00Z', '2021-13-01T08:30:00Z']) {
      expect(paths({ ...rest, t: [{ ...t, sc }] })).toEqual(['/t/0/sc'])
    }
    expect(paths({ ...rest, t: [{ ...t, tc: 'x'.repeat(81) }] })).toEqual(['/t/0/tc'])
  })
  it('checks recovery entries', () => {
    const { v, ...rest } = base
    const r = { tg: '840539006', fr: '2021-06-01', co: 'RU', is: 'x', df: '2021-06-12', du: '2021-11-28', ci: v[0]?.ci }
    expect(paths({ ...rest, r: [r] })).toEqual([])
    const { du, ...noUntil } = r
    expect(paths({ ...rest, r: [noUntil] })).toEqual(['/r/0/du'])
    expect(du).toBeDefined()
  })
  it('never throws, whatever it is given', () => {
    const odd = [Object.create(null), { ver: {}, nam: [], dob: null, v: [null] }, { t: [1], r: ['x'] }]
    for (const value of odd) expect(() => validateDcc(value)).not.toThrow()
    expect(validateDcc({ ver: {}, nam: [], dob: null, v: [null] }).valid).toBe(false)
  })
})

function listJson(dir: string): string[] {
  const out: string[] = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) out.push(...listJson(path))
    else if (name.endsWith('.json')) out.push(path)
  }
  return out.sort()
}

/** The DCC of a vector's CBOR field, which holds either the DCC or the whole CWT claims map. */
function decodeOrUndefined(decoder: Decoder, hex: string): unknown {
  try {
    const decoded = decoder.decode(Uint8Array.from(hex.match(/../g) ?? [], (byte) => parseInt(byte, 16)))
    const hcert = (decoded as Record<string, Record<string, unknown> | undefined>)?.['-260']
    return hcert ? hcert['1'] : decoded
  } catch {
    return undefined
  }
}

/** tests/known_issues.csv entries of test_cose_schema: by country, and by file stem when given. */
function knownSchemaIssues(csv: string): (file: string) => boolean {
  const entries = csv
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(',').map((cell) => cell.trim()))
    .filter(([test]) => test === 'test_cose_schema')
  return (file) => {
    const country = file.split('/')[0]
    const stem = (file.split('/').pop() ?? '').replace(/\.json$/, '')
    return entries.some(([, cc, set]) => cc === country && (!set || set === stem))
  }
}
