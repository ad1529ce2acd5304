// The ru-mos sandbox's synthetic population: N invented Muscovites (the people of ru-gosuslugi's
// people.ts, drawn with another seed), each with one issuable certificate: mostly a vaccination course
// valid a year from its first dose, as Moscow issues them, some recoveries. Nothing is stored per
// holder: the certificate number carries the holder's index, so a look-up decodes it, rebuilds that
// holder from (seed, index, today) and checks the number round-trips. Same size and day →
// byte-identical records and samples in every process.
import { type HolderClaim, populationSize, SandboxPopulationError, type SandboxSample } from '../_sdk/index.ts'
import { COURSES, daysAround, digits, flat, holderDraws, syntheticPerson, type Day } from '../_ru/people.ts'
import { MOS_ORIGIN } from './link.ts'
import { maskName, moscowMidnight, type MosFixture } from './records.ts'
import type { MosDose, MosRecordBody } from './wire.ts'

const SEED = 0x4d_4f_53_77
/** Moscow's region code; fixture numbers start with 4501 or MOS, so the population never collides. */
const NUMBER_PREFIX = '77'

const VACCINATION = { status: 201, type: 'vaccination' } as const
const RECOVERY = { status: 201, type: 'recovery' } as const

export interface MosPopulation {
  readonly size: number
  /** The holder of `index` (0 ≤ index < size) and their certificate. */
  fixture(index: number): MosFixture
  /** O(1): the holder whose certificate number this is, or undefined. */
  byNumber(number: string): MosFixture | undefined
  /** One issuable sample per holder, built on first call and kept. */
  samples(): readonly SandboxSample[]
}

/** 16 digits: the region code, the index (7 digits), 7 digits hashed from the index. */
export function numberOf(index: number): string {
  return `${NUMBER_PREFIX}${String(index).padStart(7, '0')}${digits(holderDraws(SEED ^ 0x11, index), 7)}`
}

function certificate(index: number, day: Day): MosFixture {
  const { claim } = syntheticPerson(SEED, index)
  // mos.ru shows no document: the holder is the name and the date of birth.
  const person: HolderClaim = {
    familyName: claim.familyName,
    givenName: claim.givenName,
    patronymic: claim.patronymic,
    dateOfBirth: claim.dateOfBirth,
  }
  const initials = flat(maskName(claim.familyName, claim.givenName, claim.patronymic))
  const number = numberOf(index)
  const draw = holderDraws(SEED ^ 0x44, index)
  const roll = draw() % 100
  const course = COURSES.find((c) => roll < c.upTo)
  if (!course) {
    // First positive test 20 to 169 days ago: valid from day 11 to day 180, so valid today.
    const first = -(20 + (draw() % 150))
    const recovery = {
      firstPositive: day(first),
      firstPositiveTest: 'NAAT' as const,
      validFrom: day(first + 11),
      validUntil: day(first + 180),
      country: 'RU',
    }
    const certificate = {
      type: 'RECOVERED',
      initials,
      birthDay: claim.dateOfBirth,
      start: moscowMidnight(recovery.validFrom),
      end: moscowMidnight(recovery.validUntil),
    }
    return { name: `synthetic #${index} recovery`, number, person, certificate, record: { number, recovery } }
  }
  // First dose 30 to 319 days ago: the course is complete and its year of validity runs past today.
  const first = -(30 + (draw() % 290))
  const doses: MosDose[] = [{ product: course.product, dose: 1, of: course.doses, date: day(first), country: 'RU' }]
  if (course.doses === 2) doses.push({ product: course.product, dose: 2, of: 2, date: day(first + course.interval), country: 'RU' })
  const record: MosRecordBody = { number, vaccination: { courses: [{ startedOn: day(first), doses }] } }
  const certificate = {
    type: 'VACCINATED',
    initials,
    birthDay: claim.dateOfBirth,
    start: moscowMidnight(day(first)),
    end: moscowMidnight(day(first + 365)),
  }
  return { name: `synthetic #${index} vaccination, ${course.name}`, number, person, certificate, record }
}

export function mosPopulation(size: number, today: string): MosPopulation {
  populationSize(size)
  const day = daysAround(today)
  const inRange = (index: number) => Number.isInteger(index) && index >= 0 && index < size
  let samples: readonly SandboxSample[] | undefined

  return {
    size,
    fixture(index) {
      if (!inRange(index)) throw new SandboxPopulationError('No synthetic holder has this index.')
      return certificate(index, day)
    },
    byNumber(number) {
      if (number.length !== 16 || !number.startsWith(NUMBER_PREFIX)) return undefined
      const index = Number(number.slice(2, 9))
      return inRange(index) && numberOf(index) === number ? certificate(index, day) : undefined
    },
    samples() {
      samples ??= Array.from({ length: size }, (_, index): SandboxSample => {
        const f = certificate(index, day)
        return {
          name: flat(`ru-mos ${f.name}`),
          qr: flat(`${MOS_ORIGIN}/qr?id=${f.number}`),
          holder: f.person,
          expect: f.certificate.type === 'RECOVERED' ? RECOVERY : VACCINATION,
        }
      })
      return samples
    },
  }
}
