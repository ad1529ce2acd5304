// The one contract suite every adapter runs (vitest): `testAdapter({ adapter, sandbox, fixtures })`.
// It serves the adapter's sandbox over real HTTP on 127.0.0.1, proves `match` is pure and refuses
// foreign and forged links (the author's and forgeries it derives itself from every valid link),
// resolves every fixture record through the adapter client (strict deep equality, and no field the
// record type does not declare), checks every request went through ctx.fetch to a declared origin
// (the global fetch is watched the whole time), requires `sourceRef` on expired and revoked refusals,
// and puts a fault-injecting proxy between client and sandbox to prove how each upstream failure is
// mapped. It captures console output and fails if an identifier, mask or document fragment of the
// fixtures shows in a log or an error. Failures name the link, the fragment and where it leaked,
// the origin tried and the origins declared (fixture data is invented, so naming it is safe).
import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AdapterConfig, AdapterLink, CountryAdapter } from '../_sdk/adapter.ts'
import { createAdapterClient } from '../_sdk/client.ts'
import { AdapterError, type AdapterErrorCode } from '../_sdk/errors.ts'
import type { AdapterSandbox } from '../_sdk/sandbox.ts'
import { startFaultProxy, type Fault, type FaultProxy } from '../../src/runtime/node/sandbox/faults.ts'
import { listen, serveSandbox, type ServedSandbox } from '../../src/runtime/node/sandbox/listen.ts'
import { sensitiveFragments, type ContractFixtures } from './fixtures.ts'
import { derivedForgeries } from './forgeries.ts'
import { recordShapeProblems } from './record-shape.ts'
import { watchGlobalFetch, type Fetched, type FetchWatch } from './watch.ts'

export type { ContractFixtures } from './fixtures.ts'

export interface ContractOptions<Link extends AdapterLink, Raw> {
  readonly adapter: CountryAdapter<Link, Raw>
  readonly sandbox: AdapterSandbox
  readonly fixtures: ContractFixtures
}

/** Short limits keep the fault cases fast. */
const DEADLINE_MS = 400
const BODY_CAP = 32 * 1024

/** Refusals that must say which record they are about, so that what was derived from it can be revoked. */
const NEEDS_SOURCE_REF: readonly AdapterErrorCode[] = ['RECORD_EXPIRED', 'RECORD_REVOKED']

interface Said {
  /** Where the text was said: 'the error for <link>', 'console.warn'. */
  readonly where: string
  readonly text: string
}

async function outcome(promise: Promise<unknown>, said: Said[], where: string): Promise<AdapterError | 'ok'> {
  try {
    await promise
    return 'ok'
  } catch (error) {
    for (let e: unknown = error; e instanceof Error; e = e.cause) said.push({ where, text: e.message })
    if (error instanceof AdapterError) return error
    throw error
  }
}

const codeOf = (result: AdapterError | 'ok') => (result === 'ok' ? 'ok' : result.code)

export function testAdapter<Link extends AdapterLink, Raw>({ adapter, sandbox, fixtures }: ContractOptions<Link, Raw>): void {
  describe(`adapter contract: ${adapter.id}`, () => {
    const said: Said[] = []
    let served: ServedSandbox
    let config: AdapterConfig
    let watch: FetchWatch

    beforeAll(async () => {
      for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
        vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
          const text = args
            .map((a) => (a instanceof Error ? `${a.message} ${String(a.stack)}` : typeof a === 'string' ? a : JSON.stringify(a)))
            .join(' ')
          said.push({ where: `console.${level}`, text })
        })
      }
      watch = watchGlobalFetch()
      served = await serveSandbox(sandbox, { port: 0 })
      config = sandbox.config(served.baseUrl)
    })
    afterAll(async () => {
      vi.restoreAllMocks()
      watch?.restore()
      await served?.close()
    })

    /** Fails naming the link when the adapter called the global fetch since `from` (escaping ctx.fetch's guard). */
    function expectNoGlobalFetch(from: number, link: string): void {
      const calls = watch.calls.slice(from).map((c) => `${c.method} ${c.url}`)
      expect(calls, `${link}: the adapter called the global fetch instead of ctx.fetch: ${calls.join(', ')}`).toEqual([])
    }

    const match = (text: string) => watch.inAdapter(() => adapter.match(text))

    function expectDeclaredOrigins(seen: readonly Fetched[], declared: readonly string[]): void {
      const outside = [...new Set(seen.map(({ url }) => new URL(url).origin))].filter((origin) => !declared.includes(origin))
      expect(outside, `requests went to ${outside.join(', ')}, outside the declared origins ${declared.join(', ')}`).toEqual([])
    }

    it('declares its identity, settings and origins', () => {
      expect(adapter.id).toMatch(/^[a-z]{2}-[a-z0-9-]+$/)
      expect(adapter.country).toMatch(/^[A-Z]{2}$/)
      const origins = adapter.origins(config)
      expect(origins.length).toBeGreaterThan(0)
      for (const origin of origins) expect(new URL(origin).origin, `declared origin ${origin} is not an origin`).toBe(origin)
      for (const setting of adapter.settings) expect(setting.name).toMatch(/^[A-Z][A-Z0-9_]*$/)
    })

    describe('match is pure', () => {
      let from = 0
      beforeAll(() => {
        from = watch.calls.length
      })

      it.each(fixtures.links.valid.map((l) => [l.kind, l.text] as const))('accepts its %s link %s', (kind, text) => {
        const link = match(text)
        expect(link, `match refused its own link ${text}`).not.toBeNull()
        expect(link!.kind).toBe(kind)
      })
      it.each(fixtures.links.foreign.map((text) => [text]))('returns null for a foreign QR: %s', (text) => {
        expect(match(text)).toBeNull()
      })
      it.each(fixtures.links.forged.map((l) => [l.text, l.code] as const))('refuses %s with %s', (text, code) => {
        let caught: unknown
        try {
          match(text)
        } catch (error) {
          caught = error
        }
        expect(caught, `match(${text}) did not throw an AdapterError`).toBeInstanceOf(AdapterError)
        expect((caught as AdapterError).code, text).toBe(code)
        said.push({ where: `the error for ${text}`, text: (caught as Error).message })
      })
      it.each(derivedForgeries(fixtures.links.valid).map((f) => [f.kind, f.text] as const))(
        'refuses a forgery (%s) with LINK_FORGED or null: %s',
        (kind, text) => {
          let link: AdapterLink | null
          try {
            link = match(text)
          } catch (error) {
            const code = error instanceof AdapterError ? error.code : String(error)
            expect(code, `match(${text}), a forgery (${kind}) of a valid link, must throw LINK_FORGED or return null`).toBe('LINK_FORGED')
            said.push({ where: `the error for ${text}`, text: (error as Error).message })
            return
          }
          expect(link, `match accepted ${text}, a forgery (${kind}) of a valid link`).toBeNull()
        },
      )
      it('never fetched anything', () => {
        expectNoGlobalFetch(from, 'match')
      })
    })

    describe('resolves every sandbox record through the client', () => {
      const seen: Fetched[] = []
      it.each(fixtures.records.map((r) => [r.name, r] as const))('%s', async (_name, record) => {
        const from = watch.calls.length
        const link = match(record.qr)
        expect(link, `match refused ${record.qr}`).not.toBeNull()
        const client = createAdapterClient(adapter, { config, fetch: watch.recording(seen), deadlineMs: 5_000 })
        const result = await outcome(
          watch.inAdapter(() => client.resolve(link!)),
          said,
          `the error for ${record.qr}`,
        )
        expectNoGlobalFetch(from, record.qr)
        if ('code' in record.expected) {
          expect(codeOf(result), record.qr).toBe(record.expected.code)
          if (result !== 'ok' && NEEDS_SOURCE_REF.includes(result.code)) {
            const message = `${record.qr}: a ${result.code} refusal must carry the record's sourceRef, '${adapter.id}:…' (so derived certificates can be revoked)`
            expect(result.sourceRef ?? '(none)', message).toMatch(new RegExp(`^${adapter.id}:.`))
          }
        } else {
          expect(result, `${record.qr}: ${result === 'ok' ? '' : `${result.code}: ${result.message}`}`).toBe('ok')
          const resolved = await watch.inAdapter(() => client.resolve(link!))
          const problems = recordShapeProblems(resolved)
          expect(problems, `${record.qr}: the record holds what the record type does not: ${problems.join('; ')}`).toEqual([])
          expect(resolved, record.qr).toStrictEqual(record.expected)
        }
      })
      it('sent every request to a declared origin', () => {
        expect(seen.length).toBeGreaterThan(0)
        expectDeclaredOrigins(seen, adapter.origins(config))
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
        const from = watch.calls.length
        const client = createAdapterClient(adapter, {
          config: proxied,
          fetch: watch.recording(seen),
          deadlineMs: DEADLINE_MS,
          maxBodyBytes: BODY_CAP,
          breaker: { failureThreshold: 100 },
          random: () => 0,
        })
        const link = match(fixtures.faultProbe)
        expect(link, `match refused the fault probe ${fixtures.faultProbe}`).not.toBeNull()
        const result = await outcome(
          watch.inAdapter(() => client.resolve(link!)),
          said,
          `the error for ${fixtures.faultProbe} (fault ${fault.kind})`,
        )
        expectNoGlobalFetch(from, fixtures.faultProbe)
        expectDeclaredOrigins(seen, adapter.origins(proxied))
        return result
      }

      function expectCode(result: AdapterError | 'ok', code: AdapterErrorCode): void {
        expect(codeOf(result)).toBe(code)
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
      expect(said.some((s) => s.where.startsWith('the error for'))).toBe(true)
      const leaks = said.flatMap(({ where, text }) =>
        fragments.filter((f) => text.includes(f)).map((f) => `"${f}" leaked in ${where}: ${text}`),
      )
      expect(leaks, `fixture fragments in logs or error messages:\n${leaks.join('\n')}`).toEqual([])
    })
  })
}
