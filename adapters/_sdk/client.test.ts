import { codeOf } from '../_contract/in-process.ts'
import { describe, expect, it } from 'vitest'
import type { AdapterContext, CountryAdapter } from './adapter.ts'
import { createAdapterClient } from './client.ts'
import type { AdapterError } from './errors.ts'
import { requestJson } from './http.ts'
import type { NormalizedRecord } from '../../src/dcc/record.ts'

const record: NormalizedRecord = {
  country: 'XX',
  sourceRef: 'test:1',
  holder: { identity: { familyName: 'A', givenName: 'B', dateOfBirth: '1990-01-01' }, shown: {} },
  event: { type: 'recovery', firstPositive: '2024-01-01', validFrom: '2024-01-12', validUntil: '2024-06-01', country: 'XX' },
}

/** An adapter that GETs `url` (or what the link says) with requestJson. */
function adapterFor(url = 'https://api.example/x'): CountryAdapter<{ kind: string; url?: string }, unknown> {
  return {
    id: 'xx-test',
    country: 'XX',
    title: 'test',
    settings: [],
    origins: () => ['https://api.example'],
    match: () => null,
    retrieve: async (link, ctx: AdapterContext) => (await requestJson(ctx, link.url ?? url)).body,
    normalize: () => record,
  }
}

const link = (url: string) => ({ kind: 'x', url }) as { kind: string }

describe('createAdapterClient', () => {
  it('refuses a host outside the declared origins before sending anything', async () => {
    let calls = 0
    const client = createAdapterClient(adapterFor(), { config: {}, fetch: async () => (calls++, Response.json({})) })
    expect(await codeOf(client.resolve(link('https://evil.example/x')))).toBe('UPSTREAM_FORBIDDEN_HOST')
    expect(await codeOf(client.resolve(link('http://api.example/x')))).toBe('UPSTREAM_FORBIDDEN_HOST')
    expect(calls).toBe(0)
  })
  it('forces redirect: manual and turns a 3xx into UPSTREAM_INVALID', async () => {
    const seen: RequestInit[] = []
    const client = createAdapterClient(adapterFor(), {
      config: {},
      fetch: async (_url, init) => (
        seen.push(init ?? {}), new Response(null, { status: 302, headers: { location: 'https://evil.example/' } })
      ),
    })
    expect(await codeOf(client.resolve({ kind: 'x' }))).toBe('UPSTREAM_INVALID')
    expect(seen[0]!.redirect).toBe('manual')
  })
  it('retries an idempotent GET on 5xx, then succeeds', async () => {
    let calls = 0
    const client = createAdapterClient(adapterFor(), {
      config: {},
      random: () => 0,
      fetch: async () => (++calls < 3 ? new Response('busy', { status: 503 }) : Response.json({ ok: true })),
    })
    expect(await client.resolve({ kind: 'x' })).toEqual(record)
    expect(calls).toBe(3)
  })
  it('does not retry a POST', async () => {
    let calls = 0
    const adapter = adapterFor()
    const post: typeof adapter = {
      ...adapter,
      retrieve: async (_l, ctx) => (await requestJson(ctx, 'https://api.example/x', { method: 'POST', body: '{}' })).body,
    }
    const client = createAdapterClient(post, { config: {}, fetch: async () => (calls++, new Response('busy', { status: 502 })) })
    expect(await codeOf(client.resolve({ kind: 'x' }))).toBe('UPSTREAM_UNAVAILABLE')
    expect(calls).toBe(1)
  })
  it('times out an adapter that ignores the signal', async () => {
    const adapter = { ...adapterFor(), retrieve: () => new Promise<never>(() => undefined) }
    const client = createAdapterClient(adapter, { config: {}, deadlineMs: 50 })
    expect(await codeOf(client.resolve({ kind: 'x' }))).toBe('UPSTREAM_TIMEOUT')
  })
  it('caps the body even when the adapter reads ctx.fetch itself', async () => {
    const adapter = {
      ...adapterFor(),
      retrieve: async (_l: unknown, ctx: AdapterContext) => (await ctx.fetch('https://api.example/x')).text(),
    }
    const client = createAdapterClient(adapter, { config: {}, maxBodyBytes: 10, fetch: async () => new Response('x'.repeat(100)) })
    expect(await codeOf(client.resolve({ kind: 'x' }))).toBe('UPSTREAM_INVALID')
  })
  it('hands its cap to requestJson through the context: a declared length over it is refused unread', async () => {
    let seen: number | undefined
    const adapter = {
      ...adapterFor(),
      retrieve: async (_l: unknown, ctx: AdapterContext) => {
        seen = ctx.maxBodyBytes
        return (await requestJson(ctx, 'https://api.example/x')).body
      },
    }
    const body = JSON.stringify({ padding: 'x'.repeat(100) })
    const answer = () => new Response(body, { headers: { 'content-type': 'application/json', 'content-length': String(body.length) } })
    const capped = createAdapterClient(adapter, { config: {}, maxBodyBytes: 50, fetch: async () => answer() })
    expect(await codeOf(capped.resolve({ kind: 'x' }))).toBe('UPSTREAM_INVALID')
    expect(seen).toBe(50)
    const roomy = createAdapterClient(adapter, { config: {}, maxBodyBytes: 1_000, fetch: async () => answer() })
    expect(await roomy.resolve({ kind: 'x' })).toBeDefined()
  })
})

describe('circuit breaker', () => {
  it('opens after N consecutive failures, refuses without calling, probes once after the pause', async () => {
    let clock = 0
    let calls = 0
    let healthy = false
    const client = createAdapterClient(adapterFor(), {
      config: {},
      retries: 0,
      now: () => new Date(clock),
      breaker: { failureThreshold: 3, resetAfterMs: 10_000 },
      fetch: async () => (calls++, healthy ? Response.json({}) : new Response('down', { status: 500 })),
    })
    for (let i = 0; i < 3; i++) expect(await codeOf(client.resolve({ kind: 'x' }))).toBe('UPSTREAM_UNAVAILABLE')
    expect(client.state()).toBe('open')
    const refused = await client.resolve({ kind: 'x' }).catch((e: AdapterError) => e)
    expect((refused as AdapterError).code).toBe('UPSTREAM_UNAVAILABLE')
    expect((refused as AdapterError).retryAfter).toBe(10)
    expect(calls).toBe(3)
    clock = 10_000
    expect(client.state()).toBe('half-open')
    expect(await codeOf(client.resolve({ kind: 'x' }))).toBe('UPSTREAM_UNAVAILABLE') // the probe fails: open again
    expect(client.state()).toBe('open')
    clock = 20_000
    healthy = true
    expect(await codeOf(client.resolve({ kind: 'x' }))).toBe('ok')
    expect(client.state()).toBe('closed')
  })
  it('a refused record (not an upstream failure) resets the count', async () => {
    let n = 0
    const client = createAdapterClient(adapterFor(), {
      config: {},
      retries: 0,
      breaker: { failureThreshold: 2 },
      fetch: async () => (n++ % 2 === 0 ? new Response('down', { status: 500 }) : Response.json({})),
    })
    for (let i = 0; i < 4; i++) await codeOf(client.resolve({ kind: 'x' }))
    expect(client.state()).toBe('closed')
  })
})

describe('requestJson', () => {
  const ctx = (fetch: typeof globalThis.fetch): AdapterContext => ({
    fetch,
    now: () => new Date(0),
    signal: new AbortController().signal,
    config: {},
  })
  it('returns 4xx answers for the adapter to judge', async () => {
    expect(
      await requestJson(
        ctx(async () => Response.json({ e: 1 }, { status: 404 })),
        'https://a.example/',
      ),
    ).toEqual({ status: 404, body: { e: 1 } })
  })
  it('keeps a Retry-After of a 503', async () => {
    const error = await requestJson(
      ctx(async () => new Response('', { status: 503, headers: { 'retry-after': '12' } })),
      'https://a.example/',
    ).catch((e: AdapterError) => e)
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryAfter: 12 })
  })
  it('refuses non-JSON and invalid JSON without quoting the body', async () => {
    const secret = '9000000000000001'
    for (const response of [
      new Response(secret, { headers: { 'content-type': 'text/plain' } }),
      new Response(`{"x":${secret}`, { headers: { 'content-type': 'application/json' } }),
    ]) {
      const error = await requestJson(
        ctx(async () => response),
        'https://a.example/',
      ).catch((e: AdapterError) => e)
      expect(error).toMatchObject({ code: 'UPSTREAM_INVALID' })
      expect((error as Error).message).not.toContain(secret)
      expect((error as Error).cause).toBeUndefined()
    }
  })
  it('maps a network failure to UPSTREAM_UNAVAILABLE', async () => {
    expect(
      await codeOf(
        requestJson(
          ctx(async () => {
            throw new TypeError('fetch failed')
          }),
          'https://a.example/',
        ),
      ),
    ).toBe('UPSTREAM_UNAVAILABLE')
  })
})
