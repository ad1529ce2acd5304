// Configured trust lists kept fresh: each list is loaded once (at start, before requests are served),
// then refreshed in the background on a schedule with the validators of the last fetch
// (If-None-Match / If-Modified-Since). A refresh that fails (unreachable, invalid, or refused for its
// signature) keeps the last good copy and marks the list stale; verification always reads the
// current good copies, so no request waits for fetching, canonicalization or proof checks.
import type { Logger } from '../platform/log.ts'
import type { TrustListFormat } from './lists.ts'
import { loadJsonIfChanged, parseLocation, sourceName, type LoadOptions, type Validators } from './documents.ts'
import { trustListFromJson, type LoadedTrustList } from './load.ts'
import type { SignatureStatus } from './gdhcn/proof.ts'
import { mergeTrustStores, type TrustStore } from './store.ts'

export type RefreshOutcome = 'loaded' | 'not-modified' | 'failed'

export interface TrustListState {
  readonly source: string
  /** ok: the last attempt succeeded; stale: it failed and the last good copy is kept; failed: no good copy yet. */
  readonly state: 'ok' | 'stale' | 'failed' | 'pending'
  readonly format?: TrustListFormat
  readonly entries: number
  readonly signature?: SignatureStatus
  /** When the good copy in use was fetched (or confirmed unchanged), ISO 8601. */
  readonly fetchedAt?: string
  readonly lastAttemptAt?: string
  /** The code of the last failure (e.g. TRUST_LIST_SIGNATURE), while stale or failed. */
  readonly error?: string
}

export interface RefreshOptions extends LoadOptions {
  readonly now?: () => Date
  readonly log?: Logger
  /** Called after each list's attempt (for metrics). */
  readonly onOutcome?: (source: string, outcome: RefreshOutcome) => void
}

export interface RefreshingTrustLists {
  /** Resolves through the good copies current at lookup time. */
  readonly store: TrustStore
  /** Loads every list now; `strict` throws the first failure (at start-up). Concurrent calls share one run. */
  refresh(options?: { strict?: boolean }): Promise<void>
  states(): TrustListState[]
  /** Refreshes every `intervalMs` in the background; returns the stop function. */
  schedule(intervalMs: number): () => void
  /**
   * Where no timer can run (Workers): starts a background refresh when the last one began at least
   * `intervalMs` ago and none is running, and returns it (for waitUntil); otherwise undefined.
   */
  refreshIfDue(intervalMs: number): Promise<void> | undefined
  /** Adds a listener of each list's outcome (beside options.onOutcome). */
  listen(listener: (source: string, outcome: RefreshOutcome) => void): void
}

interface Slot {
  readonly location: string
  readonly source: string
  list?: LoadedTrustList
  validators: Validators
  state: TrustListState
}

const codeOf = (error: unknown) => {
  const code = (error as { code?: unknown })?.code
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : 'TRUST_LIST_UNAVAILABLE'
}

export function createRefreshingTrustLists(locations: readonly string[], options: RefreshOptions = {}): RefreshingTrustLists {
  const now = options.now ?? (() => new Date())
  const slots: Slot[] = locations.map((location) => {
    const source = sourceName(parseLocation(location))
    return { location, source, validators: {}, state: { source, state: 'pending', entries: 0 } }
  })
  const listeners = options.onOutcome ? [options.onOutcome] : []
  const tell = (source: string, outcome: RefreshOutcome) => listeners.forEach((listener) => listener(source, outcome))
  let merged: TrustStore = mergeTrustStores([])
  const remerge = () => void (merged = mergeTrustStores(slots.flatMap((s) => (s.list ? [s.list.store] : []))))

  async function refreshSlot(slot: Slot): Promise<void> {
    const attempt = now().toISOString()
    try {
      const read = await loadJsonIfChanged(parseLocation(slot.location), options, slot.list ? slot.validators : {})
      if (read.notModified) {
        slot.state = { ...slot.state, state: 'ok', fetchedAt: attempt, lastAttemptAt: attempt, error: undefined }
        tell(slot.source, 'not-modified')
        return
      }
      const list = await trustListFromJson(read.json, slot.source, options)
      slot.list = list
      slot.validators = read.validators
      slot.state = {
        source: slot.source,
        state: 'ok',
        format: list.format,
        entries: list.entries,
        ...(list.signature ? { signature: list.signature } : {}),
        fetchedAt: attempt,
        lastAttemptAt: attempt,
      }
      remerge()
      tell(slot.source, 'loaded')
    } catch (error) {
      const code = codeOf(error)
      slot.state = { ...slot.state, state: slot.list ? 'stale' : 'failed', lastAttemptAt: attempt, error: code }
      options.log?.warn(slot.list ? 'trust list refresh failed; the last good copy stays in use' : 'trust list could not be loaded', {
        source: slot.source,
        code,
        fetchedAt: slot.state.fetchedAt,
      })
      tell(slot.source, 'failed')
      throw error
    }
  }

  let running: Promise<void> | undefined
  let lastStarted: number | undefined
  async function refreshAll(strict: boolean): Promise<void> {
    lastStarted = now().getTime()
    const results = await Promise.allSettled(slots.map(refreshSlot))
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
    if (strict && failed) throw failed.reason
  }

  return {
    store: {
      resolve: (kid) => merged.resolve(kid),
      get size() {
        return merged.size
      },
      get sources() {
        return merged.sources
      },
      get failed() {
        return merged.failed
      },
    },
    refresh({ strict = false } = {}) {
      running ??= refreshAll(strict).finally(() => (running = undefined))
      return running
    },
    refreshIfDue(intervalMs) {
      if (running || (lastStarted !== undefined && now().getTime() - lastStarted < intervalMs)) return undefined
      return this.refresh().catch(() => undefined)
    },
    states: () => slots.map((s) => s.state),
    listen: (listener) => void listeners.push(listener),
    schedule(intervalMs) {
      const timer = setInterval(() => void this.refresh().catch(() => undefined), intervalMs)
      ;(timer as { unref?: () => void }).unref?.()
      return () => clearInterval(timer)
    },
  }
}
