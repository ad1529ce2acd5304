// The service under test for the fault tests: the real Node server (sandbox mode, in this process)
// whose adapters reach their national sandboxes through a truncating front and a fault proxy each,
// all on 127.0.0.1; and a bounded concurrent load of POST /v1/certificates.
import { adapters, sandboxes } from '../../adapters/registry.ts'
import type { SandboxSample } from '../../adapters/_sdk/sandbox.ts'
import { settingVariable } from '../../src/config.ts'
import { startFaultProxy, type FaultProxy } from '../../src/runtime/node/sandbox/faults.ts'
import { serveSandbox, type ServedSandbox } from '../../src/runtime/node/sandbox/listen.ts'
import { startTestServer, type TestServer } from '../e2e/server.ts'
import { startTruncatingFront, type TruncatingFront } from './truncating-front.ts'

/** Every registered adapter: a new one is faulted too without touching this file. */
export const ADAPTERS: readonly string[] = adapters.map((a) => a.id)
export type AdapterId = string
/** The adapters some fault tests name (the breaker's); every registered one is served all the same. */
type NamedAdapter = 'ru-gosuslugi' | 'ru-mos' | 'vn-qr'

/** One national sandbox and what stands before it: service → front → fault proxy → sandbox. */
export interface Upstream {
  readonly id: AdapterId
  readonly proxy: FaultProxy
  readonly front: TruncatingFront
  /** Issuable samples (201) of this adapter. */
  readonly issuable: readonly SandboxSample[]
  /** Stops the sandbox (the proxy then meets a refused connection). */
  stopSandbox(): Promise<void>
  /** Starts the sandbox again on the same port. */
  startSandbox(): Promise<void>
  close(): Promise<void>
}

async function startUpstream(id: AdapterId): Promise<{ upstream: Upstream; env: Record<string, string> }> {
  const sandbox = sandboxes[id]!()
  let served: ServedSandbox | undefined = await serveSandbox(sandbox, { port: 0 })
  const port = Number(new URL(served.baseUrl).port)
  const proxy = await startFaultProxy(served.baseUrl)
  const front = await startTruncatingFront(proxy.baseUrl)
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(sandbox.config(front.baseUrl))) {
    if (value !== undefined) env[settingVariable(id, name)] = value
  }
  const upstream: Upstream = {
    id,
    proxy,
    front,
    issuable: sandbox.samples().filter((s) => s.expect.status === 201),
    async stopSandbox() {
      await served?.close()
      served = undefined
    },
    async startSandbox() {
      served ??= await serveSandbox(sandbox, { port })
    },
    async close() {
      await front.close()
      await proxy.close()
      await served?.close()
    },
  }
  return { upstream, env }
}

export interface FaultRig {
  readonly server: TestServer
  readonly upstreams: Readonly<Record<NamedAdapter, Upstream>> & Readonly<Record<AdapterId, Upstream>>
  close(): Promise<void>
}

export async function startFaultRig(env: Record<string, string> = {}): Promise<FaultRig> {
  const started = await Promise.all(ADAPTERS.map((id) => startUpstream(id)))
  const overrides = Object.assign({}, ...started.map((s) => s.env)) as Record<string, string>
  const server = await startTestServer({ ...overrides, ...env })
  const upstreams = Object.fromEntries(started.map((s) => [s.upstream.id, s.upstream])) as FaultRig['upstreams']
  return {
    server,
    upstreams,
    async close() {
      await server.close()
      for (const s of started) await s.upstream.close()
    },
  }
}

export interface Answer {
  readonly adapter: string
  readonly status: number
  readonly code?: string
  readonly retryAfter: string | null
  readonly contentType: string | null
  readonly ms: number
}

/** One issuance request; the answer's status, problem code and Retry-After. */
export async function issue(url: string, adapter: string, sample: SandboxSample): Promise<Answer> {
  const started = performance.now()
  const res = await fetch(`${url}/v1/certificates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ qr: sample.qr, holder: sample.holder, consent: true }),
  })
  const body = (await res.json()) as { code?: string }
  return {
    adapter,
    status: res.status,
    ...(body.code ? { code: body.code } : {}),
    retryAfter: res.headers.get('retry-after'),
    contentType: res.headers.get('content-type'),
    ms: performance.now() - started,
  }
}

export interface Load {
  readonly answers: Answer[]
  /** Stops issuing new requests and waits for those in flight. */
  stop(): Promise<Answer[]>
  /** Lets the load run until it has `n` answers (or reached its own bounds), then stops it. */
  stopAfter(n: number): Promise<Answer[]>
}

/**
 * `concurrency` workers issuing the given adapters' samples round-robin, until stopped, or `maxRequests`
 * were sent, or `maxMs` passed: bounded in count and time.
 */
export function startLoad(
  url: string,
  upstreams: readonly Upstream[],
  options: { concurrency?: number; maxRequests?: number; maxMs?: number } = {},
): Load {
  const work = upstreams.flatMap((u) => u.issuable.map((sample) => ({ adapter: u.id, sample })))
  const answers: Answer[] = []
  const deadline = performance.now() + (options.maxMs ?? 20_000)
  const maxRequests = options.maxRequests ?? 5_000
  let sent = 0
  let stopped = false
  const worker = async () => {
    while (!stopped && sent < maxRequests && performance.now() < deadline) {
      const item = work[sent++ % work.length]!
      try {
        answers.push(await issue(url, item.adapter, item.sample))
      } catch {
        answers.push({ adapter: item.adapter, status: 0, retryAfter: null, contentType: null, ms: 0 })
      }
    }
  }
  const workers = Array.from({ length: options.concurrency ?? 20 }, worker)
  let ended = false
  const done = Promise.all(workers).then(() => {
    ended = true
  })
  const stop = async () => {
    stopped = true
    await done
    return answers
  }
  return {
    answers,
    stop,
    async stopAfter(n) {
      while (answers.length < n && !ended) await new Promise((resolve) => setTimeout(resolve, 20))
      return stop()
    },
  }
}
