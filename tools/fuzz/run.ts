// `npm run fuzz [-- --cases N] [--seed S] [--target substring]`: runs every fuzz target of
// tools/fuzz/targets.ts with fast-check, sharing N generated cases (default 100,000) by the targets' weights,
// and prints per target the cases, time, live heap after a full GC, and findings (with fast-check's
// shrunk counterexample and seed to replay it). A target whose live heap grows by more than 128 MiB
// is a finding too (unbounded memory). Exit 1 on any finding. Node only; run with --expose-gc
// (as `npm run fuzz` does) for exact heap figures.
import { parseArgs } from 'node:util'
import fc from 'fast-check'
import { installNodeRuntime } from '../../src/runtime/node/install.ts'
import { fuzzTargets } from './targets.ts'

// The fuzzed service runs on the Node edge's primitives and file reads, as `npm start` does.
installNodeRuntime()

const MAX_HEAP_GROWTH = 128 * 2 ** 20
const mib = (bytes: number) => Math.round(bytes / 2 ** 20)

/** Heap in use after a full collection (when --expose-gc is given). */
function liveHeap(): number {
  ;(globalThis as { gc?: () => void }).gc?.()
  return process.memoryUsage().heapUsed
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { cases: { type: 'string' }, seed: { type: 'string' }, target: { type: 'string' } } })
  const total = Number(values.cases ?? 100_000)
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : Number(values.seed)
  const chosen = fuzzTargets().filter((t) => !values.target || t.name.toLowerCase().includes(values.target.toLowerCase()))
  const weights = chosen.reduce((n, t) => n + t.weight, 0)
  console.log(`fuzzing ${chosen.length} targets, ${total} cases, seed ${seed}`)
  let findings = 0
  let cases = 0
  const started = performance.now()
  let weightSoFar = 0
  for (const target of chosen) {
    // Cumulative rounding: the shares add up to exactly `total`.
    const numRuns = Math.max(1, Math.round((total * (weightSoFar + target.weight)) / weights) - Math.round((total * weightSoFar) / weights))
    weightSoFar += target.weight
    const { property, close } = await target.setup()
    const t0 = performance.now()
    const heap0 = liveHeap()
    // After a finding, the target goes on with the next seed until its share of cases has run, so one
    // finding does not hide others (only the first is shrunk); each message is reported once, at most
    // 5 per target.
    const messages = new Map<string, string>()
    let done = 0
    for (let round = 0; done < numRuns && messages.size < 5; round += 1) {
      const result = await fc.check(property, { numRuns: numRuns - done, seed: seed + round, endOnFailure: round > 0 })
      done += result.numRuns
      if (!result.failed) break
      const message = String(result.errorInstance).slice(0, 400)
      if (!messages.has(message)) {
        messages.set(
          message,
          `  seed ${result.seed} path ${result.counterexamplePath}\n  ${message}\n  counterexample: ${fc.stringify(result.counterexample).slice(0, 400)}`,
        )
      }
    }
    const ms = performance.now() - t0
    const heap = liveHeap()
    close?.()
    cases += done
    const line = `${target.name}: ${done} cases in ${(ms / 1000).toFixed(1)} s, live heap ${mib(heap0)} → ${mib(heap)} MiB`
    if (heap - heap0 > MAX_HEAP_GROWTH) {
      findings += 1
      console.log(`FINDING ${line}: the live heap grew by ${mib(heap - heap0)} MiB`)
    }
    if (messages.size > 0) {
      findings += messages.size
      console.log(`FINDING ${line}, ${messages.size} distinct finding(s):\n${[...messages.values()].join('\n')}`)
    } else console.log(`ok      ${line}`)
  }
  console.log(`${cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s, ${findings} finding(s)`)
  return findings === 0 ? 0 : 1
}

process.exitCode = await main(process.argv.slice(2))
