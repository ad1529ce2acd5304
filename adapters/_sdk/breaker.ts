// A circuit breaker for one adapter's upstream. Pure state over an injected clock.
//
// closed     every call goes through; each upstream failure (UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT,
//            UPSTREAM_INVALID) adds one to a count of consecutive failures, any other outcome (an
//            answer, even "not found") resets it. At `failureThreshold` consecutive failures: open.
// open       calls are refused at once with UPSTREAM_UNAVAILABLE and a retryAfter of the seconds left,
//            without contacting the upstream, until `resetAfterMs` have passed since opening.
// half-open  after that, exactly one call (the probe) goes through; others arriving meanwhile are
//            refused as while open. The probe's success closes the breaker, its failure reopens it
//            for another `resetAfterMs`.
import { AdapterError, type AdapterErrorCode } from './errors.ts'

export type BreakerState = 'closed' | 'open' | 'half-open'

export interface BreakerOptions {
  /** Consecutive upstream failures that open the circuit (default 5). */
  readonly failureThreshold?: number
  /** How long the circuit stays open before a probe (default 30 s). */
  readonly resetAfterMs?: number
  /** Told of each change of state as the breaker sees it (for the audit log); must not throw. */
  readonly onStateChange?: (state: BreakerState) => void
}

const UPSTREAM_FAILURES: ReadonlySet<AdapterErrorCode> = new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'UPSTREAM_INVALID'])

/** True for the error codes that count against the upstream. */
export function isUpstreamFailure(error: unknown): boolean {
  return error instanceof AdapterError && UPSTREAM_FAILURES.has(error.code)
}

export interface CircuitBreaker {
  /** Throws UPSTREAM_UNAVAILABLE while open; otherwise admits the call (as the probe when half-open). */
  admit(): void
  succeeded(): void
  failed(): void
  /** The call was given up by its caller: no verdict on the upstream (frees the probe slot). */
  abandoned(): void
  state(): BreakerState
}

export function createBreaker(now: () => Date, options: BreakerOptions = {}): CircuitBreaker {
  const threshold = Math.max(1, options.failureThreshold ?? 5)
  const resetAfterMs = Math.max(0, options.resetAfterMs ?? 30_000)
  let failures = 0
  let openedAt: number | undefined
  let probing = false

  const state = (): BreakerState => {
    if (openedAt === undefined) return 'closed'
    return now().getTime() - openedAt >= resetAfterMs ? 'half-open' : 'open'
  }

  const refuse = (): never => {
    const left = openedAt === undefined ? 0 : openedAt + resetAfterMs - now().getTime()
    throw new AdapterError('UPSTREAM_UNAVAILABLE', 'The national service is failing; requests are paused for a while.', {
      retryAfter: Math.max(1, Math.ceil(left / 1000)),
    })
  }

  // 'half-open' is reached by time alone: it is reported when the probe is admitted.
  let reported: BreakerState = 'closed'
  const report = (next: BreakerState) => {
    if (next === reported) return
    reported = next
    options.onStateChange?.(next)
  }

  return {
    admit() {
      const current = state()
      if (current === 'open') refuse()
      if (current === 'half-open') {
        if (probing) refuse()
        probing = true
        report('half-open')
      }
    },
    succeeded() {
      failures = 0
      openedAt = undefined
      probing = false
      report('closed')
    },
    failed() {
      failures += 1
      if (probing || failures >= threshold) {
        openedAt = now().getTime()
        report('open')
      }
      probing = false
    },
    abandoned() {
      probing = false
    },
    state,
  }
}
