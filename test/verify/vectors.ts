// EU conformance vectors for verification tests: the HC1 text, the DSC of TESTCTX.CERTIFICATE as a
// trusted key (source 'vector'), and the vector's validation clock.
import { readFileSync } from 'node:fs'
import { parseVector, type Vector } from '../../tools/conformance/vector.ts'
import { importDsc } from '../../src/trust/dsc.ts'
import type { TrustedKey } from '../../src/hcert/trusted-key.ts'
import { testdataPath } from '../shared.ts'

export interface LoadedVector extends Vector {
  readonly hc1: string
  readonly clock: Date
  readonly key: TrustedKey
}

/** A vector such as 'DE/2DCode/raw/1.json' (relative to dgc-testdata). */
export async function loadVector(file: string): Promise<LoadedVector> {
  const vector = parseVector(file, readFileSync(testdataPath('dgc-testdata', file), 'utf8'))
  if (vector.prefix === undefined || vector.certificate === undefined || vector.clock === undefined) {
    throw new Error(`${file} lacks PREFIX, CERTIFICATE or VALIDATIONCLOCK`)
  }
  const key = await importDsc(vector.certificate, { source: 'vector' })
  return { ...vector, hc1: vector.prefix, clock: vector.clock, key }
}
