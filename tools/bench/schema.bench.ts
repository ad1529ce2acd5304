// Speed of the schema check that runs on every verify: `npx vitest bench --run tools/bench/schema.bench.ts`.
import { readFileSync } from 'node:fs'
import { bench, describe } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { validateDcc } from '../../src/dcc/schema.ts'

const load = (name: string): unknown => JSON.parse(readFileSync(testdataPath('eu-dcc-schema', 'test', 'valid', name), 'utf8'))
const vaccination = load('V-dates1.json')
const test = load('T-rat-dates3.json')
const invalid = JSON.parse(readFileSync(testdataPath('eu-dcc-schema', 'test', 'invalid', 'invalid_dob.json'), 'utf8')) as unknown

describe('validateDcc', () => {
  bench('vaccination payload', () => {
    validateDcc(vaccination)
  })
  bench('test payload', () => {
    validateDcc(test)
  })
  bench('invalid payload', () => {
    validateDcc(invalid)
  })
})
