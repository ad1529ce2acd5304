import { describe, expect, it } from 'vitest'
import { createGroupCommit, type Outcome, type Transactor, type Work } from './group-commit.ts'

class BusyError extends Error {
  readonly code = 'SQLITE_BUSY'
}

/** A driver whose lock is taken by another process as long as `busy` says so; it records each transaction. */
function fakeDriver() {
  const state = { busy: false, transactions: [] as number[], waited: [] as boolean[] }
  const transactor: Transactor = {
    isBusy: (error) => error instanceof BusyError,
    transact(works: readonly Work<unknown>[], wait: boolean): Outcome[] {
      state.waited.push(wait)
      if (state.busy && !wait) throw new BusyError('database is locked')
      state.transactions.push(works.length)
      return works.map((work) => {
        try {
          return { ok: true, value: work() }
        } catch (error) {
          return { ok: false, error }
        }
      })
    },
  }
  return { state, transactor }
}

/** A clock and a scheduler moved by hand: nothing here waits for real time. */
function manualTime() {
  let now = 0
  const timers: { at: number; run: () => void }[] = []
  return {
    now: () => now,
    schedule: (run: () => void, delayMs: number) => void timers.push({ at: now + delayMs, run }),
    /** Runs what is due, moving the clock to each timer in turn, up to `ms` from now. */
    advance(ms: number) {
      const until = now + ms
      for (;;) {
        timers.sort((a, b) => a.at - b.at)
        const next = timers[0]
        if (!next || next.at > until) break
        timers.shift()
        now = next.at
        next.run()
      }
      now = until
    },
    pending: () => timers.map((t) => t.at - now),
  }
}

describe('group commit', () => {
  it('runs the writes of one turn in one transaction, each with its own outcome', async () => {
    const { state, transactor } = fakeDriver()
    const time = manualTime()
    const writes = createGroupCommit(transactor, { now: time.now, schedule: time.schedule })
    const results = Promise.allSettled([
      writes.run(() => 'a'),
      writes.run(() => {
        throw new Error('refused')
      }),
      writes.run(() => 'c'),
    ])
    expect(state.transactions).toEqual([]) // nothing runs before the turn ends
    time.advance(0)
    expect(state.transactions).toEqual([3])
    expect((await results).map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['a', 'refused', 'c'])
    expect(writes.stats()).toEqual({ transactions: 1, works: 3, busyRetries: 0 })
  })

  it('never waits for a lock another process holds: it tries again later, and later writes join the waiting batch', async () => {
    const { state, transactor } = fakeDriver()
    const time = manualTime()
    const writes = createGroupCommit(transactor, { now: time.now, schedule: time.schedule, random: () => 0.5 })
    state.busy = true
    const first = writes.run(() => 1)
    time.advance(0)
    // Busy: the transactor was asked not to wait, and a retry is on a timer after 1 ms, then 2, 4...
    expect(state.waited).toEqual([false])
    expect(time.pending()).toEqual([1])
    time.advance(1)
    expect(time.pending()).toEqual([2])
    const second = writes.run(() => 2)
    expect(time.pending()).toEqual([2]) // joins the retry rather than trying on its own
    state.busy = false
    time.advance(2)
    expect(state.transactions).toEqual([2])
    expect(await Promise.all([first, second])).toEqual([1, 2])
    expect(writes.stats()).toEqual({ transactions: 1, works: 2, busyRetries: 2 })
    // The pause starts again from the shortest after a success.
    state.busy = true
    void writes.run(() => 3).catch(() => {})
    time.advance(0)
    expect(time.pending()).toEqual([1])
  })

  it('fails a write with the busy error once it has waited for the lock as long as allowed', async () => {
    const { state, transactor } = fakeDriver()
    const time = manualTime()
    const writes = createGroupCommit(transactor, { now: time.now, schedule: time.schedule, busyTimeoutMs: 100, random: () => 0.5 })
    state.busy = true
    const early = writes.run(() => 'early')
    time.advance(50)
    const late = writes.run(() => 'late')
    // Retries at 1, 3 and 7 ms, then every 4: at 103 the early write is past its 100 ms, the late one (150) is not.
    time.advance(80)
    await expect(early).rejects.toBeInstanceOf(BusyError)
    state.busy = false
    time.advance(100)
    await expect(late).resolves.toBe('late')
    // The pauses stay short: never longer than 4 ms however long the lock is held.
    state.busy = true
    void writes.run(() => 'x').catch(() => {})
    time.advance(1_000)
    expect(Math.max(...time.pending())).toBeLessThanOrEqual(4)
  })

  it('runs what waits when the database closes, taking the lock as a blocking call may', async () => {
    const { state, transactor } = fakeDriver()
    const time = manualTime()
    const writes = createGroupCommit(transactor, { now: time.now, schedule: time.schedule })
    const pending = writes.run(() => 'kept')
    writes.drain()
    expect(state.waited).toEqual([true])
    await expect(pending).resolves.toBe('kept')
    time.advance(0) // the scheduled turn finds nothing left to do
    expect(state.transactions).toEqual([1])
  })

  it('splits a long queue into transactions of at most maxWorks, one after the other', async () => {
    const { state, transactor } = fakeDriver()
    const time = manualTime()
    const writes = createGroupCommit(transactor, { now: time.now, schedule: time.schedule, maxWorks: 2 })
    const all = Promise.all([1, 2, 3, 4, 5].map((n) => writes.run(() => n)))
    time.advance(0)
    expect(state.transactions).toEqual([2, 2, 1])
    expect(await all).toEqual([1, 2, 3, 4, 5])
  })
})
