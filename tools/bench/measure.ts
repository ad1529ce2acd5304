// Sequential throughput of one async operation: warm up, then run for a fixed time on this core.
export async function opsPerSecond(operation: () => Promise<unknown> | unknown, durationMs: number): Promise<number> {
  const warmupEnd = performance.now() + Math.min(200, durationMs / 4)
  while (performance.now() < warmupEnd) await operation()
  let count = 0
  const start = performance.now()
  const end = start + durationMs
  let now = start
  while (now < end) {
    for (let i = 0; i < 16; i++) await operation()
    count += 16
    now = performance.now()
  }
  return (count * 1000) / (now - start)
}
