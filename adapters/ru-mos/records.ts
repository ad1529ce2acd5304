// Sandbox fixture records for ru-mos: invented people, dated relative to `today` so that the sandbox
// stays usable whatever the clock says. Each entry is what mos.ru's check API and the record source
// hold for one certificate number.
import type { RegisteredHolderWire } from '../_sdk/index.ts'
import type { HolderClaim } from '../_sdk/index.ts'
import type { MosCertificate, MosRecordBody } from './wire.ts'

export interface MosFixture {
  readonly name: string
  readonly number: string
  readonly person: HolderClaim
  readonly certificate: MosCertificate
  /** What the record source answers; absent: it answers 404. */
  readonly record?: MosRecordBody
}

/** Foreign-passport spellings the sandbox register holds (the others have none: ICAO transliteration). */
const PASSPORTS: Readonly<Record<string, { familyName: string; givenName: string }>> = {
  'Соколова Анна': { familyName: 'SOKOLOVA', givenName: 'ANNA' },
  'Фёдоров Максим': { familyName: 'FEDOROV', givenName: 'MAKSIM' },
}

/** What the record source answers as the holder of a fixture: the register's identity of the person. */
export function registeredHolderOf(p: HolderClaim): RegisteredHolderWire {
  const latin = PASSPORTS[`${p.familyName} ${p.givenName}`]
  return {
    familyName: p.familyName,
    givenName: p.givenName,
    ...(p.patronymic ? { patronymic: p.patronymic } : {}),
    ...(latin ? { latin } : {}),
    dateOfBirth: p.dateOfBirth,
  }
}

/** `today` (YYYY-MM-DD) shifted by whole days. */
export function shiftDay(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** Midnight in Moscow, as mos.ru writes its validity bounds. */
export function moscowMidnight(day: string): string {
  return `${day}T00:00:00+03:00`
}

/** Masks a full name word by word as mos.ru does: first letter, then one '*' per further letter. */
export function maskName(...words: string[]): string {
  return words
    .filter(Boolean)
    .map((w) => [...w].map((ch, i) => (i === 0 ? ch.toUpperCase() : '*')).join(''))
    .join(' ')
}

function certificate(type: string, p: HolderClaim, from: string, to: string): MosCertificate {
  return {
    type,
    initials: maskName(p.familyName, p.givenName, p.patronymic ?? ''),
    birthDay: p.dateOfBirth,
    start: moscowMidnight(from),
    end: moscowMidnight(to),
  }
}

export const people = {
  sokolova: { familyName: 'Соколова', givenName: 'Анна', patronymic: 'Викторовна', dateOfBirth: '1985-03-14' },
  petrov: { familyName: 'Петров', givenName: 'Игорь', patronymic: 'Сергеевич', dateOfBirth: '1979-11-02' },
  kim: { familyName: 'Ким', givenName: 'Ольга', patronymic: 'Дмитриевна', dateOfBirth: '1990-07-30' },
  fedorov: { familyName: 'Фёдоров', givenName: 'Максим', patronymic: 'Андреевич', dateOfBirth: '1970-01-05' },
  smirnov: { familyName: 'Смирнов', givenName: 'Дмитрий', patronymic: 'Олегович', dateOfBirth: '1988-09-21' },
  zhukova: { familyName: 'Жукова', givenName: 'Юлия', patronymic: 'Ильинична', dateOfBirth: '1995-12-01' },
  orlov: { familyName: 'Орлов', givenName: 'Пётр', patronymic: 'Яковлевич', dateOfBirth: '1961-04-17' },
  belova: { familyName: 'Белова', givenName: 'Ксения', patronymic: 'Романовна', dateOfBirth: '2001-02-28' },
  tsoi: { familyName: 'Цой', givenName: 'Алина', patronymic: 'Эдуардовна', dateOfBirth: '1983-06-09' },
} satisfies Record<string, HolderClaim>

export function mosFixtures(today: string): readonly MosFixture[] {
  const d = (days: number) => shiftDay(today, days)
  const fedorovCourses: MosRecordBody = {
    number: '',
    vaccination: {
      courses: [
        {
          startedOn: d(-300),
          doses: [
            { product: 'Гам-КОВИД-Вак', dose: 1, of: 2, date: d(-300), country: 'RU' },
            { product: 'Гам-КОВИД-Вак', dose: 2, of: 2, date: d(-279), country: 'RU' },
          ],
        },
        { startedOn: d(-10), doses: [{ product: 'Спутник Лайт', dose: 1, of: 1, date: d(-10), country: 'RU' }] },
      ],
    },
  }
  return [
    {
      name: 'vaccination, Sputnik V 2/2',
      number: '4501230000000017',
      person: people.sokolova,
      certificate: certificate('VACCINATED', people.sokolova, d(-60), d(305)),
      record: {
        number: '4501230000000017',
        vaccination: {
          courses: [
            {
              startedOn: d(-60),
              doses: [
                { product: 'Гам-КОВИД-Вак', dose: 1, of: 2, date: d(-60), country: 'RU' },
                { product: 'Гам-КОВИД-Вак', dose: 2, of: 2, date: d(-39), country: 'RU' },
              ],
            },
          ],
        },
      },
    },
    {
      name: 'vaccination, EpiVacCorona 1/2',
      number: 'MOS2021EVC00002',
      person: people.petrov,
      certificate: certificate('VACCINATED', people.petrov, d(-20), d(345)),
      record: {
        number: 'MOS2021EVC00002',
        vaccination: {
          courses: [{ startedOn: d(-20), doses: [{ product: 'ЭпиВакКорона', dose: 1, of: 2, date: d(-20), country: 'RU' }] }],
        },
      },
    },
    {
      name: 'vaccination, CoviVac 2/2',
      number: '4501230000000033',
      person: people.kim,
      certificate: certificate('VACCINATED', people.kim, d(-45), d(320)),
      record: {
        number: '4501230000000033',
        vaccination: {
          courses: [
            {
              startedOn: d(-45),
              doses: [
                { product: 'КовиВак', dose: 1, of: 2, date: d(-45), country: 'RU' },
                { product: 'КовиВак', dose: 2, of: 2, date: d(-31), country: 'RU' },
              ],
            },
          ],
        },
      },
    },
    {
      name: 'revaccination, superseded certificate of the first course',
      number: '4501230000000041',
      person: people.fedorov,
      certificate: certificate('VACCINATED', people.fedorov, d(-300), d(65)),
      record: { ...fedorovCourses, number: '4501230000000041' },
    },
    {
      name: 'revaccination, renewed certificate, Sputnik Light booster',
      number: '4501230000000058',
      person: people.fedorov,
      certificate: certificate('VACCINATED', people.fedorov, d(-10), d(355)),
      record: { ...fedorovCourses, number: '4501230000000058' },
    },
    {
      name: 'recovery',
      number: '4501230000000066',
      person: people.smirnov,
      certificate: certificate('RECOVERED', people.smirnov, d(-30), d(150)),
      record: {
        number: '4501230000000066',
        recovery: { firstPositive: d(-41), firstPositiveTest: 'NAAT', validFrom: d(-30), validUntil: d(150), country: 'RU' },
      },
    },
    {
      name: 'test, PCR negative',
      number: '4501230000000074',
      person: people.zhukova,
      certificate: certificate('TESTED', people.zhukova, d(-1), d(2)),
      record: {
        number: '4501230000000074',
        test: {
          type: 'PCR',
          name: 'ПЦР SARS-CoV-2',
          sampledAt: `${d(-1)}T09:30:00+03:00`,
          result: 'NEGATIVE',
          centre: 'Лаборатория ДЗМ, Москва',
          country: 'RU',
        },
      },
    },
    {
      name: 'expired certificate',
      number: '4501230000000082',
      person: people.orlov,
      certificate: certificate('VACCINATED', people.orlov, d(-400), d(-35)),
      record: {
        number: '4501230000000082',
        vaccination: {
          courses: [
            {
              startedOn: d(-400),
              doses: [
                { product: 'Гам-КОВИД-Вак', dose: 1, of: 2, date: d(-400), country: 'RU' },
                { product: 'Гам-КОВИД-Вак', dose: 2, of: 2, date: d(-379), country: 'RU' },
              ],
            },
          ],
        },
      },
    },
    {
      name: 'unmapped product, Betuvax-CoV-2',
      number: '4501230000000090',
      person: people.belova,
      certificate: certificate('VACCINATED', people.belova, d(-25), d(340)),
      record: {
        number: '4501230000000090',
        vaccination: {
          courses: [{ startedOn: d(-25), doses: [{ product: 'Бетувакс-КоВ-2', dose: 1, of: 2, date: d(-25), country: 'RU' }] }],
        },
      },
    },
    {
      name: 'medical exemption, no EU equivalent',
      number: '4501230000000108',
      person: people.tsoi,
      certificate: certificate('MEDICAL_EXEMPTION', people.tsoi, d(-5), d(175)),
      record: { number: '4501230000000108' },
    },
  ]
}

/** A number mos.ru does not know. */
export const UNKNOWN_NUMBER = '4501239999999999'
