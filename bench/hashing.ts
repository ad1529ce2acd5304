// The hashing of one issuance, timed alone: three keyed hashes (link, source, event), deriveUvci and
// the three revocation hashes, awaited in the order src/issue/issue.ts awaits them. Prints µs per
// issuance for the active primitives (node, the default) and for the web ones.
// Run: npx tsx bench/hashing.ts [durationMs]
import { deriveUvci } from '../src/dcc/uvci.ts'
import { primitives, usePrimitives } from '../src/hcert/primitives.ts'
import { webPrimitives } from '../src/hcert/primitives-web.ts'
import { createKeyedHasher } from '../src/issue/keyed-hash.ts'
import { revocationHashes } from '../src/revocation/hashes.ts'
import { opsPerSecond } from './measure.ts'

const durationMs = Number(process.argv[2] ?? 2000)
const key = new Uint8Array(32).fill(7)
const signature = new Uint8Array(64).map((_, i) => i * 3)
const link = '{"host":"www.gosuslugi.ru","id":"9160000012345678","kind":"covid-cert"}'
const material = 'ru-gosuslugi:unrz:9160000012345678|{"type":"vaccination","doseNumber":2}'

async function measure(): Promise<number> {
  const hasher = await createKeyedHasher(key)
  const issuance = async () => {
    await hasher.hash('link', `ru-gosuslugi|${link}`)
    await Promise.all([hasher.hash('source', 'ru-gosuslugi:unrz:9160000012345678'), hasher.hash('event', material)])
    const uvci = await deriveUvci({ country: 'RU', key, material })
    await revocationHashes({ uvci, country: 'RU', signature })
  }
  return 1e6 / (await opsPerSecond(issuance, durationMs))
}

const initial = primitives()
console.log(`${initial.name}: ${(await measure()).toFixed(1)} µs per issuance`)
usePrimitives(webPrimitives)
console.log(`web: ${(await measure()).toFixed(1)} µs per issuance`)
usePrimitives(initial)
