// `npm run load -- --json` end to end, briefly: the national sandboxes in their own process, a
// two-worker server in sandbox mode pointed at them, then the two-worker floor on the same sandboxes,
// each driven for a fixed number of requests (`--requests`, not `--seconds`: how many fit in a time
// depends on the machine). Only correctness is asserted here (speed is measured by `npm run load`,
// never by a test): the report's shape, statuses as expected, nothing lost or doubled, every kind of
// request of the mix answered, up to its first forged link (tools/load/mix.ts is deterministic: the
// request that must get a 400 comes at a known step, and the run is made long enough to reach it), and
// the floor's figures present, positive, and every one of its answers 2xx.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { adapters, sandboxes } from '../../adapters/registry.ts'
import { createMix, type MixSample } from '../../tools/load/mix.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const CONNECTIONS = 4

/** How many answered requests make sure the mix's first request expecting `status` was answered. */
function answersToReach(status: number): number {
  const curated: MixSample[] = adapters.flatMap(
    (a) =>
      sandboxes[a.id]?.({ population: 0 })
        .samples()
        .map((s) => ({ adapter: a.id, ...s })) ?? [],
  )
  const mix = createMix(curated, [])
  let step = 0
  while (mix.next().expectStatus !== status) if (++step > 10_000) throw new Error(`the mix never asks for a ${status}`)
  return step + 1
}
const REQUESTS = answersToReach(400) + 2 * CONNECTIONS

interface Report {
  rps: number
  p50: number
  p99: number
  statuses: Record<string, number>
  lost: number
  duplicates: number
  errors5xx: number
  unexpected: number
  distinctUvcis: number
  rows: number
  firstIssuedPerSec: number
  serverCpuMsPerConversion: number | null
  floor: { rps: number; p50: number; p99: number; cpuMsPerRequest: number | null; statuses: Record<string, number>; non2xx: number }
  ratio: number
  cpuRatio: number | null
  rig: { upstreamExchangesPerRequest: { service: number; floor: number } }
}

/** CPU figures come from /proc: present on Linux, null elsewhere. */
const HAS_PROC = existsSync('/proc/self/stat')

describe('npm run load -- --json', () => {
  it.each([
    ['the QR images the page asks for', []],
    ['no QR images (?qr=none)', ['--qr', 'none']],
  ])(
    'drives a two-worker server and its floor, with %s, and finds nothing lost, doubled or failed',
    async (_label, extra) => {
      const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [
            'bin/dev.mjs',
            'tools/load/main.ts',
            '--requests',
            String(REQUESTS),
            '--connections',
            String(CONNECTIONS),
            '--population',
            '400',
            '--workers',
            '2',
            '--json',
            ...extra,
          ],
          { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, timeout: 280_000 },
          (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
        )
      })
      expect(code, stderr.slice(-2000)).toBe(0)
      const report = JSON.parse(stdout.trim().split('\n').at(-1)!) as Report
      expect(report).toMatchObject({ lost: 0, duplicates: 0, errors5xx: 0, unexpected: 0 })
      // Every request answered, each with the status the mix expects of it (unexpected: 0 above).
      expect(Object.values(report.statuses).reduce((a, b) => a + b, 0)).toBe(REQUESTS)
      expect(report.p99).toBeGreaterThanOrEqual(report.p50)
      expect(report.statuses['201']).toBeGreaterThan(0)
      expect(report.distinctUvcis).toBeGreaterThan(0)
      // The mix asks for what must fail too: the failing samples and forged links (400).
      expect(REQUESTS - (report.statuses['201'] ?? 0)).toBeGreaterThan(0)
      expect(report.statuses['400']).toBeGreaterThan(0)
      // Every UVCI answered has its row; rows may exceed them by requests cut off when the run ended.
      expect(report.rows).toBeGreaterThanOrEqual(report.distinctUvcis)
      expect(report.rows - report.distinctUvcis).toBeLessThanOrEqual(4)

      // The floor, on the same rig and mix: every request answered, all 2xx, its figures positive.
      const { floor } = report
      expect(Object.values(floor.statuses).reduce((a, b) => a + b, 0)).toBe(REQUESTS)
      expect(Object.keys(floor.statuses).every((status) => /^2\d\d$/.test(status))).toBe(true)
      expect(floor.non2xx).toBe(0)
      expect(floor.statuses['201']).toBeGreaterThan(0) // it signed
      expect(floor.rps).toBeGreaterThan(0)
      expect(floor.p99).toBeGreaterThanOrEqual(floor.p50)
      expect(floor.p50).toBeGreaterThan(0)
      expect(report.ratio).toBeGreaterThan(0)
      expect(report.ratio).toBeCloseTo(report.rps / floor.rps, 2)
      // Both asked the rig's sandbox process (never the service's own sandboxes).
      expect(report.rig.upstreamExchangesPerRequest.service).toBeGreaterThan(1)
      expect(report.rig.upstreamExchangesPerRequest.floor).toBeGreaterThan(1)
      if (HAS_PROC) {
        expect(report.serverCpuMsPerConversion).toBeGreaterThan(0)
        expect(floor.cpuMsPerRequest).toBeGreaterThan(0)
        expect(report.cpuRatio).toBeGreaterThan(0)
      } else {
        expect(report.serverCpuMsPerConversion).toBeNull()
        expect(floor.cpuMsPerRequest).toBeNull()
      }
    },
    300_000,
  )
})
