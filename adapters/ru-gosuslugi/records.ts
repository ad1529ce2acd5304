// The sandbox's invented people and certificates, dated from `today` so they stay valid. Nobody here
// is a real person; numbers and uuids are made up.
import { addDays, type RegisteredHolderWire } from '../_sdk/index.ts'
import type { RecordEvent } from './wire.ts'
import type { Person } from '../_ru/people.ts'

export type { Person } from '../_ru/people.ts'

function person(
  family: string,
  given: string,
  patronymic: string,
  latin: [string, string, string],
  dateOfBirth: string,
  documentNumber: string,
  passport = false,
): Person {
  return {
    claim: { familyName: family, givenName: given, patronymic, dateOfBirth, documentNumber },
    latin,
    ...(passport ? { passport } : {}),
  }
}

/** The identity the record source answers for this person: the register's names, passport, birth date. */
export function registeredHolderOf(p: Person): RegisteredHolderWire {
  const { familyName, givenName, patronymic, dateOfBirth } = p.claim
  return {
    familyName,
    givenName,
    patronymic,
    ...(p.passport ? { latin: { familyName: p.latin[0].toUpperCase(), givenName: p.latin[1].toUpperCase() } } : {}),
    dateOfBirth,
  }
}

export const people = {
  zhukova: person('Жукова', 'Алёна', 'Игоревна', ['Zhukova', 'Alena', 'Igorevna'], '1986-04-12', '4510 123456', true),
  shchukin: person('Щукин', 'Тимофей', 'Павлович', ['Shchukin', 'Timofei', 'Pavlovich'], '1979-11-03', '4604 765432'),
  tsvetaeva: person('Цветаева', 'Юлия', 'Андреевна', ['Tsvetaeva', 'Iuliia', 'Andreevna'], '1992-02-29', '4012 345678'),
  kharitonov: person('Харитонов', 'Ярослав', 'Ильич', ['Kharitonov', 'Iaroslav', 'Ilich'], '1965-08-27', '9203 555118', true),
  belova: person('Белова', 'Дарья', 'Сергеевна', ['Belova', 'Daria', 'Sergeevna'], '2000-01-15', '4521 002233'),
  orlov: person('Орлов', 'Пётр', 'Николаевич', ['Orlov', 'Petr', 'Nikolaevich'], '1958-06-30', '4599 112233'),
} as const

export type NationalTypeName = 'VACCINE_CERT' | 'ILLNESS_FACT' | 'COVID_TEST' | 'TEMPORARY_CERT'

export interface GosFixture {
  readonly name: string
  /** unrzFull: 16 digits (temporary certificates start with 4). */
  readonly unrz: string
  /** The uuid of this certificate's v1 and v3 links. */
  readonly uuid: string
  readonly ck: string
  readonly type: NationalTypeName
  /** v2 status ('1', '3', 'OK', 'CANCELED', ...); v1 says '1' only for '1' and 'OK'. */
  readonly status: string
  readonly expiredAt: string
  readonly validFrom: string
  readonly person: Person
  /** What the record source holds for it (null: nothing). */
  readonly event: RecordEvent | null
  /** v3: which of the three status paths serves it (0, the checker's, by default; see V3_STATUS_PATHS). */
  readonly statusPath?: 0 | 1 | 2
  /** v1: the vaccine name the check API states, when it is not the record source's. */
  readonly v1Stuff?: string
}

/** v2 answers 200 with an item of status "404" for this unrz. */
export const UNRZ_STATUS_404 = '9000000000000404'
/** v2 answers 200 with empty items for this unrz. */
export const UNRZ_EMPTY_ITEMS = '9000000000000000'
/** Unknown everywhere: v1 and v2 answer HTTP 404, v3 `isCertFound: false`. */
export const UNRZ_UNKNOWN = '9000000000000999'
export const UUID_UNKNOWN = '00000000-0000-4000-8000-000000000999'
export const CK_ANY = '0123456789abcdef0123456789abcdef'

export function gosFixtures(today: string): GosFixture[] {
  const d = (days: number) => addDays(today, days)
  const vaccination = (product: string, dose: number, doses: number, days: number): RecordEvent => ({
    type: 'vaccination',
    product,
    dose,
    doses,
    date: d(days),
    country: 'RU',
  })
  const base = (n: number) => ({
    unrz: `9${String(n).padStart(15, '0')}`,
    uuid: `6f8b5b4e-2c1a-4c1e-9d55-${String(n).padStart(12, '0')}`,
    ck: `${String(n).padStart(2, '0')}a1b2c3d4e5f60718293a4b5c6d7e8f`.slice(0, 32),
    expiredAt: d(300),
    validFrom: d(-30),
  })
  return [
    {
      ...base(1),
      name: 'vaccination, Sputnik V 2/2',
      type: 'VACCINE_CERT',
      status: '1',
      person: people.zhukova,
      event: vaccination('Гам-КОВИД-Вак', 2, 2, -60),
    },
    {
      ...base(2),
      name: 'vaccination, Sputnik Light 1/1',
      type: 'VACCINE_CERT',
      status: '1',
      person: people.shchukin,
      event: vaccination('Спутник Лайт', 1, 1, -20),
    },
    {
      ...base(3),
      statusPath: 1,
      name: 'vaccination, EpiVacCorona 2/2',
      type: 'VACCINE_CERT',
      status: '1',
      person: people.tsvetaeva,
      event: vaccination('ЭпиВакКорона', 2, 2, -45),
    },
    {
      ...base(4),
      name: 'vaccination, CoviVac 2/2',
      type: 'VACCINE_CERT',
      status: '1',
      person: people.kharitonov,
      event: vaccination('КовиВак', 2, 2, -33),
    },
    {
      ...base(5),
      name: 'recovery',
      type: 'ILLNESS_FACT',
      status: '1',
      expiredAt: d(130),
      person: people.belova,
      event: { type: 'recovery', firstPositive: d(-50), firstPositiveTest: 'NAAT', validFrom: d(-39), validUntil: d(130), country: 'RU' },
    },
    {
      ...base(6),
      name: 'test, PCR negative',
      type: 'COVID_TEST',
      status: 'Отрицательный',
      expiredAt: d(1),
      person: people.orlov,
      event: {
        type: 'test',
        testType: 'PCR',
        testName: 'ПЦР SARS-CoV-2',
        sampledAt: `${d(-1)}T10:15:00+03:00`,
        result: 'NEGATIVE',
        centre: 'Лаборатория «Тест», Казань',
        country: 'RU',
      },
    },
    {
      ...base(7),
      name: 'expired vaccination',
      type: 'VACCINE_CERT',
      status: '3',
      expiredAt: d(-10),
      person: people.shchukin,
      event: vaccination('Гам-КОВИД-Вак', 2, 2, -380),
    },
    {
      ...base(8),
      name: 'unmapped product, Betuvax-CoV-2',
      type: 'VACCINE_CERT',
      status: '1',
      person: people.tsvetaeva,
      event: vaccination('Бетувакс-КоВ-2', 1, 2, -15),
    },
    {
      ...base(9),
      unrz: '4000000000000009',
      name: 'temporary certificate',
      type: 'TEMPORARY_CERT',
      status: 'OK',
      expiredAt: d(20),
      person: people.kharitonov,
      event: null,
    },
    {
      ...base(10),
      unrz: '4000000000000010',
      name: 'temporary certificate, cancelled',
      type: 'TEMPORARY_CERT',
      status: 'CANCELED',
      expiredAt: d(20),
      person: people.belova,
      event: null,
    },
    {
      ...base(11),
      statusPath: 2,
      name: 'medical exemption (v3, untyped)',
      type: 'VACCINE_CERT',
      status: '1',
      person: people.orlov,
      event: { type: 'exemption' },
    },
    {
      ...base(12),
      name: 'antibody certificate (v3, untyped)',
      type: 'VACCINE_CERT',
      status: '1',
      person: people.zhukova,
      event: { type: 'antibody' },
    },
    {
      ...base(13),
      name: 'not valid (status 0)',
      type: 'VACCINE_CERT',
      status: '0',
      person: people.orlov,
      event: vaccination('Спутник V', 2, 2, -90),
    },
    // Real test items carry the result in `status`: "0" is a negative result, not an invalid certificate.
    {
      ...base(14),
      name: 'test, antigen negative (status "0")',
      type: 'COVID_TEST',
      status: '0',
      expiredAt: d(1),
      person: people.tsvetaeva,
      event: {
        type: 'test',
        testType: 'ANTIGEN',
        device: '1232',
        sampledAt: `${d(-1)}T08:40+03:00`,
        result: 'NEGATIVE',
        centre: 'Поликлиника № 3, Тверь',
        country: 'RU',
      },
    },
    {
      ...base(15),
      name: 'test, check and register disagree on the result',
      type: 'COVID_TEST',
      status: 'Положительный',
      expiredAt: d(1),
      person: people.belova,
      event: {
        type: 'test',
        testType: 'PCR',
        sampledAt: `${d(-1)}T09:00:00+03:00`,
        result: 'NEGATIVE',
        centre: 'Лаборатория «Тест», Казань',
        country: 'RU',
      },
    },
    {
      ...base(16),
      name: 'vaccination, v1 names another vaccine',
      type: 'VACCINE_CERT',
      status: '1',
      person: people.kharitonov,
      v1Stuff: 'КовиВак',
      event: vaccination('Гам-КОВИД-Вак', 2, 2, -70),
    },
    // Revaccination: the register counts the new course from 1; the EU sequence makes it the third dose.
    {
      ...base(17),
      name: 'vaccination, Sputnik Light booster after Sputnik V 2/2',
      type: 'VACCINE_CERT',
      status: '1',
      person: people.belova,
      event: {
        type: 'vaccination',
        product: 'Спутник Лайт',
        dose: 1,
        doses: 1,
        date: d(-15),
        country: 'RU',
        history: [
          { product: 'Гам-КОВИД-Вак', date: d(-300) },
          { product: 'Гам-КОВИД-Вак', date: d(-279) },
          { product: 'Спутник Лайт', date: d(-15) },
        ],
      },
    },
  ]
}

/** 'Жукова' → 'Ж*****': first letter, one star per further letter. */
export function maskWord(word: string): string {
  const letters = [...word]
  return letters[0] + '*'.repeat(letters.length - 1)
}

/** '4510 123456' → '45** ***456', as Gosuslugi masks passports. */
export function maskPassport(number: string): string {
  const digits = number.replace(/\s+/g, '')
  return `${digits.slice(0, 2)}** ***${digits.slice(-3)}`
}

export function ruDate(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${d}.${m}.${y}`
}
