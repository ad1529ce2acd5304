import { describe, expect, it } from 'vitest'
import type { Driven } from './drive.ts'
import { buildReport, combineRuns, parseDbWrites, printReport, type RunFigures } from './report.ts'

const driven = (statuses: Record<string, number>, elapsedSeconds: number): Driven => {
  const answered = Object.values(statuses).reduce((a, b) => a + b, 0)
  return {
    statuses,
    answered,
    elapsedSeconds,
    latencies: Array.from({ length: answered }, (_, i) => i + 1),
    connectionErrors: 0,
    timeouts: 0,
  }
}
const checks = { firstIssued: 700, unexpected: 0, duplicates: 0, distinctUvcis: 700, lost: 0, rows: 700 }
const sizes = { answerBytes: 14_600, refusalBytes: 290, payloadBytes: 295, hc1Chars: 590 }
const service: RunFigures = {
  driven: driven({ 201: 900, 404: 60, 400: 40 }, 10),
  serverCpuMs: 1800,
  sandboxCpuMs: 500,
  generatorCpuMs: 400,
  otherCpuMs: 5000,
  exchanges: 2400,
}
const floor: RunFigures = {
  driven: driven({ 201: 9500, 200: 500 }, 10),
  serverCpuMs: 3000,
  sandboxCpuMs: 2000,
  generatorCpuMs: 1000,
  otherCpuMs: 2500,
  exchanges: 24_500,
}
const input = {
  service,
  checks,
  floor,
  qr: 'svg',
  slices: 1,
  workers: 2,
  cores: 2,
  connections: 16,
  floorSizes: sizes,
  floorDrawsQr: false,
  db: { transactions: 400, writesPerTransaction: 5.5, busyRetries: 3 },
}

describe('parseDbWrites', () => {
  it('reads the group-commit counters from /metrics, and gives null when the service has none', () => {
    const text = [
      '# TYPE certbridge_db_write_transactions_total counter',
      'certbridge_db_write_transactions_total 200',
      'certbridge_db_writes_total 1100',
      'certbridge_db_busy_retries_total 7',
      'certbridge_http_responses_total{status="201"} 900',
    ].join('\n')
    expect(parseDbWrites(text)).toEqual({ transactions: 200, writesPerTransaction: 5.5, busyRetries: 7 })
    expect(parseDbWrites('certbridge_http_responses_total{status="201"} 900\n')).toBeNull()
  })
})

describe('combineRuns', () => {
  it('adds the slices of a run: counts, CPU and time summed, latencies pooled in order', () => {
    const first: RunFigures = { ...service, driven: { ...driven({ 201: 2, 404: 1 }, 5), latencies: [3, 9, 12] } }
    const second: RunFigures = { ...service, driven: { ...driven({ 201: 3 }, 4), latencies: [1, 10, 11], timeouts: 1 } }
    const whole = combineRuns([first, second])
    expect(whole.driven.statuses).toEqual({ 201: 5, 404: 1 })
    expect(whole.driven.answered).toBe(6)
    expect(whole.driven.elapsedSeconds).toBe(9)
    expect(whole.driven.latencies).toEqual([1, 3, 9, 10, 11, 12])
    expect(whole.driven.timeouts).toBe(1)
    expect(whole.serverCpuMs).toBe(3600)
    expect(whole.generatorCpuMs).toBe(800)
    expect(whole.exchanges).toBe(4800)
  })
  it('leaves a CPU figure out when one slice could not read it, and refuses nothing to combine', () => {
    const whole = combineRuns([service, { ...service, serverCpuMs: undefined }])
    expect(whole.serverCpuMs).toBeUndefined()
    expect(whole.sandboxCpuMs).toBe(1000)
    expect(() => combineRuns([])).toThrow('no run to combine')
  })
  it('gives the same report for one slice as for the run itself', () => {
    expect(buildReport({ ...input, service: combineRuns([service]), floor: combineRuns([floor]) })).toEqual(buildReport(input))
  })
})

describe('buildReport', () => {
  it('gives the service CPU per 201, the floor CPU per request, and the ratio of their rates', () => {
    const report = buildReport(input)
    expect(report).toMatchObject({
      rps: 100,
      issuedPerSec: 90,
      firstIssuedPerSec: 70,
      serverCpuMsPerConversion: 2,
      serverCpuMsPerRequest: 1.8,
      ratio: 0.1,
      cpuRatio: 0.167,
      errors5xx: 0,
    })
    expect(report.floor).toMatchObject({ rps: 1000, cpuMsPerRequest: 0.3, non2xx: 0, p50: 5001, p99: 9901 })
    expect(report.rig).toMatchObject({
      sandboxCpuMsPerRequest: { service: 0.5, floor: 0.2 },
      generatorCpuMsPerRequest: { service: 0.4, floor: 0.1 },
      otherCores: { service: 0.5, floor: 0.25 },
      upstreamExchangesPerRequest: { service: 2.4, floor: 2.45 },
    })
  })

  it('counts the floor answers that are not 2xx and the service 5xx', () => {
    const report = buildReport({
      ...input,
      service: { ...service, driven: driven({ 201: 10, 503: 2 }, 1) },
      floor: { ...floor, driven: driven({ 201: 5, 502: 3 }, 1) },
    })
    expect(report.errors5xx).toBe(2)
    expect(report.floor.non2xx).toBe(3)
  })

  it('leaves the CPU figures null without /proc', () => {
    const blind = (run: RunFigures): RunFigures => ({ ...run, serverCpuMs: undefined, sandboxCpuMs: undefined, otherCpuMs: undefined })
    const report = buildReport({ ...input, service: blind(service), floor: blind(floor) })
    expect([report.serverCpuMsPerConversion, report.floor.cpuMsPerRequest, report.cpuRatio, report.rig.otherCores.service]).toEqual([
      null,
      null,
      null,
      null,
    ])
  })

  it('prints the service and the floor side by side', () => {
    const lines: string[] = []
    printReport(buildReport(input), (line) => lines.push(line))
    expect(lines[0]).toMatch(/^\s+service\s+floor$/)
    expect(lines.find((l) => l.startsWith('requests/s'))).toMatch(/100\s+1000$/)
    expect(lines).toContain('ratio (service rps / floor rps): 0.1; floor CPU per request / service CPU per request: 0.167')
  })
  it('says when the floor drew the QR too (--floor-qr)', () => {
    const report = buildReport({ ...input, floorDrawsQr: true })
    expect(report.floor.drawsQr).toBe(true)
    expect(buildReport(input).floor.drawsQr).toBe(false)
    const lines: string[] = []
    printReport(report, (line) => lines.push(line))
    expect(lines[0]).toMatch(/^\s+service\s+floor \(\+ QR\)$/)
  })
})
