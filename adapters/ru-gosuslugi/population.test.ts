import { describe, expect, it } from 'vitest'
import { bindHolder } from '../../src/issue/binding.ts'
import { codeOf, inProcess } from '../_contract/in-process.ts'
import { ruGosuslugi } from './index.ts'
import { latinName, syntheticPerson } from '../_ru/people.ts'
import { MAX_POPULATION, populationSize } from '../_sdk/index.ts'
import { gosPopulation, unrzOf, uuidOf } from './population.ts'
import { gosFixtures, UNRZ_EMPTY_ITEMS, UNRZ_STATUS_404, UNRZ_UNKNOWN, UUID_UNKNOWN } from './records.ts'
import { createSandbox } from './sandbox.ts'
import { transliterate } from '../../src/dcc/icao.ts'

const today = '2024-05-10'
const now = () => new Date('2024-05-10T12:00:00Z')

describe('ru-gosuslugi synthetic population', () => {
  it('is deterministic: two sandboxes of the same size give equal samples, and a larger one extends them', () => {
    const a = createSandbox({ today, population: 500 }).populationSamples!()
    const b = createSandbox({ today, population: 500 }).populationSamples!()
    expect(a).toHaveLength(500)
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    expect(createSandbox({ today, population: 800 }).populationSamples!().slice(0, 500)).toEqual(a)
    expect(a[0]).toMatchInlineSnapshot(`
      {
        "expect": {
          "status": 201,
          "type": "vaccination",
        },
        "holder": {
          "dateOfBirth": "1999-08-29",
          "documentNumber": "7219 605332",
          "familyName": "Матвеев",
          "givenName": "Григорий",
          "patronymic": "Сергеевич",
        },
        "name": "ru-gosuslugi v2 synthetic #0 vaccination, EpiVacCorona 2/2",
        "qr": "https://www.gosuslugi.ru/covid-cert/verify/9700000004813496?lang=ru&ck=3a2d033a980883dbe1e4cbfd70f3332f",
      }
    `)
  })

  it('has no population by default; samples() stays the curated list', () => {
    const plain = createSandbox({ today })
    const populated = createSandbox({ today, population: 10 })
    expect(plain.populationSamples!()).toEqual([])
    expect(populated.samples()).toEqual(plain.samples())
  })

  it('refuses a size that is not a whole number in range, with a stable code', () => {
    for (const bad of [-1, 1.5, Number.NaN, MAX_POPULATION + 1]) {
      expect(() => populationSize(bad)).toThrow(expect.objectContaining({ code: 'SANDBOX_POPULATION_INVALID' }))
    }
    expect(() => createSandbox({ today, population: -3 })).toThrow(expect.objectContaining({ code: 'SANDBOX_POPULATION_INVALID' }))
    expect(populationSize(undefined)).toBe(0)
  })

  it('ids are unique across the population and disjoint from the fixtures', () => {
    const size = 20_000
    const unrz = new Set<string>()
    const uuids = new Set<string>()
    const cks = new Set<string>()
    const population = gosPopulation(size, today)
    for (let i = 0; i < size; i++) {
      const f = population.fixture(i)
      unrz.add(f.unrz)
      uuids.add(f.uuid)
      cks.add(f.ck)
      expect(f.unrz).toMatch(/^\d{16}$/)
    }
    expect(unrz.size).toBe(size)
    expect(uuids.size).toBe(size)
    expect(cks.size).toBe(size)
    for (const f of gosFixtures(today)) {
      expect(unrz.has(f.unrz)).toBe(false)
      expect(uuids.has(f.uuid)).toBe(false)
    }
    for (const id of [UNRZ_EMPTY_ITEMS, UNRZ_STATUS_404, UNRZ_UNKNOWN]) expect(unrz.has(id)).toBe(false)
    expect(uuids.has(UUID_UNKNOWN)).toBe(false)
  })

  it('looks holders up by id in O(1), only within the population and only for ids it made', () => {
    const population = gosPopulation(1000, today)
    const f = population.fixture(777)
    expect(population.byUnrz(f.unrz)).toEqual(f)
    expect(population.byUuid(f.uuid)).toEqual(f)
    expect(population.byUnrz(unrzOf(1000))).toBeUndefined()
    expect(population.byUuid(uuidOf(1000))).toBeUndefined()
    expect(population.byUnrz(`${f.unrz.slice(0, 15)}${(Number(f.unrz[15]) + 1) % 10}`)).toBeUndefined()
    expect(population.byUuid(f.uuid.replace(/^./, (c) => (c === 'f' ? '0' : 'f')))).toBeUndefined()
  })

  it('names agree in gender and their Latin spelling is ICAO 9303', () => {
    for (let i = 0; i < 2000; i++) {
      const { claim, latin } = syntheticPerson(1, i)
      const feminine = claim.patronymic.endsWith('вна')
      expect(claim.patronymic).toMatch(/(вич|вна)$/)
      expect(claim.familyName).toMatch(feminine ? /(ова|ева|ёва|ина)$/ : /(ов|ев|ёв|ин)$/)
      expect(claim.dateOfBirth >= '1940-01-01' && claim.dateOfBirth <= '2005-12-31').toBe(true)
      expect(claim.documentNumber).toMatch(/^\d{4} \d{6}$/)
      const words = [claim.familyName, claim.givenName, claim.patronymic]
      expect(latin.map((w) => w.toUpperCase())).toEqual(words.map((w) => transliterate(w)))
    }
    expect(latinName('Юлия')).toBe('Iuliia')
    expect(latinName('Щукин')).toBe('Shchukin')
  })

  it('every record is valid today: a vaccination within the last year or a current recovery', () => {
    const population = gosPopulation(5000, today)
    const types = new Map<string, number>()
    for (let i = 0; i < population.size; i++) {
      const f = population.fixture(i)
      types.set(f.event!.type, (types.get(f.event!.type) ?? 0) + 1)
      expect(f.expiredAt > today && f.validFrom <= today).toBe(true)
      if (f.event?.type === 'vaccination') expect(f.event.date > '2023-05-10' && f.event.date < today).toBe(true)
      if (f.event?.type === 'recovery') expect(f.event.validFrom <= today && f.event.validUntil > today).toBe(true)
    }
    expect(types.get('vaccination')! / population.size).toBeGreaterThan(0.8)
    expect(types.get('recovery')! / population.size).toBeGreaterThan(0.1)
  })

  describe('every sample issues through the adapter against its sandbox', () => {
    const sandbox = createSandbox({ today, population: 200 })
    const { resolve } = inProcess(ruGosuslugi, sandbox, now)
    const samples = sandbox.populationSamples!()

    it('uses every link form', () => {
      const forms = new Set(samples.map((s) => s.name.split(' ')[1]))
      expect([...forms].sort()).toEqual(['v1', 'v1-unrz', 'v2', 'v3'])
    })
    it.each(samples.map((s) => [s.name, s] as const))('%s', async (_name, sample) => {
      const record = await resolve(sample.qr)
      expect(record.event.type).toBe(sample.expect.type)
      expect(sample.expect.status).toBe(201)
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
    it('a holder beyond the population, or a v2 link with a wrong ck, is not found', async () => {
      const beyond = createSandbox({ today, population: 201 }).populationSamples!()[200]!
      expect(await codeOf(resolve(beyond.qr))).toBe('RECORD_NOT_FOUND')
      const v2 = samples.find((s) => s.name.includes(' v2 '))!
      expect(await codeOf(resolve(v2.qr.replace(/ck=[0-9a-f]{4}/, 'ck=0000')))).toBe('RECORD_NOT_FOUND')
    })
  })

  it('builds 100,000 holders quickly', () => {
    const started = performance.now()
    const samples = createSandbox({ today, population: 100_000 }).populationSamples!()
    expect(samples).toHaveLength(100_000)
    expect(new Set(samples.map((s) => s.qr)).size).toBe(100_000)
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})
