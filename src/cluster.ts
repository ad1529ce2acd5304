// Several Node processes serving one port (node:cluster; CERTBRIDGE_WORKERS or `serve --workers`).
// The primary makes DATA_DIR's shared material once (prepareDataDir), forks the workers, replaces one
// that dies, and answers /metrics by summing every worker's registry over IPC. Each worker is a whole
// service (startServer): its own in-process sandboxes, circuit breakers and SQLite connection. Rate
// limits, holder locks, idempotency keys and issuances are shared through the database, whose unique
// keys keep one row per record and event whichever process writes first.
import cluster, { type Worker } from 'node:cluster'
import { availableParallelism } from 'node:os'
import { Metrics, type MetricsSnapshot } from './http/metrics.ts'
import type { Logger } from './log.ts'

/** Messages between the primary and its workers; `certbridge` tells them from Node's own. */
type Message =
  | { readonly certbridge: 'listening'; readonly url: string }
  | { readonly certbridge: 'metrics?'; readonly id: number }
  | { readonly certbridge: 'snapshot?'; readonly id: number }
  | { readonly certbridge: 'snapshot'; readonly id: number; readonly snapshot: MetricsSnapshot }
  | { readonly certbridge: 'metrics'; readonly id: number; readonly snapshots: readonly MetricsSnapshot[] }

const maxWorkers = 64
/** How long the primary waits for every worker's snapshot before answering with those it has. */
const snapshotWaitMs = 1_000

/** The number of processes: '1' (the default), 'auto' (one per core), or a whole number up to 64. */
export function workerCount(value: string | undefined, cores = availableParallelism()): number {
  const text = (value ?? '').trim()
  if (text === '') return 1
  if (text === 'auto') return Math.min(maxWorkers, Math.max(1, cores))
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1 || n > maxWorkers) throw new Error(`CERTBRIDGE_WORKERS must be 'auto' or a whole number from 1 to ${maxWorkers}`)
  return n
}

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as { certbridge?: unknown }).certbridge === 'string'
}

export interface ClusterPrimary {
  /** The URL the workers listen on, once all of them do. */
  readonly url: string
  /** Stops every worker (SIGTERM, then SIGKILL after `graceMs`) and resolves once all have exited. */
  stop(graceMs?: number): Promise<void>
  /** Resolves with an error when the cluster cannot go on (a worker failed before it ever listened). */
  readonly failed: Promise<Error>
}

/** Runs in the primary: forks `workers` processes running the same command line and supervises them. */
export function startPrimary(options: { readonly workers: number; readonly log: Logger }): Promise<ClusterPrimary> {
  let stopping = false
  let url: string | undefined
  const listening = new Set<number>()
  let failWith: (error: Error) => void = () => undefined
  const failed = new Promise<Error>((resolve) => (failWith = resolve))

  // /metrics: a worker asks, the primary gathers every worker's snapshot and answers the one that asked.
  let nextGather = 0
  const gathers = new Map<number, { readonly asker: Worker; readonly askerId: number; readonly snapshots: MetricsSnapshot[]; readonly waiting: Set<number>; readonly timer: NodeJS.Timeout }>()
  const finishGather = (gatherId: number) => {
    const gather = gathers.get(gatherId)
    if (!gather) return
    gathers.delete(gatherId)
    clearTimeout(gather.timer)
    if (gather.asker.isConnected()) gather.asker.send({ certbridge: 'metrics', id: gather.askerId, snapshots: gather.snapshots } satisfies Message)
  }

  const onMessage = (worker: Worker, message: unknown) => {
    if (!isMessage(message)) return
    switch (message.certbridge) {
      case 'listening':
        url ??= message.url
        listening.add(worker.id)
        break
      case 'metrics?': {
        const gatherId = nextGather++
        const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && w.isConnected())
        const timer = setTimeout(() => finishGather(gatherId), snapshotWaitMs)
        gathers.set(gatherId, { asker: worker, askerId: message.id, snapshots: [], waiting: new Set(live.map((w) => w.id)), timer })
        for (const w of live) w.send({ certbridge: 'snapshot?', id: gatherId } satisfies Message)
        break
      }
      case 'snapshot': {
        const gather = gathers.get(message.id)
        if (!gather || !gather.waiting.delete(worker.id)) break
        gather.snapshots.push(message.snapshot)
        if (gather.waiting.size === 0) finishGather(message.id)
        break
      }
    }
  }
  cluster.on('message', onMessage)

  // A worker that dies while serving is replaced; one that dies before it ever listened (bad
  // configuration, port taken) stops the cluster, since its replacement would fail the same way.
  cluster.on('exit', (worker, code, signal) => {
    for (const [gatherId, gather] of gathers) if (gather.waiting.delete(worker.id) && gather.waiting.size === 0) finishGather(gatherId)
    if (stopping) return
    if (!listening.has(worker.id)) {
      failWith(new Error(`a worker exited with ${signal ?? `code ${code}`} before it was listening`))
      return
    }
    listening.delete(worker.id)
    options.log.error('worker exited; starting a replacement', { pid: worker.process.pid, code, signal })
    cluster.fork()
  })

  for (let i = 0; i < options.workers; i++) cluster.fork()

  const stop = async (graceMs = 10_000) => {
    stopping = true
    const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead())
    await Promise.all(
      live.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve()
            const kill = setTimeout(() => w.process.kill('SIGKILL'), graceMs)
            w.once('exit', () => {
              clearTimeout(kill)
              resolve()
            })
            w.process.kill('SIGTERM')
          }),
      ),
    )
    cluster.off('message', onMessage)
  }

  return new Promise((resolve, reject) => {
    const check = setInterval(() => {
      if (url !== undefined && listening.size >= options.workers) {
        clearInterval(check)
        resolve({ url, stop, failed })
      }
    }, 20)
    void failed.then(async (error) => {
      clearInterval(check)
      await stop(2_000)
      reject(error)
    })
  })
}

/** Runs in a worker: tells the primary where it listens. */
export function announceListening(url: string): void {
  process.send?.({ certbridge: 'listening', url } satisfies Message)
}

/**
 * Runs in a worker: given the worker's registry, answers the primary's requests for its snapshot and
 * gives the /metrics text summed over every worker.
 */
export function clusterMetrics(local: Metrics): () => Promise<string> {
  let nextId = 0
  const waiting = new Map<number, (snapshots: readonly MetricsSnapshot[]) => void>()
  process.on('message', (message: unknown) => {
    if (!isMessage(message)) return
    if (message.certbridge === 'snapshot?') process.send?.({ certbridge: 'snapshot', id: message.id, snapshot: local.snapshot() } satisfies Message)
    if (message.certbridge === 'metrics') {
      waiting.get(message.id)?.(message.snapshots)
      waiting.delete(message.id)
    }
  })
  return async () => {
    const id = nextId++
    const snapshots = await new Promise<readonly MetricsSnapshot[]>((resolve) => {
      // The primary always answers (with what it gathered in time); this worker's own figures are the fallback.
      const timer = setTimeout(() => {
        waiting.delete(id)
        resolve([local.snapshot()])
      }, snapshotWaitMs * 2)
      waiting.set(id, (s) => {
        clearTimeout(timer)
        resolve(s)
      })
      process.send?.({ certbridge: 'metrics?', id } satisfies Message)
    })
    const total = new Metrics()
    for (const s of snapshots) total.add(s)
    return total.render()
  }
}
