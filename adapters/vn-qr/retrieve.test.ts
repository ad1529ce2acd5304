import { describe, expect, it } from 'vitest'
import { SANDBOX_BASE, codeOf, inProcess, itResolvesFixtureRecords } from '../_contract/in-process.ts'
import { contractFixtures } from './fixtures.ts'
import { vnQr } from './index.ts'
import { createSandbox } from './sandbox.ts'

const today = '2024-05-10'
const now = () => new Date('2024-05-10T12:00:00Z')
const sandbox = createSandbox({ today })
const base = SANDBOX_BASE
const EXAMPLE = '001093029317|NGUYEN VAN A|1987-01-18|0|162979388586171100|<1<00<0123232422'

const { context, resolve } = inProcess(vnQr, sandbox, now)

describe('vnQr retrieve + normalize against the sandbox (in process)', () => {
  itResolvesFixtureRecords(contractFixtures(today).records, resolve, 'mos.ru')

  it('asks the record source by QID with the bearer token, and nothing else', async () => {
    const seen: Request[] = []
    await resolve(EXAMPLE, context(undefined, undefined, seen))
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([`GET ${base}/record-source/v1/records/162979388586171100`])
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer sandbox-test-token-vn-qr')
  })

  it('without a record source: RECORD_INCOMPLETE, and no request', async () => {
    const seen: Request[] = []
    expect(await codeOf(resolve(EXAMPLE, context({}, undefined, seen)))).toBe('RECORD_INCOMPLETE')
    expect(seen).toHaveLength(0)
    expect(vnQr.origins({})).toEqual([])
  })

  it('a wrong token or an answer for another QID is an upstream failure', async () => {
    expect(await codeOf(resolve(EXAMPLE, context({ ...sandbox.config(base), RECORD_SOURCE_TOKEN: 'wrong' })))).toBe('UPSTREAM_INVALID')
    const other = async (request: Request) => {
      const body = (await (await sandbox.fetch(request)).json()) as object
      return Response.json({ ...body, qid: '162979388586171201' })
    }
    expect(await codeOf(resolve(EXAMPLE, context(undefined, other)))).toBe('UPSTREAM_INVALID')
  })

  it("declares only the record source's origin", () => {
    expect(vnQr.origins({ RECORD_SOURCE_URL: 'https://records.example.vn/api/' })).toEqual(['https://records.example.vn'])
  })
})
