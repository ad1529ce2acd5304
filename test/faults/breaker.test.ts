// The circuit breaker of one adapter, seen from outside over real HTTP under load: it opens after
// consecutive upstream failures and then answers UPSTREAM_UNAVAILABLE without contacting the upstream
// (the proxy counts requests; the upstream then hangs, so a request that reached it would end as a
// timeout, not as the breaker's refusal), lets one probe through after its reset time, reopens when the
// probe fails and closes when it succeeds. Nothing here is measured in milliseconds: the upstream
// deadline is long (a busy machine never reaches it) and the breaker's clock is moved by hand. A sandbox that goes away entirely and comes back: the other
// adapters keep serving throughout and the service recovers without a restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issue, startFaultRig, startLoad, type FaultRig } from './harness.ts'
import { advanceClock, BREAKER_RESET_MS, restoreClock } from './clock.ts'

let rig: FaultRig
/** Longer than any answer of a loaded machine: only a hanging upstream reaches it. */
const DEADLINE_MS = 30_000
/** Only against a hang: a loaded machine takes several times the 20 s these need when idle. */
const TEST_BOUND_MS = 300_000

beforeAll(async () => {
  rig = await startFaultRig({ CERTBRIDGE_UPSTREAM_DEADLINE_MS: String(DEADLINE_MS) })
}, 60_000)

afterAll(async () => {
  restoreClock()
  await rig?.close()
})

const burst = (id: 'ru-gosuslugi' | 'ru-mos' | 'vn-qr', n: number) => {
  const u = rig.upstreams[id]
  return Promise.all(Array.from({ length: n }, (_, i) => issue(rig.server.url, id, u.issuable[i % u.issuable.length]!)))
}

describe('circuit breaker over HTTP', () => {
  it(
    'opens under failures, refuses fast without contacting upstream, probes after the reset time, and closes',
    async () => {
      const mos = rig.upstreams['ru-mos']
      expect((await issue(rig.server.url, 'ru-mos', mos.issuable[0]!)).status).toBe(201)

      const load = startLoad(rig.server.url, [rig.upstreams['ru-gosuslugi'], rig.upstreams['vn-qr']], { concurrency: 10, maxMs: 120_000 })
      try {
        mos.proxy.setFault({ kind: 'status', status: 500 })
        // Five consecutive failures open it (ru-mos posts, so no retries: one proxy request each).
        for (let i = 0; i < 5; i += 1) expect((await issue(rig.server.url, 'ru-mos', mos.issuable[0]!)).code).toBe('UPSTREAM_UNAVAILABLE')

        // The upstream now hangs: a request let through would wait for the deadline and end as 504.
        mos.proxy.setFault({ kind: 'hang' })
        const seen = mos.proxy.requests.length
        const refused = await burst('ru-mos', 30)
        expect(mos.proxy.requests.length).toBe(seen)
        for (const a of refused) {
          expect([a.status, a.code]).toEqual([503, 'UPSTREAM_UNAVAILABLE'])
          const retryAfter = Number(a.retryAfter)
          expect(retryAfter).toBeGreaterThanOrEqual(1)
          expect(retryAfter).toBeLessThanOrEqual(BREAKER_RESET_MS / 1000)
        }
        mos.proxy.setFault({ kind: 'status', status: 500 })

        // After the reset time, one probe goes through; it fails, and the breaker reopens.
        advanceClock(BREAKER_RESET_MS + 1_000)
        const probes = await burst('ru-mos', 10)
        expect(mos.proxy.requests.length).toBe(seen + 1)
        expect(probes.every((a) => a.status === 503 && a.code === 'UPSTREAM_UNAVAILABLE')).toBe(true)
        await burst('ru-mos', 5)
        expect(mos.proxy.requests.length).toBe(seen + 1)

        // The upstream heals; after another reset time the probe succeeds and the breaker closes.
        mos.proxy.setFault({ kind: 'pass' })
        expect((await burst('ru-mos', 3)).every((a) => a.code === 'UPSTREAM_UNAVAILABLE')).toBe(true)
        advanceClock(BREAKER_RESET_MS + 1_000)
        expect((await issue(rig.server.url, 'ru-mos', mos.issuable[0]!)).status).toBe(201)
        const after = await burst('ru-mos', 20)
        expect(after.map((a) => a.status)).toEqual(after.map(() => 201))
      } finally {
        mos.proxy.setFault({ kind: 'pass' })
        await load.stopAfter(21)
      }
      const others = load.answers
      expect(others.length).toBeGreaterThan(20)
      expect(others.filter((a) => a.status !== 201)).toEqual([])
    },
    TEST_BOUND_MS,
  )

  it(
    'survives a sandbox that goes away entirely and comes back, while the others keep serving',
    async () => {
      const vn = rig.upstreams['vn-qr']
      const load = startLoad(rig.server.url, [rig.upstreams['ru-gosuslugi'], rig.upstreams['ru-mos']], { concurrency: 10, maxMs: 120_000 })
      try {
        await vn.stopSandbox()
        const down = await burst('vn-qr', 20)
        for (const a of down) {
          expect([a.status, a.code]).toEqual([503, 'UPSTREAM_UNAVAILABLE'])
          expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1)
        }
        // Still down when the breaker half-opens: the probe fails, nothing hangs.
        advanceClock(BREAKER_RESET_MS + 1_000)
        expect((await burst('vn-qr', 5)).every((a) => a.status === 503)).toBe(true)

        await vn.startSandbox()
        advanceClock(BREAKER_RESET_MS + 1_000)
        const n = vn.proxy.requests.length
        const first = await issue(rig.server.url, 'vn-qr', vn.issuable[0]!)
        expect(first.status, `${first.code} after ${vn.proxy.requests.length - n} upstream requests`).toBe(201)
        const back = await burst('vn-qr', 20)
        expect(back.map((a) => a.status)).toEqual(back.map(() => 201))
      } finally {
        await vn.startSandbox()
        await load.stopAfter(21)
      }
      const others = load.answers
      expect(others.length).toBeGreaterThan(20)
      expect(others.filter((a) => a.status !== 201)).toEqual([])
    },
    TEST_BOUND_MS,
  )
})
