// CPU per conversion, in one process: the service in sandbox mode with its national sandboxes and a
// synthetic population, driven over loopback HTTP by eight concurrent clients with the load mix of
// tools/load/mix.ts (mostly first issuances, some repeats and refusals). The figure covers the whole
// exchange on this machine (server, both sides of each upstream call, and the client), so it is the
// steadier measure of a change than the throughput of `npm run load`, whose three processes share
// two cores. Five rounds after a warm-up; the best and the median shown. Then what the database holds
// per certificate issued (rows and indexes of every table, the rate-limit and attempt rows included):
// the figure that sizes a D1 database (README, "Workers figures").
// Run: npx tsx tools/bench/issuance.ts [requests per round, default 3000] [svg | png | svg,png | none]
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { Agent, request } from 'undici'
import { startServer } from '../../src/runtime/node/main.ts'
import { createMix, type MixSample } from '../load/mix.ts'
import type { Logger } from '../../src/platform/log.ts'

const perRound = Number(process.argv[2] ?? 3_000)
/** The QR images each conversion asks for (`?qr=`), as `npm run load --qr`: svg by default, as the API answers. */
const qr = process.argv[3] ?? 'svg'
const rounds = 5
const concurrency = 8
const quiet: Logger = { info() {}, warn() {}, error() {} }
const dataDir = mkdtempSync(join(tmpdir(), 'certbridge-bench-issuance-'))
const server = await startServer({
  port: 0,
  dataDir,
  log: quiet,
  env: {
    ...process.env,
    CERTBRIDGE_MODE: 'sandbox',
    CERTBRIDGE_SANDBOX_POPULATION: '20000',
    // One client, and records asked for again: the limits are lifted as `load` lifts them.
    CERTBRIDGE_RATE_PER_CLIENT_PER_MINUTE: '100000000',
    CERTBRIDGE_RATE_PER_RECORD_PER_HOUR: '100000000',
    CERTBRIDGE_HOLDER_MAX_MISMATCHES: '100000000',
    CERTBRIDGE_HOLDER_MAX_MISMATCHES_PER_RECORD: '100000000',
  },
})
try {
  const getSamples = async (path: string) => ((await (await fetch(`${server.url}${path}`)).json()) as { samples: MixSample[] }).samples
  const curated = await getSamples('/v1/sandbox/samples')
  const population: MixSample[] = []
  for (let page: MixSample[]; (page = await getSamples(`/v1/sandbox/population?offset=${population.length}&limit=10000`)).length > 0; )
    population.push(...page)
  const mix = createMix(curated, population)
  const dispatcher = new Agent({ connections: concurrency })

  const run = async (n: number) => {
    let started = 0
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (started++ < n) {
          const next = mix.next()
          const res = await request(`${server.url}/v1/certificates?qr=${qr}`, {
            method: 'POST',
            dispatcher,
            headers: { 'content-type': 'application/json' },
            body: next.body,
          })
          await res.body.text()
          if (res.statusCode !== next.expectStatus) throw new Error(`${next.label}: ${res.statusCode}, expected ${next.expectStatus}`)
        }
      }),
    )
  }

  await run(2_000) // warm-up
  const perRequest: number[] = []
  for (let r = 0; r < rounds; r++) {
    const cpu = process.cpuUsage()
    await run(perRound)
    const used = process.cpuUsage(cpu)
    perRequest.push((used.user + used.system) / perRound)
  }
  perRequest.sort((a, b) => a - b)
  console.log(
    `conversion request (load mix), CPU per request: best ${perRequest[0]!.toFixed(0)} µs, median ${perRequest[Math.floor(rounds / 2)]!.toFixed(0)} µs (${rounds} × ${perRound}, ${concurrency} concurrent, QR images: ${qr})`,
  )
  await dispatcher.close()
  const db = new Database(join(dataDir, 'certbridge.sqlite'), { readonly: true })
  try {
    const pages = (name: string) => Number(db.pragma(name, { simple: true }))
    const bytes = (pages('page_count') - pages('freelist_count')) * pages('page_size')
    const { issued } = db.prepare('select count(*) as issued from issuances').get() as { issued: number }
    console.log(
      `database: ${(bytes / 1024 / 1024).toFixed(1)} MiB in use for ${issued} certificates issued: ${(bytes / Math.max(1, issued)).toFixed(0)} bytes per certificate`,
    )
  } finally {
    db.close()
  }
} finally {
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
}
