import { describe, expect, it } from 'vitest'
import { SANDBOX_BASE, codeOf, inProcess, itResolvesFixtureRecords } from '../_contract/in-process.ts'
import { contractFixtures } from './fixtures.ts'
import { ruMos } from './index.ts'
import { createSandbox } from './sandbox.ts'

const today = '2024-05-10'
const now = () => new Date('2024-05-10T12:00:00Z')
const sandbox = createSandbox({ today })
const base = SANDBOX_BASE

const { context, resolve } = inProcess(ruMos, sandbox, now)

describe('ruMos retrieve + normalize against the sandbox (in process)', () => {
  itResolvesFixtureRecords(contractFixtures(today).records, resolve, 'mos.ru')

  it('posts {"number": id} to the check API, then reads the record source with the token', async () => {
    const seen: Request[] = []
    await resolve('https://immune.mos.ru/qr?id=4501230000000017', context(undefined, undefined, seen))
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      `POST ${base}/api/search_by_number_form`,
      `GET ${base}/record-source/v1/certificates/4501230000000017`,
    ])
    expect(await seen[0]!.json()).toEqual({ number: '4501230000000017' })
    expect(seen[1]!.headers.get('authorization')).toBe('Bearer sandbox-test-token-ru-mos')
  })

  it('without a record source: validates the link, then refuses with RECORD_INCOMPLETE', async () => {
    const seen: Request[] = []
    const ctx = context({ BASE_URL: base }, undefined, seen)
    expect(await codeOf(resolve('https://immune.mos.ru/qr?id=4501230000000017', ctx))).toBe('RECORD_INCOMPLETE')
    expect(seen).toHaveLength(1)
    expect(await codeOf(resolve('https://immune.mos.ru/qr?id=4501230000000082', ctx))).toBe('RECORD_EXPIRED')
    expect(await codeOf(resolve('https://immune.mos.ru/qr?id=4501239999999999', ctx))).toBe('RECORD_NOT_FOUND')
  })

  it('a wrong token is an upstream failure, not a missing record', async () => {
    const ctx = context({ ...sandbox.config(base), RECORD_SOURCE_TOKEN: 'wrong' })
    expect(await codeOf(resolve('https://immune.mos.ru/qr?id=4501230000000017', ctx))).toBe('UPSTREAM_INVALID')
  })

  it('"not found" as 200 with result null; an answer for another number is refused', async () => {
    const nullResult = () => Response.json({ result: null })
    expect(await codeOf(resolve('https://immune.mos.ru/qr?id=4501230000000017', context(undefined, nullResult)))).toBe('RECORD_NOT_FOUND')
    const other = async (request: Request) => {
      const res = await sandbox.fetch(request)
      if (!request.url.endsWith('/api/search_by_number_form')) return res
      const body = (await res.json()) as { result: { number: string } }
      return Response.json({ result: { ...body.result, number: '4501230000000033' } })
    }
    expect(await codeOf(resolve('https://immune.mos.ru/qr?id=4501230000000017', context(undefined, other)))).toBe('UPSTREAM_INVALID')
  })

  it('declares only its configured origins', () => {
    expect(ruMos.origins({ BASE_URL: 'https://immune.mos.ru' })).toEqual(['https://immune.mos.ru'])
    expect(ruMos.origins({ BASE_URL: 'https://immune.mos.ru', RECORD_SOURCE_URL: 'https://records.example/api' })).toEqual([
      'https://immune.mos.ru',
      'https://records.example',
    ])
    expect(ruMos.origins(sandbox.config('http://127.0.0.1:9'))).toEqual(['http://127.0.0.1:9'])
  })
})
