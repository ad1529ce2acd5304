// A crash mid-issuance: the real server as a child process (node bin/certbridge.mjs serve), killed with
// SIGKILL while a concurrent load is being issued and while Moscow's sandbox holds a request. The
// SQLite file afterwards is intact, every issuance has its signature row, nothing points at a missing
// row, and the held request sent again to a restarted server issues exactly once.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sandboxes } from '../../adapters/registry.ts'
import { settingVariable } from '../../src/config.ts'
import { startFaultProxy, type FaultProxy } from '../../src/runtime/node/sandbox/faults.ts'
import { serveSandbox, type ServedSandbox } from '../../src/runtime/node/sandbox/listen.ts'
import { startLoad, type Upstream } from './harness.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

interface Child {
  readonly process: ChildProcess
  readonly url: string
}

/** Starts `certbridge serve` on a free port and resolves with its URL once it listens. */
function startChild(dataDir: string, env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ['bin/certbridge.mjs', 'serve', '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let err = ''
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err.slice(-500)}`)), 30_000)
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString()
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(err)
      if (m) {
        clearTimeout(timer)
        resolve({ process: child, url: m[1]! })
      }
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${err.slice(-500)}`)))
  })
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}

let dataDir: string
let sandbox: ServedSandbox
let proxy: FaultProxy
let env: Record<string, string>
const mos = sandboxes['ru-mos']!()
const samples = mos.samples().filter((s) => s.expect.status === 201)
const held = samples[samples.length - 1]!
const children: ChildProcess[] = []

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'certbridge-crash-'))
  sandbox = await serveSandbox(mos)
  proxy = await startFaultProxy(sandbox.baseUrl)
  env = {
    CERTBRIDGE_RATE_PER_CLIENT_PER_MINUTE: '100000',
    CERTBRIDGE_RATE_PER_RECORD_PER_HOUR: '100000',
    CERTBRIDGE_HOLDER_MAX_MISMATCHES: '100000',
    CERTBRIDGE_HOLDER_MAX_MISMATCHES_PER_RECORD: '100000',
    CERTBRIDGE_UPSTREAM_DEADLINE_MS: '20000',
  }
  for (const [name, value] of Object.entries(mos.config(proxy.baseUrl)))
    if (value !== undefined) env[settingVariable('ru-mos', name)] = value
})

afterAll(async () => {
  for (const child of children) await killed(child)
  await proxy?.close()
  await sandbox?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

function post(url: string, sample: (typeof samples)[number], idempotencyKey: string) {
  return fetch(`${url}/v1/certificates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify({ qr: sample.qr, holder: sample.holder, consent: true }),
  })
}

function inspect() {
  const db = new Database(join(dataDir, 'certbridge.sqlite'))
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      issuances: count('SELECT count(*) AS n FROM issuances'),
      mos: count("SELECT count(*) AS n FROM issuances WHERE adapter = 'ru-mos'"),
      withoutSignature: count(
        'SELECT count(*) AS n FROM issuances i WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE s.event_key = i.event_key)',
      ),
      orphanSignatures: count(
        'SELECT count(*) AS n FROM signatures s WHERE NOT EXISTS (SELECT 1 FROM issuances i WHERE i.event_key = s.event_key)',
      ),
      // A key reserved for a request the kill interrupted stays reserved (event_key ''): its retry runs.
      orphanKeys: count(
        "SELECT count(*) AS n FROM idempotency_keys k WHERE k.event_key <> '' AND NOT EXISTS (SELECT 1 FROM issuances i WHERE i.event_key = k.event_key)",
      ),
    }
  } finally {
    db.close()
  }
}

describe('SIGKILL mid-issuance', () => {
  it('leaves no half-written row, and the same request afterwards issues once', async () => {
    const first = await startChild(dataDir, env)
    children.push(first.process)
    const all = Object.entries(sandboxes).map(([id, factory]) => {
      const issuable = factory()
        .samples()
        .filter((s) => s.expect.status === 201 && s !== held && s.qr !== held.qr)
      return { id, issuable } as unknown as Upstream
    })
    const load = startLoad(first.url, all, { concurrency: 20, maxMs: 20_000, maxRequests: 100_000 })
    while (load.answers.filter((a) => a.status === 201).length < 30) await new Promise((r) => setTimeout(r, 20))

    // Moscow now holds requests: the held sample is in flight, among the load, when the process dies.
    proxy.setFault({ kind: 'hang' })
    const seen = proxy.requests.length
    const inFlight = post(first.url, held, 'crash-test-held-0001').then(
      (r) => r.status,
      () => 0,
    )
    while (proxy.requests.length === seen) await new Promise((r) => setTimeout(r, 5))
    await new Promise((r) => setTimeout(r, 50))
    await killed(first.process)
    expect(await inFlight).toBe(0) // the connection died with the process: no answer
    await load.stop()
    expect(load.answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(30)
    expect(load.answers.some((a) => a.status === 0)).toBe(true) // requests were in flight at the kill

    const crashed = inspect()
    expect(crashed.integrity).toBe('ok')
    expect(crashed.issuances).toBeGreaterThan(0)
    expect(crashed.withoutSignature).toBe(0)
    expect(crashed.orphanSignatures).toBe(0)
    expect(crashed.orphanKeys).toBe(0)

    // Restarted on the same data, the held request (same Idempotency-Key) issues once, then repeats.
    proxy.setFault({ kind: 'pass' })
    const second = await startChild(dataDir, env)
    children.push(second.process)
    const again = await post(second.url, held, 'crash-test-held-0001')
    const body = (await again.json()) as { uvci: string; repeated: boolean }
    expect(again.status).toBe(201)
    expect(body.repeated).toBe(false)
    const retried = await post(second.url, held, 'crash-test-held-0001')
    const retriedBody = (await retried.json()) as { uvci: string; repeated: boolean }
    expect(retried.status).toBe(201)
    expect(retriedBody.uvci).toBe(body.uvci)
    await killed(second.process)

    const after = inspect()
    expect(after.integrity).toBe('ok')
    expect(after.mos).toBe(crashed.mos + 1)
    expect(after.issuances).toBe(crashed.issuances + 1)
    expect(after.withoutSignature).toBe(0)
    expect(after.orphanKeys).toBe(0)
  }, 90_000)
})
