// The floor makes the exchanges the adapters make: for every curated sample of every sandbox and a
// stretch of each synthetic population, the adapter's retrieve and the floor's exchange run against
// the same sandboxes, and the requests they send are compared one by one (method, URL, headers, body).
import { describe, expect, it } from 'vitest'
import type { AdapterConfig, AdapterContext, SandboxSample } from '../../adapters/_sdk/index.ts'
import { adapters, matchLink, sandboxes } from '../../adapters/registry.ts'
import { exchange, planFor, type Send, type UpstreamSettings } from './floor-exchanges.ts'
import { forgedLinks } from './mix.ts'

interface Sent {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

const TODAY = '2026-03-02'
const built = adapters.flatMap((adapter) => {
  const factory = sandboxes[adapter.id]
  if (!factory) return []
  const sandbox = factory({ population: 60, today: TODAY })
  const origin = `http://${adapter.id}.sandbox.test`
  return [{ adapter, sandbox, origin, config: sandbox.config(origin) }]
})
const settings: UpstreamSettings = Object.fromEntries(built.map((b) => [b.adapter.id, b.config as Record<string, string>]))

/** A fetch into the sandboxes that writes down every request. */
function recorder(): { sent: Sent[]; fetch: (url: string, init?: RequestInit) => Promise<Response> } {
  const sent: Sent[] = []
  const fetch = async (url: string, init: RequestInit = {}) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries())
    const body = typeof init.body === 'string' ? init.body : undefined
    sent.push({ method: init.method ?? 'GET', url, headers, body })
    const target = built.find((b) => url.startsWith(`${b.origin}/`))
    if (!target) throw new Error(`no sandbox at ${url}`)
    return target.sandbox.fetch(new Request(url, { method: init.method ?? 'GET', headers, ...(body === undefined ? {} : { body }) }))
  }
  return { sent, fetch }
}

async function adapterRequests(qr: string): Promise<Sent[] | 'refused before any request'> {
  let found: ReturnType<typeof matchLink>
  try {
    found = matchLink(qr)
  } catch {
    return 'refused before any request'
  }
  const { sent, fetch } = recorder()
  const ctx: AdapterContext = {
    fetch: fetch as typeof globalThis.fetch,
    now: () => new Date(`${TODAY}T12:00:00Z`),
    signal: new AbortController().signal,
    config: settings[found.adapter.id] as AdapterConfig,
  }
  await found.adapter.retrieve(found.link, ctx).catch(() => undefined) // a refusal after some requests
  return sent
}

async function floorRequests(qr: string): Promise<{ sent: Sent[]; signs: boolean } | 'refused before any request'> {
  const plan = planFor(qr)
  if (!plan) return 'refused before any request'
  const { sent, fetch } = recorder()
  const send: Send = async (method, url, headers, body) => {
    const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) })
    return { status: response.status, text: await response.text() }
  }
  return { sent, signs: await exchange(plan, settings, send) }
}

const samples: (SandboxSample & { adapter: string })[] = built.flatMap(({ adapter, sandbox }) => [
  ...sandbox.samples().map((s) => ({ adapter: adapter.id, ...s })),
  ...(sandbox.populationSamples?.() ?? []).map((s) => ({ adapter: adapter.id, ...s })),
])

describe("the floor's exchanges", () => {
  it('cover every sandbox with curated and population samples', () => {
    expect(new Set(samples.map((s) => s.adapter))).toEqual(new Set(built.map((b) => b.adapter.id)))
    expect(samples.filter((s) => s.expect.status === 201).length).toBeGreaterThan(100)
  })

  it.each(samples.filter((s) => s.expect.status === 201).map((s) => [s.name, s] as const))(
    'issuable %s: the same requests, and the floor signs',
    async (_name, sample) => {
      const adapter = await adapterRequests(sample.qr)
      const floor = await floorRequests(sample.qr)
      expect(adapter).not.toBe('refused before any request')
      expect(floor).not.toBe('refused before any request')
      if (typeof floor === 'string') return
      expect(floor.sent).toEqual(adapter)
      expect(floor.signs).toBe(true)
    },
  )

  it.each(samples.filter((s) => s.expect.status !== 201).map((s) => [s.name, s] as const))(
    "refused %s: the adapter's requests, at most the record source besides",
    async (_name, sample) => {
      const adapter = await adapterRequests(sample.qr)
      const floor = await floorRequests(sample.qr)
      if (adapter === 'refused before any request') return expect(floor).toBe('refused before any request')
      if (typeof floor === 'string') throw new Error('the floor read no link where the adapter made requests')
      expect(floor.sent.slice(0, adapter.length)).toEqual(adapter)
      expect(floor.sent.length - adapter.length).toBeLessThanOrEqual(1)
      if (floor.sent.length > adapter.length) expect(floor.sent.at(-1)!.url).toContain('/record-source/')
    },
  )

  it('reads no exchange from the forged links of the mix', () => {
    for (const qr of forgedLinks) expect(planFor(qr)).toBeNull()
  })
})
