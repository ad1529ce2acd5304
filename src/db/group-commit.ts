// Group commit for a synchronous SQLite driver (better-sqlite3): the writes that requests ask for
// within one turn of the event loop run in one write transaction, each in a savepoint of its own, so
// one request's failure rolls back its writes only and every request gets its own result. One
// transaction takes the write lock once and writes each page once for all of them, where a
// transaction per request took the lock, and wrote the same pages, once each.
//
// Taking the lock never waits with the event loop blocked: when another process holds it (SQLITE_BUSY)
// the batch is tried again after a short, growing, jittered pause, while this process goes on serving
// and later writes join the waiting batch. A write that could not start within `busyTimeoutMs` fails
// with the busy error, as a blocking busy timeout of the same length did.

/** One request's writes: run inside the shared transaction, all or nothing. */
export type Work<T> = () => T

/** What the driver offers: one write transaction over several works. */
export interface Transactor {
  /**
   * Starts a write transaction without waiting for the lock (throws the driver's busy error when
   * another connection holds it), runs each work in its own savepoint, commits, and gives each work's
   * outcome in order. Throws when the transaction as a whole failed (nothing of it was kept).
   * `wait`: take the lock as a blocking call may (when closing, where no request waits on the loop).
   */
  transact(works: readonly Work<unknown>[], wait: boolean): Outcome[]
  isBusy(error: unknown): boolean
}

export type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown }

export interface GroupCommitOptions {
  /** How long a write may wait for the lock before failing with the busy error (ms). */
  readonly busyTimeoutMs?: number
  /** Most works per transaction; the rest run in the next one, at once. */
  readonly maxWorks?: number
  /** Milliseconds, for the deadlines (injected by tests). */
  readonly now?: () => number
  /** Runs `run` after `delayMs` (0: after the I/O of this turn of the loop). Injected by tests. */
  readonly schedule?: (run: () => void, delayMs: number) => void
  /** In [0, 1): spreads the pauses so that two processes do not retry in step. */
  readonly random?: () => number
}

export interface GroupCommit {
  /** Runs `work` in the next group transaction; resolves with its value once committed. */
  run<T>(work: Work<T>): Promise<T>
  /** Runs what is waiting now (taking the lock as a blocking call may): before closing the database. */
  drain(): void
  /** Transactions committed and works committed in them, since the start (for tests and metrics). */
  stats(): WriteStats
}

/** Write transactions committed, the requests' writes they carried, and retries after SQLITE_BUSY. */
export interface WriteStats {
  readonly transactions: number
  readonly works: number
  readonly busyRetries: number
}

interface Pending {
  readonly work: Work<unknown>
  readonly deadline: number
  readonly resolve: (value: unknown) => void
  readonly reject: (error: unknown) => void
}

/**
 * The first pause after SQLITE_BUSY, and the longest (ms); each retry doubles the pause. Another
 * process holds the lock for one grouped transaction, well under a millisecond: a longer pause only
 * adds to the waiting requests' latency (with 32 ms, two load runs had p99 126 and 109 ms; with 4 ms,
 * 93 and 90, the floor's p99 alike), and a try costs microseconds.
 */
const firstPauseMs = 1
const longestPauseMs = 4

function defaultSchedule(run: () => void, delayMs: number): void {
  if (delayMs <= 0) setImmediate(run)
  else setTimeout(run, delayMs)
}

export function createGroupCommit(transactor: Transactor, options: GroupCommitOptions = {}): GroupCommit {
  const busyTimeoutMs = options.busyTimeoutMs ?? 5_000
  const maxWorks = options.maxWorks ?? 256
  const now = options.now ?? (() => performance.now())
  const schedule = options.schedule ?? defaultSchedule
  const random = options.random ?? Math.random
  let queue: Pending[] = []
  let scheduled = false
  let retries = 0 // consecutive busy answers: sets the next pause
  const counts = { transactions: 0, works: 0, busyRetries: 0 }

  const later = (delayMs: number) => {
    scheduled = true
    schedule(flush, delayMs)
  }

  function settle(batch: readonly Pending[], outcomes: readonly Outcome[]) {
    batch.forEach((pending, i) => {
      const outcome = outcomes[i]!
      if (outcome.ok) pending.resolve(outcome.value)
      else pending.reject(outcome.error)
    })
  }

  function runBatch(wait: boolean): 'done' | 'busy' {
    const batch = queue.slice(0, maxWorks)
    let outcomes: Outcome[]
    try {
      outcomes = transactor.transact(
        batch.map((p) => p.work),
        wait,
      )
    } catch (error) {
      if (!wait && transactor.isBusy(error)) {
        // Those past their deadline fail with the busy error; the others wait for the next try.
        const at = now()
        const expired = queue.filter((p) => p.deadline <= at)
        queue = queue.filter((p) => p.deadline > at)
        for (const p of expired) p.reject(error)
        return 'busy'
      }
      queue = queue.slice(batch.length)
      for (const p of batch) p.reject(error)
      return 'done'
    }
    queue = queue.slice(batch.length)
    counts.transactions++
    counts.works += batch.length
    settle(batch, outcomes)
    return 'done'
  }

  function flush() {
    scheduled = false
    if (queue.length === 0) return
    if (runBatch(false) === 'busy') {
      counts.busyRetries++
      const pause = Math.min(longestPauseMs, firstPauseMs * 2 ** retries)
      retries++
      if (queue.length > 0) later(pause * (0.5 + random()))
      return
    }
    retries = 0
    if (queue.length > 0) later(0)
  }

  return {
    run<T>(work: Work<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, deadline: now() + busyTimeoutMs, resolve: resolve as (value: unknown) => void, reject })
        // While a retry waits for the lock, a new write joins it rather than trying on its own.
        if (!scheduled) later(0)
      })
    },
    drain() {
      while (queue.length > 0) runBatch(true)
    },
    stats: () => ({ ...counts }),
  }
}
