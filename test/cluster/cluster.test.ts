// `certbridge serve --workers 2`: two processes on one port behave as one service. The same record
// gives one UVCI whichever worker answers, /metrics sums both workers, a killed worker is replaced
// while the other keeps serving, and SIGTERM stops them all.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

let primary: ChildProcess
let url: string
let dataDir: string
let issuedSoFar = 0

function workerPids(): number[] {
  try {
    // Workers only: the TypeScript loader may have its own child (esbuild) beside them.
    return execFileSync('pgrep', ['-P', String(primary.pid), '-f', 'certbridge.mjs serve'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number)
  } catch {
    return [] // pgrep exits 1 when there is none
  }
}

async function until<T>(probe: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('condition not reached in time')
    await new Promise((r) => setTimeout(r, 100))
  }
}

async function issuanceCount(): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text()
  return [...text.matchAll(/^certbridge_issuances_total\{[^}]*\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0)
}

/** The value of an unlabelled counter in /metrics (0 when absent). */
async function counter(name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text()
  return Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1] ?? 0)
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'certbridge-cluster-'))
  primary = spawn(process.execPath, ['bin/certbridge.mjs', 'serve', '--workers', '2', '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    // Eight concurrent requests for one record from one client are eight attempts in flight: lift
    // the per-client-and-record budget, which would otherwise answer some of them 429 for a moment.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CERTBRIDGE_HOLDER_MAX_MISMATCHES: '100' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  url = await new Promise<string>((resolve, reject) => {
    let err = ''
    const timer = setTimeout(() => reject(new Error(`cluster did not start: ${err.slice(-500)}`)), 60_000)
    primary.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString()
      const m = /listening on (http:\/\/[\d.]+:\d+) \(sandbox mode, 2 workers\)/.exec(err)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    })
    primary.once('exit', (code) => reject(new Error(`cluster exited with ${code}: ${err.slice(-500)}`)))
  })
}, 90_000)

afterAll(async () => {
  if (primary.exitCode === null && primary.signalCode === null) {
    for (const pid of workerPids()) process.kill(pid, 'SIGKILL')
    primary.kill('SIGKILL')
  }
  rmSync(dataDir, { recursive: true, force: true })
})

describe('serve --workers 2', () => {
  it('runs two workers and answers as one service: one UVCI per record, metrics summed over both', async () => {
    expect(workerPids()).toHaveLength(2)
    const { samples } = (await (await fetch(`${url}/v1/sandbox/samples`)).json()) as {
      samples: { qr: string; holder: object; expect: { status: number } }[]
    }
    const sample = samples.find((s) => s.expect.status === 201)!
    const before = await issuanceCount()
    const writesBefore = await counter('certbridge_db_writes_total')
    // Separate connections, so the primary hands them to both workers.
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${url}/v1/certificates`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', connection: 'close' },
          body: JSON.stringify({ qr: sample.qr, holder: sample.holder, consent: true }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as { uvci?: string } })),
      ),
    )
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201))
    expect(new Set(answers.map((a) => a.body.uvci)).size).toBe(1)
    // Whichever worker answers /metrics, it counts the issuances both workers made.
    for (let i = 0; i < 4; i++) expect(await issuanceCount()).toBe(before + 8)
    issuedSoFar = before + 8
    // Each conversion wrote at least its limits and its issuance, grouped into fewer transactions.
    expect((await counter('certbridge_db_writes_total')) - writesBefore).toBeGreaterThanOrEqual(16)
    const transactions = await counter('certbridge_db_write_transactions_total')
    expect(transactions).toBeGreaterThan(0)
    expect(transactions).toBeLessThanOrEqual(await counter('certbridge_db_writes_total'))
  }, 60_000)

  it('replaces a worker that dies, and keeps serving meanwhile', async () => {
    const [victim, survivor] = workerPids()
    process.kill(victim!, 'SIGKILL')
    // (A connection handed to the victim in the instant before the primary sees it die is reset.)
    const replaced = await until(() => {
      const pids = workerPids()
      return pids.length === 2 && !pids.includes(victim!) ? pids : undefined
    })
    expect(replaced).toContain(survivor)
    const replacedAt = Date.now()
    // The replacement serves: every answer over fresh connections is good.
    for (let i = 0; i < 6; i++) expect((await fetch(`${url}/healthz`, { headers: { connection: 'close' } })).status).toBe(200)
    expect(Date.now() - replacedAt).toBeLessThan(10_000)
    // The dead worker's counts stay in the totals: a counter never goes down.
    expect(await issuanceCount()).toBe(issuedSoFar)
  }, 60_000)

  it('stops every worker on SIGTERM and exits 0', async () => {
    const pids = workerPids()
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)))
    primary.kill('SIGTERM')
    const began = Date.now()
    expect(await exited).toBe(0)
    // Workers end on SIGTERM themselves; the primary's 10 s SIGKILL fallback is not what stopped them.
    expect(Date.now() - began).toBeLessThan(8_000)
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow()
  }, 30_000)
})

describe('serve --workers 2 that cannot start', () => {
  it('exits 1 with the reason and leaves no worker behind when the port is taken', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as { port: number }
    const dir = mkdtempSync(join(tmpdir(), 'certbridge-cluster-'))
    try {
      const child = spawn(process.execPath, ['bin/certbridge.mjs', 'serve', '--workers', '2', '--port', String(port), '--data-dir', dir], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      let err = ''
      child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)))
      expect(code).toBe(1)
      // One line naming the port, from the primary, which checks the port before forking any worker.
      expect(err).toMatch(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`))
      expect(err.trim().split('\n')).toHaveLength(1)
      const leftover = (() => {
        try {
          return execFileSync('pgrep', ['-f', `certbridge.mjs serve .*${dir}`], { encoding: 'utf8' }).trim()
        } catch {
          return '' // pgrep exits 1 when nothing matches
        }
      })()
      expect(leftover).toBe('')
    } finally {
      blocker.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
