import { describe, expect, it } from 'vitest'
import { bindHolder } from '../../src/issue/binding.ts'
import { codeOf, inProcess } from '../_contract/in-process.ts'
import { ruMos } from './index.ts'
import { mosPopulation, numberOf } from './population.ts'
import { mosFixtures, UNKNOWN_NUMBER } from './records.ts'
import { createSandbox, qrLink } from './sandbox.ts'

const today = '2024-05-10'
const now = () => new Date('2024-05-10T12:00:00Z')

describe('ru-mos synthetic population', () => {
  it('is deterministic: two sandboxes of the same size give equal samples, and a larger one extends them', () => {
    const a = createSandbox({ today, population: 500 }).populationSamples!()
    const b = createSandbox({ today, population: 500 }).populationSamples!()
    expect(a).toHaveLength(500)
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    expect(createSandbox({ today, population: 900 }).populationSamples!().slice(0, 500)).toEqual(a)
    expect(a[0]).toMatchInlineSnapshot(`
      {
        "expect": {
          "status": 201,
          "type": "vaccination",
        },
        "holder": {
          "dateOfBirth": "1949-08-31",
          "familyName": "Харитонова",
          "givenName": "Татьяна",
          "patronymic": "Петровна",
        },
        "name": "ru-mos synthetic #0 vaccination, EpiVacCorona 2/2",
        "qr": "https://immune.mos.ru/qr?id=7700000004604374",
      }
    `)
  })

  it('has no population by default; samples() stays the curated list', () => {
    const plain = createSandbox({ today })
    expect(plain.populationSamples!()).toEqual([])
    expect(createSandbox({ today, population: 10 }).samples()).toEqual(plain.samples())
    expect(() => createSandbox({ today, population: 2.5 })).toThrow(expect.objectContaining({ code: 'SANDBOX_POPULATION_INVALID' }))
  })

  it('numbers are unique, match the link form and are disjoint from the fixtures', () => {
    const size = 20_000
    const population = mosPopulation(size, today)
    const numbers = new Set<string>()
    for (let i = 0; i < size; i++) numbers.add(population.fixture(i).number)
    expect(numbers.size).toBe(size)
    for (const n of numbers) expect(ruMos.match(qrLink(n))).toEqual({ kind: 'qr', id: n })
    for (const f of mosFixtures(today)) expect(numbers.has(f.number)).toBe(false)
    expect(numbers.has(UNKNOWN_NUMBER)).toBe(false)
  })

  it('looks holders up by number in O(1), only within the population and only for numbers it made', () => {
    const population = mosPopulation(1000, today)
    const f = population.fixture(321)
    expect(population.byNumber(f.number)).toEqual(f)
    expect(population.byNumber(numberOf(1000))).toBeUndefined()
    expect(population.byNumber(`${f.number.slice(0, 15)}${(Number(f.number[15]) + 1) % 10}`)).toBeUndefined()
  })

  it('mixes vaccination courses and recoveries, all valid today', () => {
    const population = mosPopulation(5000, today)
    let recoveries = 0
    for (let i = 0; i < population.size; i++) {
      const { certificate, record } = population.fixture(i)
      expect(Date.parse(certificate.start) <= now().getTime() && now().getTime() < Date.parse(certificate.end)).toBe(true)
      if (record?.recovery) recoveries += 1
      for (const dose of record?.vaccination?.courses[0]?.doses ?? []) expect(dose.date < today).toBe(true)
    }
    expect(recoveries / population.size).toBeGreaterThan(0.08)
    expect(recoveries / population.size).toBeLessThan(0.2)
  })

  describe('every sample issues through the adapter against its sandbox', () => {
    const sandbox = createSandbox({ today, population: 200 })
    const { resolve } = inProcess(ruMos, sandbox, now)
    const samples = sandbox.populationSamples!()

    it.each(samples.map((s) => [s.name, s] as const))('%s', async (_name, sample) => {
      const record = await resolve(sample.qr)
      expect(sample.expect.status).toBe(201)
      expect(record.event.type).toBe(sample.expect.type)
      expect(() => bindHolder(record.holder, sample.holder)).not.toThrow()
      expect(record.holder.identity).toMatchObject({
        familyName: sample.holder.familyName,
        givenName: sample.holder.givenName,
        dateOfBirth: sample.holder.dateOfBirth,
      })
    })
    it("another holder's details do not bind", async () => {
      const record = await resolve(samples[0]!.qr)
      expect(() => bindHolder(record.holder, samples[1]!.holder)).toThrow(expect.objectContaining({ code: 'HOLDER_MISMATCH' }))
    })
    it('a holder beyond the population is not found', async () => {
      expect(await codeOf(resolve(qrLink(numberOf(200))))).toBe('RECORD_NOT_FOUND')
    })
  })

  it('builds 100,000 holders quickly', () => {
    const started = performance.now()
    const samples = createSandbox({ today, population: 100_000 }).populationSamples!()
    expect(new Set(samples.map((s) => s.qr)).size).toBe(100_000)
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})
