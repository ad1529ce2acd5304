// The service's clock in the fault tests: the breaker reads `new Date()`, so moving the mocked system
// time past its reset time (30 s, not configurable yet) half-opens it without waiting. Only Date is
// mocked; timers, performance.now() and sockets keep real time.
import { vi } from 'vitest'

/** Breaker reset time of src/service/service.ts (adapters/_sdk/breaker.ts default). */
export const BREAKER_RESET_MS = 30_000

/** Moves the mocked wall clock forward by `ms` (starting from the real time on first use). */
export function advanceClock(ms: number): void {
  vi.setSystemTime(new Date(Date.now() + ms))
}

export function restoreClock(): void {
  vi.useRealTimers()
}
