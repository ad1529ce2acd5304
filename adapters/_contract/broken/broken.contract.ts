// Adapters that break the contract in ways their own fixtures hide, each wrapped around ru-mos: the
// suite must fail them on its own. Not a test file of `npm test` (its name does not end in .test.ts):
// contract.test.ts runs it in a child vitest and reads which cases failed and why.
import { describe } from 'vitest'
import { testAdapter, type ContractFixtures } from '../suite.ts'
import type { CountryAdapter } from '../../_sdk/adapter.ts'
import { AdapterError } from '../../_sdk/errors.ts'
import type { NormalizedRecord } from '../../../src/dcc/record.ts'
import { contractFixtures } from '../../ru-mos/fixtures.ts'
import { ruMos } from '../../ru-mos/index.ts'
import { createSandbox } from '../../ru-mos/sandbox.ts'

const today = new Date().toISOString().slice(0, 10)
const ruMosFixtures = contractFixtures(today)
type Link = NonNullable<ReturnType<typeof ruMos.match>>
type Raw = Awaited<ReturnType<typeof ruMos.retrieve>>

/** ru-mos with one change, its suite under `describe(name)` so the parent can tell the runs apart. */
function broken(name: string, change: Partial<CountryAdapter<Link, Raw>>, fixtures: ContractFixtures = ruMosFixtures): void {
  describe(name, () => testAdapter({ adapter: { ...ruMos, ...change }, sandbox: createSandbox({ today }), fixtures }))
}

// Calls the global fetch: its answers are right, but it escapes ctx.fetch's guard.
broken('global-fetch', { retrieve: (link, ctx) => ruMos.retrieve(link, { ...ctx, fetch: (input, init) => globalThis.fetch(input, init) }) })

// Adds a field, and its fixtures say so too.
const withPhoto = (record: NormalizedRecord) => ({ ...record, holder: { ...record.holder, shown: { ...record.holder.shown, photo: 'p' } } })
broken(
  'extra-field',
  { normalize: (raw, ctx) => withPhoto(ruMos.normalize(raw, ctx)) },
  { ...ruMosFixtures, records: ruMosFixtures.records.map((r) => ('code' in r.expected ? r : { ...r, expected: withPhoto(r.expected) })) },
)

// Refuses an expired certificate without saying which record it is.
broken('no-source-ref', {
  normalize(raw, ctx) {
    try {
      return ruMos.normalize(raw, ctx)
    } catch (error) {
      if (error instanceof AdapterError && error.code === 'RECORD_EXPIRED') throw new AdapterError(error.code, error.message)
      throw error
    }
  },
})

// Accepts its link behind a port, and its fixtures list no such forgery.
broken(
  'port',
  { match: (text) => ruMos.match(text.replace('immune.mos.ru:8443', 'immune.mos.ru')) },
  { ...ruMosFixtures, links: { ...ruMosFixtures.links, forged: ruMosFixtures.links.forged.filter((f) => !f.text.includes(':8443')) } },
)
