// Times the verification pipeline on one core, sequentially: a DE conformance vector against the DE
// trust list (832 DSCs, imported on first use) plus the vector's DSC, with the schema check, then
// with the DE business rules of the EU snapshot.
// Run: npx tsx tools/bench/verify-vectors.ts
import { readFileSync } from 'node:fs'
import { parseVector } from '../conformance/vector.ts'
import { loadRuleSetFromDirectory } from '../../src/runtime/node/rules-dir.ts'
import { importDsc } from '../../src/trust/dsc.ts'
import { loadTrustList } from '../../src/trust/load.ts'
import { createTrustStore, mergeTrustStores } from '../../src/trust/store.ts'
import type { VerifyOptions } from '../../src/verify/types.ts'
import { verifyCertificate } from '../../src/verify/verify.ts'

const testdata = new URL('../../../shared/testdata/', import.meta.url)
const file = 'DE/2DCode/raw/1.json'
const vector = parseVector(file, readFileSync(new URL(`dgc-testdata/${file}`, testdata), 'utf8'))
const de = await loadTrustList(new URL('trustlists/trustlist_de.json', testdata).pathname)
const own = createTrustStore([await importDsc(vector.certificate!, { source: 'vector' })])
const keys = mergeTrustStores([de.store, own]).resolve
const rules = await loadRuleSetFromDirectory(new URL('business-rules', testdata).pathname)
const now = new Date('2021-10-15T12:00:00Z')

async function time(label: string, options: VerifyOptions, runs = 2000): Promise<void> {
  for (let i = 0; i < 200; i++) await verifyCertificate({ hc1: vector.prefix! }, { keys, now, rules }, options)
  const started = performance.now()
  for (let i = 0; i < runs; i++) {
    const result = await verifyCertificate({ hc1: vector.prefix! }, { keys, now, rules }, options)
    if (result.status !== 'VALID') throw new Error(`${label}: ${result.status}`)
  }
  const ms = performance.now() - started
  console.log(`${label}: ${Math.round(runs / (ms / 1000))} verifications/s, ${((ms * 1000) / runs).toFixed(0)} µs each (${runs} runs)`)
}

await time('decode + signature + times + schema', {})
await time('... + DE business rules', { country: 'DE' })
