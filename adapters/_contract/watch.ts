// The contract suite's view of fetch: the global `fetch` is replaced, for the suite's lifetime, by a
// pass-through that records every call, so an adapter that calls it instead of `ctx.fetch` (escaping
// the client's origin allow-list, deadline and body cap) is caught even when its answers are right.
// Only calls made on the adapter's behalf count (inside `inAdapter`, tracked with AsyncLocalStorage
// across awaits and timers): the suite's fault proxy, in the same process, forwards with the global
// fetch too. The suite's own fetch for the client (`recording`) goes to the original.
import { AsyncLocalStorage } from 'node:async_hooks'

export interface Fetched {
  readonly method: string
  readonly url: string
}

export interface FetchWatch {
  /** Calls of the global fetch made inside `inAdapter` since the watch began. */
  readonly calls: readonly Fetched[]
  /** Runs the adapter's code (match, or the client's resolve) as the adapter. */
  inAdapter<T>(fn: () => T): T
  /** A fetch for the adapter client: it records into `seen` and never counts as a global call. */
  recording(seen: Fetched[]): typeof fetch
  restore(): void
}

function describeCall(input: RequestInfo | URL, init?: RequestInit): Fetched {
  const url = input instanceof Request ? input.url : input instanceof URL ? input.href : String(input)
  return { method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(), url }
}

export function watchGlobalFetch(): FetchWatch {
  const original = globalThis.fetch
  const calls: Fetched[] = []
  const adapter = new AsyncLocalStorage<true>()
  const watched: typeof fetch = (input, init) => {
    if (adapter.getStore()) calls.push(describeCall(input, init))
    return original(input, init)
  }
  globalThis.fetch = watched
  return {
    calls,
    inAdapter: (fn) => adapter.run(true, fn),
    recording(seen) {
      return (input, init) => {
        seen.push(describeCall(input, init))
        return original(input, init)
      }
    },
    restore() {
      if (globalThis.fetch === watched) globalThis.fetch = original
    },
  }
}
