// The contract suite enforces the contract on its own. broken/broken.contract.ts runs it, in a child
// vitest, on four adapters whose own fixtures hide what they break (each ru-mos with one change):
// every one must fail, for its reason alone, with a message naming the link. Beside it, the pieces:
// the derived forgeries, the record shape and the watch on the global fetch.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ELSEWHERE, forgeriesOf } from './forgeries.ts'
import { recordShapeProblems } from './record-shape.ts'
import { watchGlobalFetch } from './watch.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

interface Failure {
  readonly name: string
  readonly message: string
}

let dir: string
let failures: Failure[]
let passed = 0

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'certbridge-contract-'))
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    "export default { test: { include: ['adapters/_contract/broken/*.contract.ts'], testTimeout: 30000, hookTimeout: 60000 } }\n",
  )
  const out = join(dir, 'out.json')
  await new Promise<void>((resolve) => {
    const args = [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--root',
      root,
      '--config',
      join(dir, 'vitest.config.mjs'),
      '--reporter=json',
      `--outputFile=${out}`,
    ]
    execFile(process.execPath, args, { cwd: root, timeout: 240_000 }, () => resolve())
  })
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    testResults: { assertionResults: { status: string; ancestorTitles: string[]; title: string; failureMessages: string[] }[] }[]
  }
  const results = report.testResults.flatMap((f) => f.assertionResults)
  passed = results.filter((r) => r.status === 'passed').length
  failures = results
    .filter((r) => r.status === 'failed')
    .map((r) => ({ name: [...r.ancestorTitles, r.title].join(' > '), message: r.failureMessages.join('\n') }))
}, 300_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const of = (adapter: string) => failures.filter((f) => f.name.startsWith(`${adapter} > `))

describe('the suite fails adapters that break the contract behind their own fixtures', () => {
  it('runs the broken adapters, most of whose cases still pass', () => {
    expect(passed).toBeGreaterThan(100)
  })

  it('an adapter calling the global fetch: every resolution fails, naming the link and the URL', () => {
    const fails = of('global-fetch')
    expect(fails.length).toBeGreaterThan(5)
    for (const f of fails.filter((f) => !f.name.endsWith('sent every request to a declared origin'))) {
      expect(f.message).toMatch(/https:\/\/immune\.mos\.ru\/qr\?id=\S+: the adapter called the global fetch instead of ctx\.fetch/)
    }
    expect(fails.some((f) => f.message.includes('POST http://127.0.0.1:'))).toBe(true)
  })

  it('an extra record field, in the fixtures too: fails, naming the field and where it is', () => {
    const fails = of('extra-field')
    expect(fails.length).toBeGreaterThan(0)
    for (const f of fails) {
      expect(f.message).toContain('the record holds what the record type does not')
      expect(f.message).toContain('holder.shown: a field the record type does not declare: photo')
    }
  })

  it('an expired refusal without sourceRef: fails, naming the link', () => {
    expect(of('no-source-ref').map((f) => f.message.split('\n')[0])).toEqual([
      expect.stringMatching(/immune\.mos\.ru\/qr\?id=\d+: a RECORD_EXPIRED refusal must carry the record's sourceRef/),
    ])
  })

  it('a link accepted behind a port, not in the fixtures: the derived forgery fails, naming it', () => {
    const fails = of('port')
    expect(fails.length).toBeGreaterThan(0)
    for (const f of fails)
      expect(f.message).toMatch(/match accepted https:\/\/immune\.mos\.ru:8443\/qr\?id=\S+, a forgery \(a port\) of a valid link/)
  })

  it('fails nothing else', () => {
    const known = ['global-fetch', 'extra-field', 'no-source-ref', 'port']
    expect(failures.filter((f) => !known.some((k) => f.name.startsWith(`${k} > `))).map((f) => f.name)).toEqual([])
  })
})

describe('derived forgeries', () => {
  it('derive from an https link every standard imitation', () => {
    const texts = forgeriesOf('https://www.example.ru/cert/verify/123?lang=ru').map((f) => f.text)
    expect(texts).toEqual([
      'http://www.example.ru/cert/verify/123?lang=ru',
      'https://www.example.ru:8443/cert/verify/123?lang=ru',
      'https://user@www.example.ru/cert/verify/123?lang=ru',
      `https://www.example.ru@${ELSEWHERE}/cert/verify/123?lang=ru`,
      'https://www.example.ru./cert/verify/123?lang=ru',
      'https://login.www.example.ru/cert/verify/123?lang=ru',
      `https://www.example.ru.${ELSEWHERE}/cert/verify/123?lang=ru`,
      `https://${ELSEWHERE}/cert/verify/123?lang=ru`,
      'https://www.еxample.ru/cert/verify/123?lang=ru',
    ])
    expect(new URL(texts.at(-1)!).hostname).toMatch(/^www\.xn--/)
  })
  it('none for plain-text QR codes', () => {
    expect(forgeriesOf('001093029317|NGUYEN VAN A|1987-01-18|0|1|x')).toEqual([])
  })
})

describe('record shape', () => {
  const record = {
    country: 'RU',
    sourceRef: 'xx-test:id:1',
    holder: {
      identity: { familyName: 'Ivanova', givenName: 'Anna', dateOfBirth: '1980-01-01' },
      shown: { name: { form: 'clear', fullName: 'IVANOVA ANNA' } },
    },
    event: {
      type: 'vaccination',
      product: 'p',
      manufacturer: 'm',
      prophylaxis: 'v',
      doseNumber: 1,
      totalDoses: 2,
      date: '2021-01-01',
      country: 'RU',
    },
  }
  it('accepts a record of the type', () => {
    expect(recordShapeProblems(record)).toEqual([])
  })
  it('names a field the type does not declare, at any depth', () => {
    expect(recordShapeProblems({ ...record, extra: 1 })).toEqual(['(the record): a field the record type does not declare: extra'])
    const deep = {
      ...record,
      holder: { ...record.holder, identity: { ...record.holder.identity, latin: { familyName: 'A', givenName: 'B', middle: 'C' } } },
    }
    expect(recordShapeProblems(deep)).toEqual(['holder.identity.latin: a field the record type does not declare: middle'])
    expect(recordShapeProblems({ ...record, event: { ...record.event, lot: 'X1' } })).toEqual([
      'event: a field the record type does not declare: lot',
    ])
  })
})

describe('the watch on the global fetch', () => {
  it('records calls made as the adapter, not others, and restores fetch', async () => {
    const original = globalThis.fetch
    const watch = watchGlobalFetch()
    try {
      await watch.inAdapter(() => globalThis.fetch('data:,a')).catch(() => undefined)
      await globalThis.fetch('data:,b').catch(() => undefined)
      const seen: { method: string; url: string }[] = []
      await watch.inAdapter(() => watch.recording(seen)('data:,c')).catch(() => undefined)
      expect(watch.calls).toEqual([{ method: 'GET', url: 'data:,a' }])
      expect(seen).toEqual([{ method: 'GET', url: 'data:,c' }])
    } finally {
      watch.restore()
    }
    expect(globalThis.fetch).toBe(original)
  })
})
