// The rig's child processes: a free loopback port, a dev tool script started through bin/dev.mjs that
// says it is ready with one JSON line on stdout, a server ready once /healthz answers, and a bounded stop.
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))

/** A bound against a hang only: a child that fails exits and is reported at once, and a loaded machine
 *  can take well over 30 s to start a cluster. */
const READY_WITHIN_MS = 180_000
/** SIGTERM, then SIGKILL after this. */
const STOP_GRACE_MS = 15_000

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => (port ? resolve(port) : reject(new Error('no port'))))
    })
  })
}

function exitText(child: ChildProcess): string {
  return child.signalCode ? `signal ${child.signalCode}` : `code ${child.exitCode}`
}

/**
 * Runs `node bin/dev.mjs <script> ...args` and resolves with the JSON of its first stdout line. Its
 * stderr passes through; its later stdout is dropped. With `ipc`, it has an IPC channel (see ask).
 */
export async function startScript<Ready>(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { ipc?: boolean } = {},
): Promise<{ child: ChildProcess; ready: Ready }> {
  const stdio = options.ipc ? (['ignore', 'pipe', 'inherit', 'ipc'] as const) : (['ignore', 'pipe', 'inherit'] as const)
  const child = spawn(process.execPath, ['bin/dev.mjs', script, ...args], { cwd: root, env, stdio: [...stdio] })
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      let text = ''
      const timer = setTimeout(() => reject(new Error(`${script} was not ready within ${READY_WITHIN_MS / 1000} s`)), READY_WITHIN_MS)
      const onExit = () => reject(new Error(`${script} exited with ${exitText(child)} before it was ready`))
      child.once('exit', onExit)
      child.once('error', reject)
      child.stdout!.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8')
        const end = text.indexOf('\n')
        if (end < 0) return
        clearTimeout(timer)
        child.off('exit', onExit)
        child.stdout!.removeAllListeners('data').resume()
        try {
          resolve(JSON.parse(text.slice(0, end)) as Ready)
        } catch {
          reject(new Error(`${script} said something other than JSON when ready`))
        }
      })
    })
    return { child, ready }
  } catch (error) {
    await stop(child)
    throw error
  }
}

/** Sends `question` over the child's IPC channel and resolves with its next message (within 10 s). */
export function ask(child: ChildProcess, question: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage)
      reject(new Error(`no answer to ${question}`))
    }, 10_000)
    const onMessage = (message: unknown) => {
      clearTimeout(timer)
      resolve(message)
    }
    child.once('message', onMessage)
    child.send(question)
  })
}

/** Resolves once `${url}/healthz` answers 2xx; rejects when the child exits first or the bound passes. */
export async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited with ${exitText(child)}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the server did not become ready in time')
}

/** SIGTERM (SIGKILL after a grace period) and wait for the exit; nothing when it has exited. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
  await exited
  clearTimeout(timer)
}
