// The one contract suite every adapter runs (vitest): `testAdapter({ adapter, sandbox, fixtures })`.
// It serves the adapter's sandbox over real HTTP on 127.0.0.1, proves `match` is pure and refuses
// foreign and forged links, resolves every fixture record through the adapter client (strict deep
// equality), checks every request stayed on the declared origins, and puts a fault-injecting proxy
// between client and sandbox to prove how each upstream failure is mapped. It captures console output
// and fails if an identifier, mask or document fragment of the fixtures shows in a log or an error.
import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AdapterConfig, CountryAdapter } from '../_sdk/adapter.ts'
import { createAdapterClient } from '../_sdk/client.ts'
import { AdapterError, type AdapterErrorCode } from '../_sdk/errors.ts'
import type { AdapterSandbox } from '../_sdk/sandbox.ts'
import { startFaultProxy, type Fault, type FaultProxy } from '../../src/sandbox/faults.ts'
import { listen, serveSandbox, type ServedSandbox } from '../../src/sandbox/listen.ts'
import { sensitiveFragments, type ContractFixtures } from './fixtures.ts'

export type { ContractFixtures } from './fixtures.ts'

export interface ContractOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly adapter: CountryAdapter<any, any>
  readonly sandbox: AdapterSandbox
  readonly fixtures: ContractFixtures
}

/** Short limits keep the fault cases fast. */
const DEADLINE_MS = 400
const BODY_CAP = 32 * 1024

interface Fetched {
  readonly method: string
  readonly url: string
}

function recordingFetch(seen: Fetched[]): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : input instanceof URL ? input.href : String(input)
    seen.push({ method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(), url })
    return fetch(input, init)
  }
}

async function outcome(promise: Promise<unknown>, messages: string[]): Promise<AdapterError | 'ok'> {
  try {
    await promise
    return 'ok'
  } catch (error) {
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message)
    if (error instanceof AdapterError) return error
    throw error
  }
}

export function testAdapter({ adapter, sandbox, fixtures }: ContractOptions): void {
  describe(`adapter contract: ${adapter.id}`, () => {
    const logs: string[] = []
    const messages: string[] = []
    let served: ServedSandbox
    let config: AdapterConfig

    beforeAll(async () => {
      for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
        vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
          logs.push(args.map((a) => (a instanceof Error ? `${a.message} ${String(a.stack)}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '))
        })
      }
      served = await serveSandbox(sandbox, { port: 0 })
      config = sandbox.config(served.baseUrl)
    })
    afterAll(async () => {
      vi.restoreAllMocks()
      await served?.close()
    })

    it('declares its identity, settings and origins', () => {
      expect(adapter.id).toMatch(/^[a-z]{2}-[a-z0-9-]+$/)
      expect(adapter.country).toMatch(/^[A-Z]{2}$/)
      const origins = adapter.origins(config)
      expect(origins.length).toBeGreaterThan(0)
      for (const origin of origins) expect(new URL(origin).origin).toBe(origin)
      for (const setting of adapter.settings) expect(setting.name).toMatch(/^[A-Z][A-Z0-9_]*$/)
    })

    describe('match is pure', () => {
      let spy: ReturnType<typeof vi.spyOn>
      beforeAll(() => {
        spy = vi.spyOn(globalThis, 'fetch')
      })
      afterAll(() => {
        expect(spy).not.toHaveBeenCalled()
        spy.mockRestore()
      })

      it.each(fixtures.links.valid.map((l) => [l.kind, l.text] as const))('accepts its %s link %#', (kind, text) => {
        const link = adapter.match(text)
        expect(link).not.toBeNull()
        expect(link!.kind).toBe(kind)
      })
      it.each(fixtures.links.foreign.map((text) => [text]))('returns null for a foreign QR %#', (text) => {
        expect(adapter.match(text)).toBeNull()
      })
      it.each(fixtures.links.forged.map((l) => [l.code, l.text] as const))('refuses with %s: case %#', (code, text) => {
        let caught: unknown
        try {
          adapter.match(text)
        } catch (error) {
          caught = error
        }
        expect(caught).toBeInstanceOf(AdapterError)
        expect((caught as AdapterError).code).toBe(code)
        messages.push((caught as Error).message)
      })
      it('never fetched anything', () => {
        expect(spy).not.toHaveBeenCalled()
      })
    })

    describe('resolves every sandbox record through the client', () => {
      const seen: Fetched[] = []
      it.each(fixtures.records.map((r) => [r.name, r] as const))('%s', async (_name, record) => {
        const link = adapter.match(record.qr)
        expect(link).not.toBeNull()
        const client = createAdapterClient(adapter, { config, fetch: recordingFetch(seen), deadlineMs: 5_000 })
        const result = await outcome(client.resolve(link!), messages)
        if ('code' in record.expected) {
          expect(result === 'ok' ? 'ok' : result.code).toBe(record.expected.code)
        } else {
          expect(result).toBe('ok')
          expect(await client.resolve(link!)).toStrictEqual(record.expected)
        }
      })
      it('sent every request to a declared origin', () => {
        const origins = new Set(adapter.origins(config))
        expect(seen.length).toBeGreaterThan(0)
        for (const { url } of seen) expect(origins.has(new URL(url).origin), 'a request left the declared origins').toBe(true)
      })
    })

    describe('maps upstream faults through a fault-injecting proxy', () => {
      let proxy: FaultProxy
      let trap: ServedSandbox
      let trapHits = 0
      beforeAll(async () => {
        proxy = await startFaultProxy(served.baseUrl)
        trap = await listen(
          createServer((_req, res) => {
            trapHits += 1
            res.writeHead(200, { 'content-type': 'application/json' })
            res.end('{}')
          }),
          0,
        )
      })
      afterAll(async () => {
        await proxy?.close()
        await trap?.close()
      })

      async function resolveWith(fault: Fault): Promise<AdapterError | 'ok'> {
        proxy.setFault(fault)
        const proxied = sandbox.config(proxy.baseUrl)
        const seen: Fetched[] = []
        const client = createAdapterClient(adapter, {
          config: proxied,
          fetch: recordingFetch(seen),
          deadlineMs: DEADLINE_MS,
          maxBodyBytes: BODY_CAP,
          breaker: { failureThreshold: 100 },
          random: () => 0,
        })
        const link = adapter.match(fixtures.faultProbe)
        expect(link).not.toBeNull()
        const result = await outcome(client.resolve(link!), messages)
        const origins = new Set(adapter.origins(proxied))
        for (const { url } of seen) expect(origins.has(new URL(url).origin)).toBe(true)
        return result
      }

      function expectCode(result: AdapterError | 'ok', code: AdapterErrorCode): void {
        expect(result === 'ok' ? 'ok' : result.code).toBe(code)
      }

      it('the probe retrieves fine through the proxy', async () => {
        expect(await resolveWith({ kind: 'pass' })).toBe('ok')
      })
      it('upstream 404 → RECORD_NOT_FOUND', async () => {
        expectCode(await resolveWith({ kind: 'status', status: 404 }), 'RECORD_NOT_FOUND')
      })
      it.each([500, 502, 503])('upstream %i → UPSTREAM_UNAVAILABLE with a retry delay', async (status) => {
        const result = await resolveWith({ kind: 'status', status })
        expectCode(result, 'UPSTREAM_UNAVAILABLE')
        expect((result as AdapterError).retryAfter).toBeGreaterThan(0)
      })
      it("503 with Retry-After: the upstream's delay is kept", async () => {
        const result = await resolveWith({ kind: 'status', status: 503, headers: { 'retry-after': '7' } })
        expectCode(result, 'UPSTREAM_UNAVAILABLE')
        expect((result as AdapterError).retryAfter).toBe(7)
      })
      it('no answer → UPSTREAM_TIMEOUT within the deadline', async () => {
        const started = performance.now()
        expectCode(await resolveWith({ kind: 'hang' }), 'UPSTREAM_TIMEOUT')
        expect(performance.now() - started).toBeLessThan(DEADLINE_MS + 1_000)
      })
      it('connection reset → UPSTREAM_UNAVAILABLE', async () => {
        expectCode(await resolveWith({ kind: 'reset' }), 'UPSTREAM_UNAVAILABLE')
      })
      it('non-JSON → UPSTREAM_INVALID', async () => {
        expectCode(await resolveWith({ kind: 'non-json' }), 'UPSTREAM_INVALID')
      })
      it('wrong shape → UPSTREAM_INVALID', async () => {
        expectCode(await resolveWith({ kind: 'wrong-shape' }), 'UPSTREAM_INVALID')
      })
      it.each([true, false])('oversized body (Content-Length declared: %s) → UPSTREAM_INVALID', async (declared) => {
        expectCode(await resolveWith({ kind: 'oversized', bytes: BODY_CAP * 4, declared }), 'UPSTREAM_INVALID')
      })
      it('slow body → UPSTREAM_TIMEOUT', async () => {
        expectCode(await resolveWith({ kind: 'slow-body', intervalMs: 20 }), 'UPSTREAM_TIMEOUT')
      })
      it('redirect to another host → UPSTREAM_INVALID, the other host never contacted', async () => {
        expectCode(await resolveWith({ kind: 'redirect', location: `${trap.baseUrl}/elsewhere` }), 'UPSTREAM_INVALID')
        expect(trapHits).toBe(0)
      })
    })

    it('no identifier, mask or document fragment appears in logs or error messages', () => {
      const fragments = sensitiveFragments(fixtures)
      expect(messages.length).toBeGreaterThan(0)
      for (const text of [...logs, ...messages]) {
        for (const fragment of fragments) expect(text.includes(fragment), 'a log line or error message leaks a fixture fragment').toBe(false)
      }
    })
  })
}
