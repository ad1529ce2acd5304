// Several Node processes serving one port (node:cluster; CERTBRIDGE_WORKERS or `serve --workers`).
// The primary makes DATA_DIR's shared material once (prepareDataDir), forks the workers, replaces one
// that dies, and answers /metrics by summing every worker's registry over IPC. Each worker is a whole
// service (startServer): its own in-process sandboxes, circuit breakers and SQLite connection. Rate
// limits, holder locks, idempotency keys and issuances are shared through the database, whose unique
// keys keep one row per record and event whichever process writes first.
import cluster, { type Worker } from 'node:cluster'
import { availableParallelism } from 'node:os'
import { Metrics, type MetricsSnapshot } from '../../http/metrics.ts'
import type { Logger } from '../../platform/log.ts'

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
/** Workers must all listen within this time of the start. */
const startTimeoutMs = 60_000
/** More replacements than this within the window is a crash loop: the cluster stops. */
const maxRestarts = 10
const restartWindowMs = 60_000

/** The number of processes: '1' (the default), 'auto' (one per core), or a whole number up to 64. */
export function workerCount(value: string | undefined, cores = availableParallelism()): number {
  const text = (value ?? '').trim()
  if (text === '') return 1
  if (text === 'auto') return Math.min(maxWorkers, Math.max(1, cores))
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1 || n > maxWorkers)
    throw new Error(`CERTBRIDGE_WORKERS must be 'auto' or a whole number from 1 to ${maxWorkers}`)
  return n
}

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as { certbridge?: unknown }).certbridge === 'string'
}

export interface ClusterPrimary {
  /** The URL the workers listen on, once all of them do. */
  readonly url: string
  /** Stops every worker (SIGTERM, then SIGKILL after `graceMs`) and resolves once all have exited; idempotent. */
  stop(graceMs?: number): Promise<void>
  /** Resolves with an error when the cluster cannot go on (a worker failed at start, or a crash loop). */
  readonly failed: Promise<Error>
}

/** Runs in the primary: forks `workers` processes running the same command line and supervises them. */
export function startPrimary(options: { readonly workers: number; readonly log: Logger }): Promise<ClusterPrimary> {
  let stopping: Promise<void> | undefined
  let started = false
  let url: string | undefined
  const listening = new Set<number>()
  const restarts: number[] = [] // when workers were replaced, for the crash-loop check
  let failWith: (error: Error) => void = () => undefined
  const failed = new Promise<Error>((resolve) => (failWith = resolve))
  const send = (worker: Worker, message: Message) => {
    // A worker may be gone before its exit is seen: a failed send is not an error of the cluster.
    if (worker.isConnected()) worker.send(message, () => undefined)
  }

  // /metrics: a worker asks, the primary gathers every worker's snapshot and answers the one that asked.
  // Each worker's last snapshot is kept: it stands in for a worker that does not answer in time, and
  // the counts of replaced workers stay in the totals, so counters never go down.
  let nextGather = 0
  const lastSnapshot = new Map<number, MetricsSnapshot>()
  const retired = new Metrics()
  const gathers = new Map<
    number,
    {
      readonly asker: Worker
      readonly askerId: number
      readonly snapshots: MetricsSnapshot[]
      readonly waiting: Set<number>
      readonly timer: NodeJS.Timeout
    }
  >()
  const finishGather = (gatherId: number) => {
    const gather = gathers.get(gatherId)
    if (!gather) return
    gathers.delete(gatherId)
    clearTimeout(gather.timer)
    const late = [...gather.waiting].flatMap((id) => lastSnapshot.get(id) ?? [])
    send(gather.asker, { certbridge: 'metrics', id: gather.askerId, snapshots: [...gather.snapshots, ...late, retired.snapshot()] })
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
        const live = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w?.isConnected() === true)
        const timer = setTimeout(() => finishGather(gatherId), snapshotWaitMs)
        gathers.set(gatherId, { asker: worker, askerId: message.id, snapshots: [], waiting: new Set(live.map((w) => w.id)), timer })
        for (const w of live) send(w, { certbridge: 'snapshot?', id: gatherId })
        break
      }
      case 'snapshot': {
        lastSnapshot.set(worker.id, message.snapshot)
        const gather = gathers.get(message.id)
        if (!gather?.waiting.delete(worker.id)) break
        gather.snapshots.push(message.snapshot)
        if (gather.waiting.size === 0) finishGather(message.id)
        break
      }
    }
  }
  const onFork = (worker: Worker) =>
    worker.on('error', (error) => options.log.warn('worker channel error', { pid: worker.process.pid, error }))

  // While starting, a worker that exits before it listens (bad configuration, port taken) stops the
  // cluster: its replacement would fail the same way. Once serving, a worker that dies is replaced
  // after a growing pause; more than maxRestarts within restartWindowMs is a crash loop and stops it.
  const onExit = (worker: Worker, code: number, signal: string) => {
    const snapshot = lastSnapshot.get(worker.id)
    if (snapshot) retired.add(snapshot)
    lastSnapshot.delete(worker.id)
    for (const [gatherId, gather] of gathers) if (gather.waiting.delete(worker.id) && gather.waiting.size === 0) finishGather(gatherId)
    listening.delete(worker.id)
    if (stopping) return
    if (!started) return failWith(new Error(`a worker exited with ${signal ?? `code ${code}`} before it was listening`))
    const now = Date.now()
    while (restarts.length && restarts[0]! < now - restartWindowMs) restarts.shift()
    if (restarts.length >= maxRestarts)
      return failWith(new Error(`workers exited ${restarts.length + 1} times within ${restartWindowMs / 1000} s`))
    const pause = Math.min(5_000, 100 * 2 ** restarts.length)
    restarts.push(now)
    options.log.error('worker exited; starting a replacement', { pid: worker.process.pid, code, signal, pauseMs: pause })
    setTimeout(() => stopping || cluster.fork(), pause)
  }
  cluster.on('message', onMessage)
  cluster.on('fork', onFork)
  cluster.on('exit', onExit)

  for (let i = 0; i < options.workers; i++) cluster.fork()

  const stop = (graceMs = 10_000) =>
    (stopping ??= (async () => {
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
      cluster.off('fork', onFork)
      cluster.off('exit', onExit)
    })())

  return new Promise((resolve, reject) => {
    const startDeadline = setTimeout(
      () => failWith(new Error(`the workers were not all listening after ${startTimeoutMs / 1000} s`)),
      startTimeoutMs,
    )
    const check = setInterval(() => {
      if (url !== undefined && listening.size >= options.workers) {
        started = true
        clearInterval(check)
        clearTimeout(startDeadline)
        resolve({ url, stop, failed })
      }
    }, 20)
    void failed.then(async (error) => {
      clearInterval(check)
      clearTimeout(startDeadline)
      await stop(2_000)
      reject(error)
    })
  })
}

/** Runs in a worker: tells the primary where it listens. */
export function announceListening(url: string): void {
  toPrimary({ certbridge: 'listening', url })
}

/** A message to the primary; dropped when the primary is gone (the worker then stops: serve.ts). */
function toPrimary(message: Message): void {
  if (process.connected) process.send?.(message, undefined, undefined, () => undefined)
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
    if (message.certbridge === 'snapshot?') toPrimary({ certbridge: 'snapshot', id: message.id, snapshot: local.snapshot() })
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
      toPrimary({ certbridge: 'metrics?', id })
    })
    const total = new Metrics()
    for (const s of snapshots) total.add(s)
    return total.render()
  }
}
