// The ru-gosuslugi sandbox's synthetic population: N invented holders, each with one issuable
// certificate (mostly a finished vaccination course, some recoveries), for load tests that need many
// distinct citizens. Nothing is stored per holder: every id carries its holder's index, so a look-up
// decodes the index, rebuilds that holder from (seed, index, today) and checks the id round-trips.
// Same size and day → byte-identical records and samples in every process.
import { populationSize, SandboxPopulationError, type SandboxSample } from '../_sdk/index.ts'
import { COURSES, daysAround, digits, flat, hex, holderDraws, syntheticPerson, type Day } from '../_ru/people.ts'
import type { GosFixture } from './records.ts'
import { linkV1, linkV1Unrz, linkV2, linkV3 } from './samples.ts'
import type { RecordEvent } from './wire.ts'

const SEED = 0x60_5b_52_55
/** Fixture unrz start with 90 or 40, fixture uuids have variant nibble 9: the population never collides. */
const UNRZ_PREFIX = '97'

export type GosLinkForm = 'v1' | 'v1-unrz' | 'v2' | 'v3'

export interface GosPopulation {
  readonly size: number
  /** The holder of `index` (0 ≤ index < size) and their certificate. */
  fixture(index: number): GosFixture
  /** O(1): the holder whose unrzFull (or uuid) this is, or undefined. */
  byUnrz(unrz: string): GosFixture | undefined
  byUuid(uuid: string): GosFixture | undefined
  /** One issuable sample per holder, built on first call and kept. */
  samples(): readonly SandboxSample[]
}

export function unrzOf(index: number): string {
  return `${UNRZ_PREFIX}${String(index).padStart(7, '0')}${digits(holderDraws(SEED ^ 0x11, index), 7)}`
}

export function uuidOf(index: number): string {
  const h = hex(holderDraws(SEED ^ 0x22, index), 24)
  const variant = 'ab'[Number.parseInt(h[23]!, 16) & 1]
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(12, 15)}-${variant}${h.slice(15, 18)}-${h.slice(18, 23)}${index.toString(16).padStart(7, '0')}`
}

/** The check key of a v2 link: 32 hex characters, a hash of the certificate's index. */
function ckOf(index: number): string {
  return hex(holderDraws(SEED ^ 0x33, index), 32)
}

function certificate(index: number, day: Day): GosFixture {
  const person = syntheticPerson(SEED, index)
  const draw = holderDraws(SEED ^ 0x44, index)
  const roll = draw() % 100
  const course = COURSES.find((c) => roll < c.upTo)
  const unrz = unrzOf(index)
  const uuid = uuidOf(index)
  const ck = ckOf(index)
  // Objects written out whole: a spread per holder costs more than the rest of the holder.
  if (!course) {
    // First positive test 20 to 169 days ago: valid from day 11 to day 180, so valid today.
    const first = -(20 + (draw() % 150))
    const event: RecordEvent = {
      type: 'recovery',
      firstPositive: day(first),
      firstPositiveTest: 'NAAT',
      validFrom: day(first + 11),
      validUntil: day(first + 180),
      country: 'RU',
    }
    return {
      name: `synthetic #${index} recovery`,
      unrz,
      uuid,
      ck,
      type: 'ILLNESS_FACT',
      status: '1',
      expiredAt: event.validUntil,
      validFrom: event.validFrom,
      person,
      event,
    }
  }
  // Last dose 14 to 313 days ago: the year of validity from it runs past today.
  const last = -(14 + (draw() % 300))
  const event: RecordEvent = {
    type: 'vaccination',
    product: course.product,
    dose: course.doses,
    doses: course.doses,
    date: day(last),
    country: 'RU',
  }
  return {
    name: `synthetic #${index} vaccination, ${course.name}`,
    unrz,
    uuid,
    ck,
    type: 'VACCINE_CERT',
    status: '1',
    expiredAt: day(last + 365),
    validFrom: day(last - course.interval),
    person,
    event,
  }
}

/** Mostly the current v2 links, then v3; v1 answers vaccinations only. */
export function linkForm(index: number, f: Pick<GosFixture, 'type'>): GosLinkForm {
  const slot = index % 10
  if (slot < 5) return 'v2'
  if (slot < 8 || f.type !== 'VACCINE_CERT') return 'v3'
  return slot === 8 ? 'v1' : 'v1-unrz'
}

const VACCINATION = { status: 201, type: 'vaccination' } as const
const RECOVERY = { status: 201, type: 'recovery' } as const

const LINK = { v1: linkV1, 'v1-unrz': linkV1Unrz, v2: (f: GosFixture) => linkV2(f), v3: linkV3 } as const

export function gosPopulation(size: number, today: string): GosPopulation {
  populationSize(size)
  const day = daysAround(today)
  const fixture = (index: number) => certificate(index, day)
  const inRange = (index: number) => Number.isInteger(index) && index >= 0 && index < size
  let samples: readonly SandboxSample[] | undefined

  return {
    size,
    fixture(index) {
      if (!inRange(index)) throw new SandboxPopulationError('No synthetic holder has this index.')
      return fixture(index)
    },
    byUnrz(unrz) {
      if (unrz.length !== 16 || !unrz.startsWith(UNRZ_PREFIX)) return undefined
      const index = Number(unrz.slice(2, 9))
      return inRange(index) && unrzOf(index) === unrz ? fixture(index) : undefined
    },
    byUuid(uuid) {
      const index = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[ab][0-9a-f]{3}-[0-9a-f]{5}([0-9a-f]{7})$/.exec(uuid)
      const i = index ? Number.parseInt(index[1]!, 16) : -1
      return inRange(i) && uuidOf(i) === uuid ? fixture(i) : undefined
    },
    samples() {
      samples ??= Array.from({ length: size }, (_, index): SandboxSample => {
        const f = fixture(index)
        const form = linkForm(index, f)
        return {
          name: flat(`ru-gosuslugi ${form} ${f.name}`),
          qr: flat(LINK[form](f)),
          holder: f.person.claim,
          expect: f.type === 'ILLNESS_FACT' ? RECOVERY : VACCINATION,
        }
      })
      return samples
    },
  }
}
