// GDHCN trust lists: per DEV list, the URDNA2015 canonicalization time, the proof verification time,
// the whole read (proof, chains, key import) and the keys it yields, each the median of a few runs;
// and the longest stretch the event loop was blocked during a read (what a request arriving
// meanwhile would wait). Reads ../shared/testdata/gdhcn (skipped when absent).
// Run: npx tsx tools/bench/trust-lists.ts [runs]   (also part of `npm run bench`)
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { verifyProof } from '../../src/trust/gdhcn/proof.ts'
import { readTrustListSigners } from '../../src/trust/gdhcn/signers.ts'
import { trustListFromJson } from '../../src/trust/load.ts'
import { useCanonicalizer } from '../../src/trust/gdhcn/canonize.ts'
import { startCanonizeThread } from '../../src/runtime/node/trust/canonize-thread.ts'

const root = fileURLToPath(new URL('../../../shared/testdata/gdhcn/', import.meta.url))
export const DEV_LISTS = [
  'trustlist/-/-/DSC',
  'trustlist/-/-/SCA',
  'trustlist/-/XXA',
  'trustlist/-/XXA/DSC',
  'trustlist/-/XXA/SCA',
  'trustlist-ref',
  'trustlist-ref/DCC',
  'trustlist-ref/DCC/XXA',
  'trustlist-ref/DCC/XXA/DSC',
  'trustlist-ref/DCC/XXA/SCA',
]

export interface ListFigures {
  readonly list: string
  readonly kib: number
  readonly canonicalizeMs: number
  readonly verifyMs: number
  readonly readMs: number
  readonly keys: number
  readonly maxBlockedMs: number
  /** The same with canonicalization in a worker thread (as the Node server runs it). */
  readonly maxBlockedThreadMs: number
}

/** References are not followed (this document's own figures), and nothing is fetched. */
const noNetwork: typeof fetch = async () => {
  throw new TypeError('no network in the benchmark')
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** Runs `work` while a 1 ms ticker watches the event loop; the longest gap between ticks, ms. */
async function blocked<T>(work: () => Promise<T>): Promise<number> {
  let last = performance.now()
  let longest = 0
  const ticker = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 1)
  await work()
  clearInterval(ticker)
  return Math.max(longest, performance.now() - last)
}

export async function benchTrustLists(runs = 5): Promise<ListFigures[] | undefined> {
  if (!existsSync(root)) return undefined
  const signers = await readTrustListSigners(JSON.parse(readFileSync(`${root}who-signing-dev/did.json`, 'utf8')))
  const figures: ListFigures[] = []
  for (const list of DEV_LISTS) {
    const text = readFileSync(`${root}tng-cdn-dev/v2/${list}/did.json`, 'utf8')
    const json = JSON.parse(text)
    await verifyProof(json, signers) // warm-up
    const canonicalize: number[] = []
    const verify: number[] = []
    const read: number[] = []
    let keys = 0
    for (let i = 0; i < runs; i++) {
      const check = await verifyProof(json, signers)
      if (check.status !== 'valid') throw new Error(`${list}: proof ${check.status}`)
      canonicalize.push(check.canonicalizeMs)
      verify.push(check.verifyMs)
      const started = performance.now()
      // references are not followed here (no resolver): the figures are this document's own
      keys = (await trustListFromJson(json, 'WHO', { signers, eager: true, didMaxDepth: 0, fetch: noNetwork })).entries
      read.push(performance.now() - started)
    }
    const read1 = () => trustListFromJson(json, 'WHO', { signers, eager: true, didMaxDepth: 0, fetch: noNetwork })
    const maxBlockedMs = await blocked(read1)
    const thread = startCanonizeThread()
    const previous = useCanonicalizer(thread.canonize)
    await read1() // starts the thread
    const maxBlockedThreadMs = await blocked(read1)
    useCanonicalizer(previous)
    await thread.close()
    figures.push({
      list,
      kib: text.length / 1024,
      canonicalizeMs: median(canonicalize),
      verifyMs: median(verify),
      readMs: median(read),
      keys,
      maxBlockedMs,
      maxBlockedThreadMs,
    })
  }
  return figures
}

export function formatTrustListFigures(figures: readonly ListFigures[]): string[] {
  const lines = [
    'GDHCN DEV trust lists (median; canonicalization = URDNA2015 of proof options and document; verification = hashes + ES256;',
    'read = proof + chains + key import; blocked = longest event-loop stall during one read, canonicalizing here / in a worker thread):',
  ]
  for (const f of figures) {
    lines.push(
      `  ${f.list.padEnd(26)} ${f.kib.toFixed(0).padStart(4)} KiB  canonicalize ${f.canonicalizeMs.toFixed(1).padStart(6)} ms  verify ${f.verifyMs.toFixed(1).padStart(5)} ms  read ${f.readMs.toFixed(0).padStart(5)} ms  keys ${String(f.keys).padStart(3)}  blocked ${f.maxBlockedMs.toFixed(0).padStart(4)} / ${f.maxBlockedThreadMs.toFixed(0).padStart(3)} ms`,
    )
  }
  return lines
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchTrustLists(Number(process.argv[2] ?? 5))
  console.log(figures ? formatTrustListFigures(figures).join('\n') : `no GDHCN test data at ${root}`)
}
