import { describe, expect, it } from 'vitest'
import { bindHolder } from '../../src/issue/binding.ts'
import { CertbridgeError } from '../../src/platform/errors.ts'
import { SANDBOX_BASE, codeOf, inProcess } from '../_contract/in-process.ts'
import { ruGosuslugi } from './index.ts'
import { createSandbox } from './sandbox.ts'

const today = '2024-05-10'
const now = () => new Date('2024-05-10T12:00:00Z')
const sandbox = createSandbox({ today })
const base = SANDBOX_BASE
const SPUTNIK_V2 = 'https://www.gosuslugi.ru/covid-cert/verify/9000000000000001?lang=ru&ck=01a1b2c3d4e5f60718293a4b5c6d7e8f'

const { context, resolve } = inProcess(ruGosuslugi, sandbox, now)

describe('ru-gosuslugi retrieval (in process, against the sandbox)', () => {
  it('v1-unrz asks the API with the double slash; v2 asks /v4/ then the record source with the token', async () => {
    const seen: Request[] = []
    await resolve('https://www.gosuslugi.ru/vaccine/cert/verify/unrz/9000000000000001', context(undefined, undefined, seen))
    await resolve(SPUTNIK_V2, context(undefined, undefined, seen))
    expect(seen.map((r) => r.url)).toEqual([
      `${base}/api/vaccine/v1/cert/verify//unrz/9000000000000001`,
      `${base}/record-source/v1/certificates/9000000000000001`,
      `${base}/api/covid-cert/v4/cert/check/9000000000000001?lang=ru&ck=01a1b2c3d4e5f60718293a4b5c6d7e8f`,
      `${base}/record-source/v1/certificates/9000000000000001`,
    ])
    expect(seen[1]!.headers.get('authorization')).toBe('Bearer sandbox-test-token-ru-gosuslugi')
  })
  it('falls back to /v3/ when /v4/ answers 404', async () => {
    const seen: Request[] = []
    const legacy = (request: Request) => (request.url.includes('/v4/') ? Response.json({}, { status: 404 }) : sandbox.fetch(request))
    expect((await resolve(SPUTNIK_V2, context(undefined, legacy, seen))).event.type).toBe('vaccination')
    expect(seen.map((r) => new URL(r.url).pathname).slice(0, 2)).toEqual([
      '/api/covid-cert/v4/cert/check/9000000000000001',
      '/api/covid-cert/v3/cert/check/9000000000000001',
    ])
  })
  it('without a record source: validates the link, then RECORD_INCOMPLETE; status refusals still come first', async () => {
    const seen: Request[] = []
    const ctx = context({ BASE_URL: base }, undefined, seen)
    expect(await codeOf(resolve(SPUTNIK_V2, ctx))).toBe('RECORD_INCOMPLETE')
    expect(seen).toHaveLength(1)
    expect(
      await codeOf(resolve('https://www.gosuslugi.ru/covid-cert/verify/9000000000000007?lang=ru&ck=07a1b2c3d4e5f60718293a4b5c6d7e8f', ctx)),
    ).toBe('RECORD_EXPIRED')
  })
  it('an invalid certificate never reaches the record source', async () => {
    const seen: Request[] = []
    await codeOf(
      resolve(
        'https://www.gosuslugi.ru/covid-cert/verify/9000000000000013?lang=ru&ck=13a1b2c3d4e5f60718293a4b5c6d7e8f',
        context(undefined, undefined, seen),
      ),
    )
    expect(seen.every((r) => !r.url.includes('record-source'))).toBe(true)
  })
  it('a wrong token is an upstream failure', async () => {
    expect(await codeOf(resolve(SPUTNIK_V2, context({ ...sandbox.config(base), RECORD_SOURCE_TOKEN: 'wrong' })))).toBe('UPSTREAM_INVALID')
  })
  it('the default origin is the real host only', () => {
    expect(ruGosuslugi.origins({})).toEqual(['https://www.gosuslugi.ru'])
  })
})

describe('ru-gosuslugi sandbox samples', () => {
  // The statuses and codes the service answers are checked end to end (the issuer decides what a
  // requester is told); here: issuable samples resolve and bind, the others are refused somewhere.
  it.each(sandbox.samples().map((s) => [s.name, s] as const))('%s', async (_name, sample) => {
    let code = 'ok'
    try {
      const record = await resolve(sample.qr)
      bindHolder(record.holder, sample.holder)
      expect(record.event.type).toBe(sample.expect.type)
    } catch (error) {
      if (!(error instanceof CertbridgeError)) throw error
      code = error.code
    }
    if (sample.expect.status === 201) expect(code).toBe('ok')
    else expect(code).not.toBe('ok')
  })
})
