// `npm run load -- [--seconds N] [--connections C] [--json]`: the national peak, measured. Starts the
// service in sandbox mode (its national sandboxes on 127.0.0.1) in a child process, drives
// POST /v1/certificates with autocannon over a mix of every issuable sample, repeats, forged links
// and holder mismatches, then checks that nothing was lost: every 201 has its row in the database,
// no record and event got two UVCIs, and no 5xx was answered.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import Database from 'better-sqlite3'
import { revocationHash } from '../revocation/hashes.ts'

const require = createRequire(import.meta.url)

interface Sample {
  adapter: string
  name: string
  qr: string
  holder: Record<string, string>
  expect: { status: number; code?: string }
}

interface LoadRequest {
  readonly label: string
  readonly body: string
  readonly expectStatus: number
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

async function waitForHealth(url: string, child: ChildProcess, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the server did not become ready in time')
}

/** The request mix: every issuable sample, the failing samples, forged links, and mismatches. */
export function requestMix(samples: readonly Sample[]): LoadRequest[] {
  const body = (qr: string, holder: Record<string, string>) => JSON.stringify({ qr, holder, consent: true })
  const issuable = samples.filter((s) => s.expect.status === 201)
  const failing = samples.filter((s) => s.expect.status !== 201 && s.expect.status < 500)
  // Four rounds of issuable samples (the later three repeat the same record and event), the samples
  // that must fail, and a few forgeries, interleaved so every stretch of the cycle mixes them.
  const issue: LoadRequest[] = []
  for (let round = 0; round < 4; round++) for (const s of issuable) issue.push({ label: `${s.adapter}: ${s.name}`, body: body(s.qr, s.holder), expectStatus: 201 })
  const fail: LoadRequest[] = failing.map((s) => ({ label: `${s.adapter}: ${s.name}`, body: body(s.qr, s.holder), expectStatus: s.expect.status }))
  const holder = issuable[0]?.holder ?? { familyName: 'A', givenName: 'B', dateOfBirth: '1990-01-01' }
  for (const forged of ['https://www.gosuslugi.ru@evil.example/covid-cert/status/6f2a9e3c-2b7d-4e51-9a3f-8c1d2e4f5a6b', 'http://www.gosuslugi.ru/covid-cert/status/6f2a9e3c-2b7d-4e51-9a3f-8c1d2e4f5a6b', 'https://immune.mos.ru.evil.example/qr?id=123'])
    fail.push({ label: 'forged link', body: body(forged, holder), expectStatus: 400 })
  const mix: LoadRequest[] = []
  const every = Math.max(1, Math.floor(issue.length / Math.max(1, fail.length)))
  let f = 0
  issue.forEach((request, i) => {
    mix.push(request)
    if ((i + 1) % every === 0 && f < fail.length) mix.push(fail[f++]!)
  })
  while (f < fail.length) mix.push(fail[f++]!)
  return mix
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '30' },
      connections: { type: 'string', default: '32' },
      json: { type: 'boolean', default: false },
      profile: { type: 'string' },
      workers: { type: 'string', default: 'auto' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log('Usage: certbridge load [--seconds N] [--connections C] [--json] [--workers N|auto] [--profile DIR]\n\n--workers      server processes (default auto: one per core)\n--profile DIR writes a V8 CPU profile of the server to DIR (open it in Chrome DevTools).')
    return 0
  }
  const seconds = Number(values.seconds)
  const connections = Number(values.connections)
  if (!(seconds > 0 && seconds <= 600) || !(connections > 0 && connections <= 1000)) throw new Error('--seconds must be 1–600 and --connections 1–1000')
  const say = (line: string) => (values.json ? process.stderr.write(line + '\n') : console.log(line))

  const dataDir = mkdtempSync(join(tmpdir(), 'certbridge-load-'))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const bin = fileURLToPath(new URL('../../bin/certbridge.mjs', import.meta.url))
  const profile = values.profile ? ['--cpu-prof', '--cpu-prof-dir', values.profile] : []
  const child = spawn(process.execPath, [...profile, bin, 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      CERTBRIDGE_MODE: 'sandbox',
      CERTBRIDGE_WORKERS: values.workers,
      // One load generator is one client: lift the per-client and per-record limits for the run.
      CERTBRIDGE_RATE_PER_CLIENT_PER_MINUTE: '100000000',
      CERTBRIDGE_RATE_PER_RECORD_PER_HOUR: '100000000',
      CERTBRIDGE_HOLDER_MAX_MISMATCHES: '100000000',
      ...(process.env.CERTBRIDGE_LOAD_SERVER_ENV ? JSON.parse(process.env.CERTBRIDGE_LOAD_SERVER_ENV) : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  try {
    await waitForHealth(url, child)
    const samples = ((await (await fetch(`${url}/v1/sandbox/samples`)).json()) as { samples: Sample[] }).samples
    const mix = requestMix(samples)
    say(`load: ${mix.length} distinct requests (${samples.length} samples), ${connections} connections, ${seconds} s against ${url}`)

    const uvciByBody = new Map<string, Set<string>>()
    const latencies: number[] = []
    const statuses: Record<string, number> = {}
    let unexpected = 0
    const autocannon = require('autocannon') as (opts: object) => Promise<{ requests: { average: number }; errors: number; timeouts: number; latency: { p50: number; p99: number } }> & { on?: unknown }
    const startedAt = new Map<object, number>()
    const result = await autocannon({
      url,
      connections,
      duration: seconds,
      pipelining: 1,
      requests: mix.map((m) => ({
        method: 'POST',
        path: '/v1/certificates',
        headers: { 'content-type': 'application/json' },
        body: m.body,
        setupRequest: (req: object, context: object) => {
          startedAt.set(context, performance.now())
          return req
        },
        onResponse: (status: number, responseBody: string, context: object) => {
          const began = startedAt.get(context)
          if (began !== undefined) latencies.push(performance.now() - began)
          statuses[status] = (statuses[status] ?? 0) + 1
          if (status !== m.expectStatus) unexpected++
          if (status === 201) {
            const uvci = (JSON.parse(responseBody) as { uvci: string }).uvci
            let set = uvciByBody.get(m.body)
            if (!set) uvciByBody.set(m.body, (set = new Set()))
            set.add(uvci)
          }
        },
      })),
    })

    // Nothing lost: every UVCI answered with 201 has its issuance row.
    const db = new Database(join(dataDir, 'certbridge.sqlite'), { readonly: true })
    const hasRow = db.prepare('select 1 from issuances where uci_hash = ?')
    const uvcis = new Set([...uvciByBody.values()].flatMap((s) => [...s]))
    let lost = 0
    for (const uvci of uvcis) if (!hasRow.get(await revocationHash('UCI', { uvci }))) lost++
    const rows = (db.prepare('select count(*) as n from issuances').get() as { n: number }).n
    db.close()
    const duplicates = [...uvciByBody.values()].filter((s) => s.size > 1).length
    const errors5xx = Object.entries(statuses).filter(([s]) => Number(s) >= 500).reduce((n, [, c]) => n + c, 0)
    latencies.sort((a, b) => a - b)
    const total = Object.values(statuses).reduce((a, b) => a + b, 0)
    const report = {
      rps: Math.round(total / seconds),
      issuedPerSec: Math.round((statuses['201'] ?? 0) / seconds),
      p50: Number(percentile(latencies, 50).toFixed(2)),
      p95: Number(percentile(latencies, 95).toFixed(2)),
      p99: Number(percentile(latencies, 99).toFixed(2)),
      statuses,
      unexpected,
      lost,
      duplicates,
      errors5xx,
      rows,
      distinctUvcis: uvcis.size,
      connectionErrors: result.errors,
      timeouts: result.timeouts,
    }
    if (values.json) console.log(JSON.stringify(report))
    else {
      say(`throughput: ${report.rps} requests/s, ${report.issuedPerSec} issuances/s (201)`)
      say(`latency: p50 ${report.p50} ms, p95 ${report.p95} ms, p99 ${report.p99} ms`)
      say(`statuses: ${Object.entries(statuses).map(([s, n]) => `${s}×${n}`).join(', ')}`)
      say(`lost: ${lost}, duplicates: ${duplicates}, 5xx: ${errors5xx}, unexpected statuses: ${unexpected}, rows: ${rows} for ${uvcis.size} distinct UVCIs, connection errors: ${result.errors}, timeouts: ${result.timeouts}`)
    }
    return lost === 0 && duplicates === 0 && errors5xx === 0 && unexpected === 0 ? 0 : 1
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    rmSync(dataDir, { recursive: true, force: true })
  }
}
