// Time per request of the deployable Worker bundle in workerd (Miniflare, local D1, in-process
// sandboxes). Run: npx tsx test/workerd/bench.ts [requests]
// Two views: from Node over Miniflare's loopback dispatch, and inside the isolate (a front module
// calls the Worker's fetch in a loop and reads performance.now(), which local workerd advances).
// Local workerd has no CPU-time report: inside-the-isolate time still includes the D1 round trips,
// so it is an upper bound of the CPU time Cloudflare bills; /healthz (one D1 read) is the baseline.
// Inside the isolate it also counts, per request, the D1 calls (round trips to the database) and the
// statements they carry, and sums D1's own execution time (meta.duration, where D1 reports one): one D1
// database runs its queries one at a time, so these bound what one database sustains (README, Operations).
// Not part of `npm test`; bounded by the request count.
import { buildWorkerBundle, removeWorkerBundle, serveWorkerBundle } from './bundle.ts'

const n = Number(process.argv[2] ?? 200)
const origin = 'https://certbridge.test'

// Runs `n` requests built from `requests` (in turn) through the Worker inside the isolate.
// `entry` is the bundle's entry module (wrangler names it after wrangler.toml's `main`).
const front = (entry: string) => `
import worker from './${entry}'
const d1 = { calls: 0, statements: 0, sqlMs: 0 }
let counting = false
// Counts D1 work through the binding's prototypes (the Worker holds the binding itself).
function countD1(db) {
  if (counting) return
  counting = true
  const statement = Object.getPrototypeOf(db.prepare('SELECT 1'))
  for (const name of ['all', 'run', 'raw', 'first']) {
    const original = statement[name]
    statement[name] = async function (...args) {
      d1.calls++
      d1.statements++
      const result = await original.apply(this, args)
      if (typeof result?.meta?.duration === 'number') d1.sqlMs += result.meta.duration
      return result
    }
  }
  const database = Object.getPrototypeOf(db)
  const batch = database.batch
  database.batch = async function (statements) {
    d1.calls++
    d1.statements += statements.length
    const results = await batch.call(this, statements)
    for (const result of results) if (typeof result?.meta?.duration === 'number') d1.sqlMs += result.meta.duration
    return results
  }
}
export default {
  async fetch(request, env, ctx) {
    if (new URL(request.url).pathname !== '/__bench') return worker.fetch(request, env, ctx)
    countD1(env.DB)
    const { n, requests } = await request.json()
    const times = []
    const bodies = []
    const before = { ...d1 }
    for (let i = 0; i < n; i++) {
      const r = requests[i % requests.length]
      const started = performance.now()
      const response = await worker.fetch(new Request('${origin}' + r.path, r.init), env, ctx)
      const body = await response.text()
      times.push(performance.now() - started)
      if (i < requests.length) bodies.push({ status: response.status, body })
    }
    const perRequest = (k) => (d1[k] - before[k]) / n
    return Response.json({ times, bodies, d1: { calls: perRequest('calls'), statements: perRequest('statements'), sqlMs: perRequest('sqlMs') } })
  },
}`

type D1Use = { calls: number; statements: number; sqlMs: number }

function summary(times: number[], d1?: D1Use) {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2)
  const use = d1
    ? `; D1 per request: ${d1.calls.toFixed(1)} calls, ${d1.statements.toFixed(1)} statements, ${d1.sqlMs.toFixed(3)} ms reported`
    : ''
  return `mean ${(times.reduce((a, b) => a + b, 0) / times.length).toFixed(2)} ms, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms${use}`
}

const bundle = await buildWorkerBundle()
console.log(`bundle: ${(bundle.raw / 1024).toFixed(0)} KiB raw, ${(bundle.gzip / 1024).toFixed(0)} KiB gzip`)
const mf = await serveWorkerBundle(
  bundle,
  {
    CERTBRIDGE_RATE_PER_CLIENT_PER_MINUTE: '1000000',
    CERTBRIDGE_RATE_PER_RECORD_PER_HOUR: '1000000',
    CERTBRIDGE_RATE_VERIFY_PER_CLIENT_PER_MINUTE: '1000000',
  },
  front(bundle.modules[0]!.name),
)
try {
  const started = performance.now()
  await (await mf.dispatchFetch(`${origin}/healthz`)).text()
  console.log(`first request (isolate start, sandbox key store generated): ${(performance.now() - started).toFixed(1)} ms`)

  type Req = { path: string; init?: { method: string; headers: Record<string, string>; body: string } }
  const post = (path: string, body: unknown): Req => ({
    path,
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  })
  const inside = async (requests: Req[]) =>
    (await (await mf.dispatchFetch(`${origin}/__bench`, { method: 'POST', body: JSON.stringify({ n, requests }) })).json()) as {
      times: number[]
      bodies: { status: number; body: string }[]
      d1: D1Use
    }
  const outside = async (requests: Req[]) => {
    const times: number[] = []
    for (let i = 0; i < n; i++) {
      const r = requests[i % requests.length]!
      const t = performance.now()
      await (await mf.dispatchFetch(`${origin}${r.path}`, r.init as never)).text()
      times.push(performance.now() - t)
    }
    return times
  }

  const samples = (
    (await (await mf.dispatchFetch(`${origin}/v1/sandbox/samples`)).json()) as {
      samples: { qr: string; holder: object; expect: { status: number } }[]
    }
  ).samples.filter((s) => s.expect.status === 201)
  const health: Req[] = [{ path: '/healthz' }]
  const issues = samples.map((s) => post('/v1/certificates', { qr: s.qr, holder: s.holder, consent: true }))

  const healthIn = await inside(health)
  const issueIn = await inside(issues)
  if (issueIn.bodies.some((b) => b.status !== 201)) throw new Error('an issuance failed')
  const verifies = issueIn.bodies.map((b) => post('/v1/verify', { hc1: (JSON.parse(b.body) as { hc1: string }).hc1 }))
  const verifyIn = await inside(verifies)
  if (verifyIn.bodies.some((b) => JSON.parse(b.body).status !== 'VALID')) throw new Error('a verification was not VALID')

  console.log(`inside the isolate (${n} requests each, sequential):`)
  console.log(`  GET /healthz          ${summary(healthIn.times, healthIn.d1)}`)
  console.log(`  POST /v1/certificates ${summary(issueIn.times, issueIn.d1)} (${samples.length} samples in turn; repeats are signed again)`)
  console.log(`  POST /v1/verify       ${summary(verifyIn.times, verifyIn.d1)}`)
  console.log(`from Node through Miniflare's dispatch:`)
  console.log(`  GET /healthz          ${summary(await outside(health))}`)
  console.log(`  POST /v1/certificates ${summary(await outside(issues))}`)
  console.log(`  POST /v1/verify       ${summary(await outside(verifies))}`)
} finally {
  await mf.dispose()
  removeWorkerBundle(bundle)
}
