// The hashing of one issuance, timed alone: three keyed hashes (link, source, event), deriveUvci and
// the three revocation hashes, awaited in the order src/issue/issue.ts awaits them. Prints, for the
// active primitives (node, the default) and for the web ones, the wall time and the process CPU time
// (all threads: crypto.subtle runs its jobs on the libuv pool) per issuance.
// Run: npx tsx tools/bench/hashing.ts [issuances]
import { deriveUvci } from '../../src/dcc/uvci.ts'
import { primitives, usePrimitives } from '../../src/platform/primitives.ts'
import { webPrimitives } from '../../src/platform/primitives-web.ts'
import { createKeyedHasher } from '../../src/issue/keyed-hash.ts'
import { revocationHashes } from '../../src/revocation/hashes.ts'

const n = Number(process.argv[2] ?? 20_000)
const key = new Uint8Array(32).fill(7)
const signature = new Uint8Array(64).map((_, i) => i * 3)
const link = '{"host":"www.gosuslugi.ru","id":"9160000012345678","kind":"covid-cert"}'
const material = 'ru-gosuslugi:unrz:9160000012345678|{"type":"vaccination","doseNumber":2}'

async function measure(): Promise<string> {
  const hasher = await createKeyedHasher(key)
  const issuance = async () => {
    await hasher.hash('link', `ru-gosuslugi|${link}`)
    await Promise.all([hasher.hash('source', 'ru-gosuslugi:unrz:9160000012345678'), hasher.hash('event', material)])
    const uvci = await deriveUvci({ country: 'RU', key, material })
    await revocationHashes({ uvci, country: 'RU', signature })
  }
  for (let i = 0; i < n / 10; i++) await issuance()
  const cpu = process.cpuUsage()
  const start = performance.now()
  for (let i = 0; i < n; i++) await issuance()
  const wall = ((performance.now() - start) * 1000) / n
  const used = process.cpuUsage(cpu)
  return `${wall.toFixed(1)} µs wall, ${((used.user + used.system) / n).toFixed(1)} µs CPU per issuance`
}

const initial = primitives()
console.log(`${initial.name}: ${await measure()}`)
usePrimitives(webPrimitives)
console.log(`web: ${await measure()}`)
usePrimitives(initial)
