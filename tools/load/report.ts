// The load report: the service's figures and checks, the floor's figures from the same run, their
// ratio, and what the rig itself took (sandboxes, generator), as one JSON object or side by side.
import type { AnswerSizes } from './answer-sizes.ts'
import { type Driven, percentile } from './drive.ts'

/** One measured run: the generator's view and the CPU the processes spent over it. */
export interface RunFigures {
  readonly driven: Driven
  /** The measured server's process tree; undefined without /proc. */
  readonly serverCpuMs: number | undefined
  readonly sandboxCpuMs: number | undefined
  readonly generatorCpuMs: number
  /** What the rest of the machine (neither the server, the sandboxes nor the generator) was busy with. */
  readonly otherCpuMs: number | undefined
  /** Requests the sandboxes answered during the run. */
  readonly exchanges: number
}

/**
 * One run's figures from its slices (the rig alternates the service's and the floor's): counts, CPU
 * and time add up, latencies are pooled. A CPU figure missing from any slice is missing from the whole.
 */
export function combineRuns(runs: readonly RunFigures[]): RunFigures {
  if (runs.length === 0) throw new Error('no run to combine')
  const sum = (pick: (run: RunFigures) => number) => runs.reduce((total, run) => total + pick(run), 0)
  const sumKnown = (pick: (run: RunFigures) => number | undefined) =>
    runs.every((run) => pick(run) !== undefined) ? sum((run) => pick(run) ?? 0) : undefined
  const statuses: Record<string, number> = {}
  for (const run of runs) for (const [status, n] of Object.entries(run.driven.statuses)) statuses[status] = (statuses[status] ?? 0) + n
  return {
    driven: {
      statuses,
      answered: sum((run) => run.driven.answered),
      elapsedSeconds: sum((run) => run.driven.elapsedSeconds),
      latencies: runs.flatMap((run) => run.driven.latencies).sort((a, b) => a - b),
      connectionErrors: sum((run) => run.driven.connectionErrors),
      timeouts: sum((run) => run.driven.timeouts),
    },
    serverCpuMs: sumKnown((run) => run.serverCpuMs),
    sandboxCpuMs: sumKnown((run) => run.sandboxCpuMs),
    generatorCpuMs: sum((run) => run.generatorCpuMs),
    otherCpuMs: sumKnown((run) => run.otherCpuMs),
    exchanges: sum((run) => run.exchanges),
  }
}

/** The service's grouped database writes over its life (Node's group commit), from its /metrics. */
export interface DbWrites {
  readonly transactions: number
  /** The requests' writes each transaction carried, on average. */
  readonly writesPerTransaction: number
  /** Transactions tried again later because another process held the write lock. */
  readonly busyRetries: number
}

/** Reads the group-commit counters from /metrics text; null when the service has none (not Node). */
export function parseDbWrites(metrics: string): DbWrites | null {
  const value = (name: string) => {
    const match = new RegExp(`^${name} (\\d+)$`, 'm').exec(metrics)
    return match ? Number(match[1]) : undefined
  }
  const transactions = value('certbridge_db_write_transactions_total')
  const writes = value('certbridge_db_writes_total')
  const busyRetries = value('certbridge_db_busy_retries_total')
  if (transactions === undefined || writes === undefined || busyRetries === undefined) return null
  return { transactions, writesPerTransaction: transactions > 0 ? Number((writes / transactions).toFixed(2)) : 0, busyRetries }
}

/** What the rig found of the service's answers and database. */
export interface ServiceChecks {
  readonly firstIssued: number
  /** Answers whose status differs from the one the mix expects. */
  readonly unexpected: number
  /** Requests (record and event) answered with two different UVCIs. */
  readonly duplicates: number
  readonly distinctUvcis: number
  /** UVCIs answered with 201 that have no row. */
  readonly lost: number
  readonly rows: number
}

export interface RigFigures {
  /** Turns each of the service and the floor was driven, alternately (their durations add up to --seconds). */
  readonly slices: number
  readonly workers: number
  readonly cores: number
  readonly connections: number
  readonly sandboxProcesses: number
  readonly sandboxCpuMsPerRequest: { readonly service: number | null; readonly floor: number | null }
  readonly generatorCpuMsPerRequest: { readonly service: number; readonly floor: number }
  /** Upstream exchanges per request: the same mix makes the same exchanges, service or floor. */
  readonly upstreamExchangesPerRequest: { readonly service: number; readonly floor: number }
  /** Cores' worth of CPU other work on the machine took during each run (a shared machine's noise). */
  readonly otherCores: { readonly service: number | null; readonly floor: number | null }
  /** What the floor copied from the service's answers. */
  readonly floorSizes: AnswerSizes
}

export interface FloorReport {
  /** True when the floor also drew the SVG QR symbol per 201 (--floor-qr). */
  readonly drawsQr: boolean
  readonly rps: number
  readonly p50: number
  readonly p99: number
  readonly cpuMsPerRequest: number | null
  readonly statuses: Readonly<Record<string, number>>
  readonly non2xx: number
  readonly connectionErrors: number
  readonly timeouts: number
}

export interface LoadReport {
  readonly rps: number
  readonly issuedPerSec: number
  readonly firstIssuedPerSec: number
  readonly p50: number
  readonly p95: number
  readonly p99: number
  readonly statuses: Readonly<Record<string, number>>
  readonly unexpected: number
  readonly lost: number
  readonly duplicates: number
  readonly errors5xx: number
  readonly rows: number
  readonly distinctUvcis: number
  readonly connectionErrors: number
  readonly timeouts: number
  readonly qr: string
  /** The service's CPU (all its processes) over the run, per 201 answer; null without /proc. */
  readonly serverCpuMsPerConversion: number | null
  readonly serverCpuMsPerRequest: number | null
  readonly floor: FloorReport
  /** The service's write transactions since it started (warm-up included); null when it reports none. */
  readonly db: DbWrites | null
  /** The service's rps over the floor's. */
  readonly ratio: number
  /** The floor's CPU per request over the service's: the same comparison, less shaken by a shared machine. */
  readonly cpuRatio: number | null
  readonly rig: RigFigures
}

const ms = (value: number) => Number(value.toFixed(2))
const per = (total: number | undefined, count: number) => (total === undefined || count === 0 ? null : Number((total / count).toFixed(3)))
const countOf = (statuses: Readonly<Record<string, number>>, match: (status: number) => boolean) =>
  Object.entries(statuses)
    .filter(([s]) => match(Number(s)))
    .reduce((n, [, c]) => n + c, 0)

export function buildReport(input: {
  readonly service: RunFigures
  readonly checks: ServiceChecks
  readonly floor: RunFigures
  readonly qr: string
  readonly slices: number
  readonly workers: number
  readonly cores: number
  readonly connections: number
  readonly floorSizes: AnswerSizes
  readonly floorDrawsQr: boolean
  readonly db: DbWrites | null
}): LoadReport {
  const { service, floor, checks } = input
  const s = service.driven
  const f = floor.driven
  const issued = s.statuses['201'] ?? 0
  const rps = Math.round(s.answered / s.elapsedSeconds)
  const floorRps = Math.round(f.answered / f.elapsedSeconds)
  const cores = (run: RunFigures) =>
    run.otherCpuMs === undefined ? null : Number((run.otherCpuMs / (run.driven.elapsedSeconds * 1000)).toFixed(2))
  return {
    rps,
    issuedPerSec: Math.round(issued / s.elapsedSeconds),
    firstIssuedPerSec: Math.round(checks.firstIssued / s.elapsedSeconds),
    p50: ms(percentile(s.latencies, 50)),
    p95: ms(percentile(s.latencies, 95)),
    p99: ms(percentile(s.latencies, 99)),
    statuses: s.statuses,
    unexpected: checks.unexpected,
    lost: checks.lost,
    duplicates: checks.duplicates,
    errors5xx: countOf(s.statuses, (status) => status >= 500),
    rows: checks.rows,
    distinctUvcis: checks.distinctUvcis,
    connectionErrors: s.connectionErrors,
    timeouts: s.timeouts,
    qr: input.qr,
    serverCpuMsPerConversion: per(service.serverCpuMs, issued),
    serverCpuMsPerRequest: per(service.serverCpuMs, s.answered),
    floor: {
      drawsQr: input.floorDrawsQr,
      rps: floorRps,
      p50: ms(percentile(f.latencies, 50)),
      p99: ms(percentile(f.latencies, 99)),
      cpuMsPerRequest: per(floor.serverCpuMs, f.answered),
      statuses: f.statuses,
      non2xx: countOf(f.statuses, (status) => status < 200 || status > 299),
      connectionErrors: f.connectionErrors,
      timeouts: f.timeouts,
    },
    db: input.db,
    ratio: floorRps > 0 ? Number((rps / floorRps).toFixed(3)) : 0,
    cpuRatio:
      floor.serverCpuMs !== undefined && service.serverCpuMs
        ? Number((floor.serverCpuMs / f.answered / (service.serverCpuMs / s.answered)).toFixed(3))
        : null,
    rig: {
      slices: input.slices,
      workers: input.workers,
      cores: input.cores,
      connections: input.connections,
      sandboxProcesses: 1,
      sandboxCpuMsPerRequest: { service: per(service.sandboxCpuMs, s.answered), floor: per(floor.sandboxCpuMs, f.answered) },
      generatorCpuMsPerRequest: {
        service: per(service.generatorCpuMs, s.answered) ?? 0,
        floor: per(floor.generatorCpuMs, f.answered) ?? 0,
      },
      upstreamExchangesPerRequest: { service: per(service.exchanges, s.answered) ?? 0, floor: per(floor.exchanges, f.answered) ?? 0 },
      otherCores: { service: cores(service), floor: cores(floor) },
      floorSizes: input.floorSizes,
    },
  }
}

/** The human report: the service and its floor side by side, then the checks. */
export function printReport(report: LoadReport, say: (line: string) => void): void {
  const cpu = (value: number | null) => (value === null ? 'n/a (no /proc)' : `${value} ms`)
  const rows: [string, string, string][] = [
    ['', 'service', report.floor.drawsQr ? 'floor (+ QR)' : 'floor'],
    ['requests/s', String(report.rps), String(report.floor.rps)],
    ['p50', `${report.p50} ms`, `${report.floor.p50} ms`],
    ['p99', `${report.p99} ms`, `${report.floor.p99} ms`],
    ['server CPU per request', cpu(report.serverCpuMsPerRequest), cpu(report.floor.cpuMsPerRequest)],
    ['server CPU per conversion (201)', cpu(report.serverCpuMsPerConversion), ''],
    ['sandboxes CPU per request', cpu(report.rig.sandboxCpuMsPerRequest.service), cpu(report.rig.sandboxCpuMsPerRequest.floor)],
    [
      'upstream exchanges per request',
      String(report.rig.upstreamExchangesPerRequest.service),
      String(report.rig.upstreamExchangesPerRequest.floor),
    ],
    ['generator CPU per request', `${report.rig.generatorCpuMsPerRequest.service} ms`, `${report.rig.generatorCpuMsPerRequest.floor} ms`],
  ]
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)))
  for (const row of rows)
    say(
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('   ')
        .trimEnd(),
    )
  say(`ratio (service rps / floor rps): ${report.ratio}; floor CPU per request / service CPU per request: ${report.cpuRatio ?? 'n/a'}`)
  const { otherCores } = report.rig
  if (otherCores.service !== null)
    say(
      `other work on this ${report.rig.cores}-core machine meanwhile: ${otherCores.service} cores during the service's run, ${otherCores.floor} during the floor's`,
    )
  if (report.db)
    say(
      `database: ${report.db.transactions} write transactions, ${report.db.writesPerTransaction} requests' writes each, ${report.db.busyRetries} retried after another process held the lock`,
    )
  say(`service: ${report.issuedPerSec} issuances/s (201), of which ${report.firstIssuedPerSec}/s first issuances; p95 ${report.p95} ms`)
  const list = (statuses: Readonly<Record<string, number>>) =>
    Object.entries(statuses)
      .map(([s, n]) => `${s}×${n}`)
      .join(', ')
  say(`statuses: service ${list(report.statuses)}; floor ${list(report.floor.statuses)}`)
  say(
    `lost: ${report.lost}, duplicates: ${report.duplicates}, 5xx: ${report.errors5xx}, unexpected statuses: ${report.unexpected}, rows: ${report.rows} for ${report.distinctUvcis} distinct UVCIs, connection errors: ${report.connectionErrors} (floor ${report.floor.connectionErrors}), timeouts: ${report.timeouts} (floor ${report.floor.timeouts})`,
  )
}
