// Every national sandbox misbehaving, one fault at a time, while the real service (sandbox mode, on
// 127.0.0.1) is under a concurrent load of issuances on all adapters. Each fault maps to its documented
// problem+json code and status, the other adapters keep issuing, and after the fault is gone (and the
// breaker's reset time has passed) the faulted adapter issues again without a restart.
import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Fault } from '../../src/sandbox/faults.ts'
import { listen, type ServedSandbox } from '../../src/sandbox/listen.ts'
import { ADAPTERS, issue, startFaultRig, startLoad, type Answer, type FaultRig, type Upstream } from './harness.ts'
import { advanceClock, BREAKER_RESET_MS, restoreClock } from './clock.ts'

const DEADLINE_MS = 1_000

interface Case {
  readonly name: string
  /** 'redirect-elsewhere': a 302 to a counting server on another port that must never be contacted. */
  readonly fault: Fault | 'truncated' | 'redirect-elsewhere'
  readonly status: number
  readonly code: string
}

let rig: FaultRig
let elsewhere: ServedSandbox
let elsewhereHits = 0

const cases: readonly Case[] = [
  { name: 'slow answer past the deadline', fault: { kind: 'hang' }, status: 504, code: 'UPSTREAM_TIMEOUT' },
  { name: 'body trickling past the deadline', fault: { kind: 'slow-body', intervalMs: 40 }, status: 504, code: 'UPSTREAM_TIMEOUT' },
  { name: 'HTTP 500', fault: { kind: 'status', status: 500 }, status: 503, code: 'UPSTREAM_UNAVAILABLE' },
  { name: 'HTTP 502', fault: { kind: 'status', status: 502 }, status: 503, code: 'UPSTREAM_UNAVAILABLE' },
  { name: 'HTTP 503', fault: { kind: 'status', status: 503 }, status: 503, code: 'UPSTREAM_UNAVAILABLE' },
  { name: 'connection reset', fault: { kind: 'reset' }, status: 503, code: 'UPSTREAM_UNAVAILABLE' },
  { name: 'truncated body', fault: 'truncated', status: 503, code: 'UPSTREAM_UNAVAILABLE' },
  { name: 'non-JSON body', fault: { kind: 'non-json' }, status: 502, code: 'UPSTREAM_INVALID' },
  { name: 'JSON of the wrong shape', fault: { kind: 'wrong-shape' }, status: 502, code: 'UPSTREAM_INVALID' },
  { name: 'body over the cap, declared', fault: { kind: 'oversized', bytes: 600_000, declared: true }, status: 502, code: 'UPSTREAM_INVALID' },
  { name: 'body over the cap, streamed', fault: { kind: 'oversized', bytes: 600_000, declared: false }, status: 502, code: 'UPSTREAM_INVALID' },
  { name: 'redirect to another host', fault: 'redirect-elsewhere', status: 502, code: 'UPSTREAM_INVALID' },
]

function setFault(u: Upstream, fault: Case['fault']): void {
  if (fault === 'truncated') u.front.setTruncate(true)
  else if (fault === 'redirect-elsewhere') u.proxy.setFault({ kind: 'redirect', location: `${elsewhere.baseUrl}/stolen` })
  else u.proxy.setFault(fault)
}

function clearFault(u: Upstream): void {
  u.front.setTruncate(false)
  u.proxy.setFault({ kind: 'pass' })
}

/** Lets the breaker's reset time pass and gets one certificate through (the probe closes it). */
async function recover(u: Upstream): Promise<Answer> {
  advanceClock(BREAKER_RESET_MS + 1_000)
  return issue(rig.server.url, u.id, u.issuable[0]!)
}

/** Load on every adapter until the faulted one has given `wanted` answers (bounded in time). */
async function loadUntil(u: Upstream, wanted: number): Promise<Answer[]> {
  const load = startLoad(rig.server.url, Object.values(rig.upstreams), { concurrency: 20, maxMs: 8_000, maxRequests: 2_000 })
  const started = performance.now()
  try {
    while (performance.now() - started < 8_000) {
      await new Promise((r) => setTimeout(r, 50))
      if (performance.now() - started > 300 && load.answers.filter((a) => a.adapter === u.id).length >= wanted) break
    }
  } finally {
    await load.stop()
  }
  return load.answers
}

beforeAll(async () => {
  const server = createServer((_req, res) => {
    elsewhereHits += 1
    res.end('{}')
  })
  elsewhere = await listen(server, 0)
  rig = await startFaultRig({ CERTBRIDGE_UPSTREAM_DEADLINE_MS: String(DEADLINE_MS) })
}, 60_000)

afterAll(async () => {
  restoreClock()
  await rig?.close()
  await elsewhere?.close()
})

describe.each(ADAPTERS)('faults of the %s sandbox under load', (id) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const u = rig.upstreams[id]
    expect((await recover(u)).status).toBe(201)
    setFault(u, c.fault)
    let answers: Answer[]
    try {
      answers = await loadUntil(u, 12)
    } finally {
      clearFault(u)
    }
    const faulted = answers.filter((a) => a.adapter === id)
    const others = answers.filter((a) => a.adapter !== id)

    // The faulted adapter: its documented problem, or the open breaker's; never a 500 or a hang.
    expect(faulted.filter((a) => a.code === c.code && a.status === c.status).length).toBeGreaterThan(0)
    for (const a of faulted) {
      const breakerOpen = a.status === 503 && a.code === 'UPSTREAM_UNAVAILABLE'
      expect(breakerOpen || (a.status === c.status && a.code === c.code), JSON.stringify(a)).toBe(true)
      expect(a.contentType).toBe('application/problem+json')
      expect(a.ms).toBeLessThan(DEADLINE_MS + 2_000)
      expect(Number(a.retryAfter), JSON.stringify(a)).toBeGreaterThanOrEqual(1)
    }
    // The other adapters keep issuing meanwhile.
    expect(others.length).toBeGreaterThan(10)
    expect(others.filter((a) => a.status !== 201).map((a) => `${a.adapter} ${a.status} ${a.code}`)).toEqual([])
    expect(elsewhereHits).toBe(0)

    // Recovery without a restart.
    expect((await recover(u)).status).toBe(201)
  })
})
