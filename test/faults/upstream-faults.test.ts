// Every national sandbox misbehaving, one fault at a time, while the real service (sandbox mode, on
// 127.0.0.1) is under a concurrent load of issuances on all adapters. Each fault maps to its documented
// problem+json code and status, the other adapters keep issuing, and after the fault is gone (and the
// breaker's reset time has passed) the faulted adapter issues again without a restart.
//
// Nothing asserted depends on the machine's speed: the faults that must end at the upstream deadline
// (a hang, a trickling body) run against a server whose deadline is short, and every other fault
// against a server whose deadline is longer than any answer of a loaded machine, so a busy machine
// cannot turn a 502 or 503 into a 504. The breaker's clock is moved by hand.
import { createServer } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Fault } from '../../src/runtime/node/sandbox/faults.ts'
import { listen, type ServedSandbox } from '../../src/runtime/node/sandbox/listen.ts'
import { ADAPTERS, issue, startFaultRig, startLoad, type Answer, type FaultRig, type Upstream } from './harness.ts'
import { advanceClock, BREAKER_RESET_MS, restoreClock } from './clock.ts'

/** The deadline of the server that meets the timeout faults; the other server's is LONG_DEADLINE_MS. */
const DEADLINE_MS = 3_000
const LONG_DEADLINE_MS = 60_000

interface Case {
  readonly name: string
  /** 'redirect-elsewhere': a 302 to a counting server on another port that must never be contacted. */
  readonly fault: Fault | 'truncated' | 'redirect-elsewhere'
  readonly status: number
  readonly code: string
  /** Ends at the upstream deadline (runs against the short-deadline server). */
  readonly timeout?: true
}

let rig: FaultRig
let shortRig: FaultRig
let elsewhere: ServedSandbox
let elsewhereHits = 0

const cases: readonly Case[] = [
  { name: 'slow answer past the deadline', fault: { kind: 'hang' }, status: 504, code: 'UPSTREAM_TIMEOUT', timeout: true },
  {
    name: 'body trickling past the deadline',
    fault: { kind: 'slow-body', intervalMs: 40 },
    status: 504,
    code: 'UPSTREAM_TIMEOUT',
    timeout: true,
  },
  { name: 'HTTP 500', fault: { kind: 'status', status: 500 }, status: 503, code: 'UPSTREAM_UNAVAILABLE' },
  { name: 'HTTP 502', fault: { kind: 'status', status: 502 }, status: 503, code: 'UPSTREAM_UNAVAILABLE' },
  { name: 'HTTP 503', fault: { kind: 'status', status: 503 }, status: 503, code: 'UPSTREAM_UNAVAILABLE' },
  { name: 'connection reset', fault: { kind: 'reset' }, status: 503, code: 'UPSTREAM_UNAVAILABLE' },
  { name: 'truncated body', fault: 'truncated', status: 503, code: 'UPSTREAM_UNAVAILABLE' },
  { name: 'non-JSON body', fault: { kind: 'non-json' }, status: 502, code: 'UPSTREAM_INVALID' },
  { name: 'JSON of the wrong shape', fault: { kind: 'wrong-shape' }, status: 502, code: 'UPSTREAM_INVALID' },
  {
    name: 'body over the cap, declared',
    fault: { kind: 'oversized', bytes: 600_000, declared: true },
    status: 502,
    code: 'UPSTREAM_INVALID',
  },
  {
    name: 'body over the cap, streamed',
    fault: { kind: 'oversized', bytes: 600_000, declared: false },
    status: 502,
    code: 'UPSTREAM_INVALID',
  },
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
async function recover(on: FaultRig, u: Upstream): Promise<Answer> {
  advanceClock(BREAKER_RESET_MS + 1_000)
  return issue(on.server.url, u.id, u.issuable[0]!)
}

/** Load on every adapter until the faulted one has given `wanted` answers (bounded in time). */
async function loadUntil(on: FaultRig, u: Upstream, wanted: number, others: number): Promise<Answer[]> {
  // Fewer connections against the short deadline: the other adapters' answers must stay well inside it.
  const concurrency = on === shortRig ? 8 : 20
  const load = startLoad(on.server.url, Object.values(on.upstreams), { concurrency, maxMs: 90_000, maxRequests: 4_000 })
  const started = performance.now()
  try {
    const enough = () =>
      load.answers.filter((a) => a.adapter === u.id).length >= wanted && load.answers.filter((a) => a.adapter !== u.id).length >= others
    // A bound on the wait, not an assertion: the counts are asserted by the caller.
    while (!enough() && performance.now() - started < 90_000) await new Promise((r) => setTimeout(r, 50))
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
  rig = await startFaultRig({ CERTBRIDGE_UPSTREAM_DEADLINE_MS: String(LONG_DEADLINE_MS) })
  shortRig = await startFaultRig({ CERTBRIDGE_UPSTREAM_DEADLINE_MS: String(DEADLINE_MS) })
}, 120_000)

afterAll(async () => {
  restoreClock()
  await rig?.close()
  await shortRig?.close()
  await elsewhere?.close()
})

describe.each(ADAPTERS)('faults of the %s sandbox under load', (id) => {
  it.each(cases.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      const on = c.timeout ? shortRig : rig
      const u = on.upstreams[id]!
      expect((await recover(on, u)).status).toBe(201)
      setFault(u, c.fault)
      let answers: Answer[]
      try {
        answers = await loadUntil(on, u, 12, 11)
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
        expect(Number(a.retryAfter), JSON.stringify(a)).toBeGreaterThanOrEqual(1)
      }
      // The other adapters keep issuing meanwhile.
      expect(others.length).toBeGreaterThan(10)
      expect(others.filter((a) => a.status !== 201).map((a) => `${a.adapter} ${a.status} ${a.code}`)).toEqual([])
      expect(elsewhereHits).toBe(0)

      // Recovery without a restart.
      expect((await recover(on, u)).status).toBe(201)
    },
    180_000,
  )
})
