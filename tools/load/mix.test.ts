import { describe, expect, it } from 'vitest'
import { createMix, type MixSample } from './mix.ts'

const sample = (name: string, status = 201, code?: string): MixSample => ({
  adapter: 'ru-gosuslugi',
  name,
  qr: `https://www.gosuslugi.ru/covid-cert/verify/${name}`,
  holder: { familyName: 'Жукова', givenName: 'Алёна', dateOfBirth: '1986-04-12' },
  expect: code ? { status, code } : { status },
})

const curated = [sample('a'), sample('b'), sample('mismatch', 403, 'HOLDER_MISMATCH'), sample('unmapped', 422, 'PRODUCT_UNMAPPED')]
const population = Array.from({ length: 1000 }, (_, i) => sample(`p${i}`))

describe('createMix', () => {
  it('sends 7 new holders, 1 repeat, 1 curated and 1 failing request out of every ten', () => {
    const mix = createMix(curated, population)
    const requests = Array.from({ length: 1000 }, () => mix.next())
    const count = (kind: string) => requests.filter((r) => r.kind === kind).length
    expect([count('new'), count('repeat'), count('curated'), count('failing')]).toEqual([700, 100, 100, 100])
    expect(mix.newHolders).toBe(700)
    const news = requests.filter((r) => r.kind === 'new').map((r) => r.body)
    expect(new Set(news).size).toBe(700) // every new holder once
    // A repeat asks again for a holder already asked for, earlier in the run.
    requests.forEach((r, i) => {
      if (r.kind === 'repeat') expect(requests.slice(0, i).some((earlier) => earlier.kind === 'new' && earlier.body === r.body)).toBe(true)
    })
  })

  it('expects what each request must get, forged links included', () => {
    const mix = createMix(curated, population)
    const failing = Array.from({ length: 100 }, () => mix.next()).filter((r) => r.kind === 'failing')
    expect(failing.map((r) => r.expectStatus)).toEqual([403, 422, 400, 400, 400, 403, 422, 400, 400, 400])
    expect(
      failing.filter((r) => r.label === 'forged link').every((r) => r.body.includes('evil.example') || r.body.includes('http://')),
    ).toBe(true)
    expect(JSON.parse(failing[0]!.body)).toEqual({ qr: curated[2]!.qr, holder: curated[2]!.holder, consent: true })
  })

  it('turns to repeats once the population is used up, and without one', () => {
    const small = createMix(curated, population.slice(0, 14))
    const requests = Array.from({ length: 100 }, () => small.next())
    expect(small.newHolders).toBe(14)
    expect(requests.filter((r) => r.kind === 'new')).toHaveLength(14)
    const none = createMix(curated, [])
    const first = Array.from({ length: 10 }, () => none.next())
    expect(first.filter((r) => r.kind === 'new')).toHaveLength(0)
    expect(first.every((r) => r.expectStatus === 201 || r.kind === 'failing')).toBe(true)
  })

  it('refuses a sandbox without any issuable sample', () => {
    expect(() => createMix([sample('x', 403)], [])).toThrow('no issuable sample')
  })
})
