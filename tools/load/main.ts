// `npm run load -- [--seconds N] [--connections C] [--json]`: the national peak, measured. Starts the
// service in sandbox mode (its national sandboxes on 127.0.0.1, with a synthetic population) in a
// child process, drives POST /v1/certificates with autocannon over the mix of tools/load/mix.ts (mostly
// first issuances for distinct holders, some repeats, requests that must fail), then checks that
// nothing was lost: every 201 has its row in the database, no record and event got two UVCIs, and no
// 5xx was answered.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import Database from 'better-sqlite3'
import { revocationHash } from '../../src/revocation/hashes.ts'
import { createMix, type LoadRequest, type MixSample } from './mix.ts'

const require = createRequire(import.meta.url)

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

// A bound against a hang only: a server that fails exits and is reported at once, and a loaded machine
// can take well over 30 s to start a cluster with its population.
async function waitForHealth(url: string, child: ChildProcess, ms = 180_000): Promise<void> {
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

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '30' },
      requests: { type: 'string' },
      connections: { type: 'string', default: '32' },
      json: { type: 'boolean', default: false },
      profile: { type: 'string' },
      workers: { type: 'string', default: 'auto' },
      population: { type: 'string', default: '60000' },
      qr: { type: 'string', default: 'svg' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log('Usage: npm run load -- [--seconds N | --requests N] [--connections C] [--json] [--workers N|auto] [--population N] [--qr svg,png|svg|png|none] [--profile DIR]\n\n--workers      server processes (default auto: one per core)\n--population   synthetic holders to draw first issuances from (default 60000)\n--qr           the QR images each conversion asks for (default svg, as the API answers by default)\n--profile DIR writes a V8 CPU profile of the server to DIR (open it in Chrome DevTools).')
    return 0
  }
  const seconds = Number(values.seconds)
  // --requests N: exactly N requests however long they take (the test's way: its counts then do not
  // depend on the machine's speed), instead of as many as fit in --seconds.
  const requests = values.requests === undefined ? undefined : Number(values.requests)
  if (requests !== undefined && !(Number.isInteger(requests) && requests > 0 && requests <= 1_000_000)) throw new Error('--requests must be a whole number from 1 to 1000000')
  const connections = Number(values.connections)
  const populationSize = Number(values.population)
  if (!(seconds > 0 && seconds <= 600) || !(connections > 0 && connections <= 1000)) throw new Error('--seconds must be 1–600 and --connections 1–1000')
  if (!Number.isInteger(populationSize) || populationSize < 0 || populationSize > 1_000_000) throw new Error('--population must be a whole number from 0 to 1000000')
  if (!/^(none|(svg|png)(,(svg|png))?)$/.test(values.qr)) throw new Error('--qr must be svg, png, svg,png or none')
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
      CERTBRIDGE_HOLDER_MAX_MISMATCHES_PER_RECORD: '100000000',
      // Two sandboxes (ru-gosuslugi, ru-mos) serve a population each.
      CERTBRIDGE_SANDBOX_POPULATION: String(Math.ceil(populationSize / 2)),
      ...(process.env.CERTBRIDGE_LOAD_SERVER_ENV ? JSON.parse(process.env.CERTBRIDGE_LOAD_SERVER_ENV) : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  try {
    await waitForHealth(url, child)
    const curated = ((await (await fetch(`${url}/v1/sandbox/samples`)).json()) as { samples: MixSample[] }).samples
    const population: MixSample[] = []
    while (population.length < populationSize) {
      const page = (await (await fetch(`${url}/v1/sandbox/population?offset=${population.length}&limit=10000`)).json()) as { total: number; samples: MixSample[] }
      population.push(...page.samples.slice(0, populationSize - population.length))
      if (page.samples.length === 0 || population.length >= page.total) break
    }
    const mix = createMix(curated, population)
    say(`load: ${population.length} synthetic holders and ${curated.length} curated samples, ${connections} connections, ${seconds} s, ${values.workers} workers, QR images: ${values.qr}, against ${url}`)

    const uvciByBody = new Map<string, Set<string>>()
    const latencies: number[] = []
    const statuses: Record<string, number> = {}
    let unexpected = 0
    let firstIssued = 0
    const autocannon = require('autocannon') as (opts: object) => Promise<{ errors: number; timeouts: number }>
    // One request template; each connection takes the next request of the mix when it sends.
    const inFlight = new Map<object, { request: LoadRequest; began: number }>()
    const began = performance.now()
    const result = await autocannon({
      url,
      connections,
      ...(requests === undefined ? { duration: seconds } : { amount: requests }),
      pipelining: 1,
      requests: [
        {
          method: 'POST',
          path: `/v1/certificates?qr=${values.qr}`,
          headers: { 'content-type': 'application/json' },
          setupRequest: (req: object, context: object) => {
            const request = mix.next()
            inFlight.set(context, { request, began: performance.now() })
            return { ...req, body: request.body }
          },
          onResponse: (status: number, responseBody: string, context: object) => {
            const sent = inFlight.get(context)
            if (!sent) return
            latencies.push(performance.now() - sent.began)
            statuses[status] = (statuses[status] ?? 0) + 1
            if (status !== sent.request.expectStatus) unexpected++
            if (status === 201) {
              // Two fields of a 15 KB answer: read without parsing it all (the generator shares the CPU).
              const uvci = /"uvci":"([^"]+)"/.exec(responseBody)?.[1] ?? 'missing'
              const repeated = responseBody.includes('"repeated":true')
              if (!repeated) firstIssued++
              let set = uvciByBody.get(sent.request.body)
              if (!set) uvciByBody.set(sent.request.body, (set = new Set()))
              set.add(uvci)
            }
          },
        },
      ],
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
    const elapsed = requests === undefined ? seconds : (performance.now() - began) / 1000
    const report = {
      rps: Math.round(total / elapsed),
      issuedPerSec: Math.round((statuses['201'] ?? 0) / elapsed),
      firstIssuedPerSec: Math.round(firstIssued / elapsed),
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
      qr: values.qr,
    }
    if (values.json) console.log(JSON.stringify(report))
    else {
      say(`throughput: ${report.rps} requests/s, ${report.issuedPerSec} issuances/s (201), of which ${report.firstIssuedPerSec}/s first issuances`)
      say(`latency: p50 ${report.p50} ms, p95 ${report.p95} ms, p99 ${report.p99} ms`)
      say(`statuses: ${Object.entries(statuses).map(([s, n]) => `${s}×${n}`).join(', ')}`)
      say(`lost: ${lost}, duplicates: ${duplicates}, 5xx: ${errors5xx}, unexpected statuses: ${unexpected}, rows: ${rows} for ${uvcis.size} distinct UVCIs, connection errors: ${result.errors}, timeouts: ${result.timeouts}`)
    }
    return lost === 0 && duplicates === 0 && errors5xx === 0 && unexpected === 0 ? 0 : 1
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
}

process.exitCode = await run(process.argv.slice(2))
