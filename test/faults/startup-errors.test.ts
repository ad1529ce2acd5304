// Start-up failures end `certbridge serve` cleanly (spawned as a real process on 127.0.0.1): a busy
// port prints one readable line and exits 1, and so does a trust list that cannot be loaded, without
// the process hanging on the sandboxes it had already started. A hang fails the test: the child is
// killed after a generous bound and then has no exit code.
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
let dataDir: string

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'certbridge-startup-'))
})
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

function serve(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/certbridge.mjs', 'serve', '--host', '127.0.0.1', '--data-dir', dataDir, ...args],
      { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, timeout: 60_000, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    )
  })
}

describe('certbridge serve start-up errors', () => {
  let busy: Server
  beforeAll(async () => {
    busy = createServer()
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve))
  })
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())))

  it('a busy port: one line naming the port, exit code 1', async () => {
    const port = (busy.address() as { port: number }).port
    const { code, stderr } = await serve(['--port', String(port)])
    expect(code, stderr).toBe(1)
    const lines = stderr.trim().split('\n')
    expect(lines).toEqual([
      `certbridge serve: port ${port} on 127.0.0.1 is already in use; stop what uses it or choose another with --port or PORT`,
    ])
  }, 90_000)

  it('a busy port with two worker processes: still one line, exit code 1', async () => {
    const port = (busy.address() as { port: number }).port
    const { code, stderr } = await serve(['--port', String(port), '--workers', '2'])
    expect(code, stderr).toBe(1)
    expect(stderr.trim().split('\n')).toEqual([
      `certbridge serve: port ${port} on 127.0.0.1 is already in use; stop what uses it or choose another with --port or PORT`,
    ])
  }, 90_000)

  it('a trust list that cannot be loaded: one line, exit code 1, no hang on the started sandboxes', async () => {
    const { code, stderr } = await serve(['--port', '0'], { CERTBRIDGE_TRUST_LISTS: join(dataDir, 'no-such-trust-list.json') })
    expect(code, stderr).toBe(1)
    const lines = stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^certbridge serve: /)
    expect(lines[0]).not.toMatch(/\n\s+at /)
  }, 90_000)
})
