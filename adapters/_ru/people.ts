// Synthetic Russian holders for the sandboxes' load-test populations: invented people (nobody real),
// drawn deterministically from (seed, index) by a counter-seeded mulberry32, so that every process
// builds the same person for the same index without storing anyone. Names agree in gender (family
// name -ов/-ова, patronymic -ович/-овна); the Latin spelling is ICAO 9303 Part 3, as passports and
// Gosuslugi's `envalue` write it. Shared by ru-gosuslugi and ru-mos, which read from the same federal register.
import type { HolderClaim } from '../_sdk/index.ts'

/** An invented holder as the federal register holds them. */
export interface Person {
  readonly claim: HolderClaim & { readonly patronymic: string; readonly documentNumber: string }
  /** The Latin spelling Gosuslugi masks in `envalue`. */
  readonly latin: readonly [string, string, string]
  /** The register holds a foreign passport, spelt as `latin` in upper case. */
  readonly passport?: boolean
}

/** A 32-bit integer hash (lowbias32): spreads consecutive indexes apart. */
export function mix32(x: number): number {
  x ^= x >>> 16
  x = Math.imul(x, 0x7feb352d)
  x ^= x >>> 15
  x = Math.imul(x, 0x846ca68b)
  x ^= x >>> 16
  return x >>> 0
}

/** mulberry32 seeded from (seed, index): the draws of one holder, each an unsigned 32-bit integer. */
export function holderDraws(seed: number, index: number): () => number {
  let state = mix32(seed ^ mix32(index + 0x9e3779b9))
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return (t ^ (t >>> 14)) >>> 0
  }
}

export function pick<T>(draw: () => number, list: readonly T[]): T {
  return list[draw() % list.length]!
}

/** n decimal digits from one draw per 9 digits. */
export function digits(draw: () => number, n: number): string {
  let text = ''
  while (text.length < n) text += String(draw() % 1_000_000_000).padStart(9, '0')
  return text.slice(0, n)
}

/**
 * The same text, stored flat. A concatenated string stays a tree holding its parts until something
 * reads it; reading one character flattens it in place and lets the parts go (for 100,000 kept
 * samples: 36 MB of heap instead of 90 MB).
 */
export function flat(text: string): string {
  text.charCodeAt(0)
  return text
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** n lowercase hex characters (n even). */
export function hex(draw: () => number, n: number): string {
  let text = ''
  for (let word = 0; text.length < n; word >>>= 8) {
    if (text.length % 8 === 0) word = draw()
    text += HEX_BYTE[word & 0xff]
  }
  return text
}

/** Masculine forms; the feminine adds 'а' (Иванов → Иванова, Соловьёв → Соловьёва, Ильин → Ильина). */
const FAMILY = (
  'Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков Алексеев Лебедев ' +
  'Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров Зайцев Соловьёв Борисов ' +
  'Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин ' +
  'Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров ' +
  'Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов Куликов Карпов Власов ' +
  'Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов Савельев Тимофеев Фомин Чернов Абрамов Щербаков ' +
  'Назаров Калинин Исаев Быков Маслов Цветков Харитонов Журавлёв Шубин Широков Юдин Щукин Хохлов Зуев Ершов'
).split(' ')

const MALE = (
  'Александр Алексей Андрей Артём Борис Вадим Василий Виктор Владимир Владислав Геннадий Георгий Григорий Даниил ' +
  'Денис Дмитрий Евгений Егор Иван Игорь Илья Кирилл Константин Лев Максим Матвей Михаил Никита Николай Олег ' +
  'Павел Пётр Роман Руслан Семён Сергей Станислав Степан Тимофей Фёдор Юрий Ярослав'
).split(' ')

const FEMALE = (
  'Александра Алина Алла Анастасия Анна Валентина Валерия Вера Вероника Виктория Галина Дарья Диана Евгения ' +
  'Екатерина Елена Елизавета Жанна Зоя Ирина Карина Кира Ксения Лариса Людмила Любовь Маргарита Марина Мария ' +
  'Надежда Наталья Нина Ольга Полина Светлана София Тамара Татьяна Ульяна Юлия Яна'
).split(' ')

/** Masculine patronymics; the feminine swaps -ич for -на (Иванович → Ивановна, Сергеевич → Сергеевна). */
const PATRONYMIC = (
  'Александрович Алексеевич Андреевич Анатольевич Борисович Васильевич Викторович Владимирович Геннадьевич ' +
  'Григорьевич Дмитриевич Евгеньевич Иванович Игоревич Константинович Максимович Михайлович Николаевич Олегович ' +
  'Павлович Петрович Романович Сергеевич Степанович Фёдорович Юрьевич Ярославович'
).split(' ')

/** ICAO 9303 Part 3, Russian: Ё→E, Й→I, Ь dropped, Ъ→IE, Ю→IU, Я→IA. */
const ICAO: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'ie',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
}

/** 'Юлия' → 'Iuliia', 'Щукин' → 'Shchukin': ICAO letters, capitalised as a name. */
export function latinName(word: string): string {
  const latin = [...word.toLowerCase()].map((ch) => ICAO[ch] ?? ch).join('')
  return latin.charAt(0).toUpperCase() + latin.slice(1)
}

/** A word with its Latin spelling, spelled once per vocabulary entry rather than once per holder. */
type Spelled = readonly [cyrillic: string, latin: string]
const spelled = (words: readonly string[]): readonly Spelled[] => words.map((w) => [w, latinName(w)])
const FAMILY_M = spelled(FAMILY)
const FAMILY_F = spelled(FAMILY.map((w) => `${w}а`))
const GIVEN_M = spelled(MALE)
const GIVEN_F = spelled(FEMALE)
const PATRONYMIC_M = spelled(PATRONYMIC)
const PATRONYMIC_F = spelled(PATRONYMIC.map((w) => w.replace(/ич$/, 'на')))

/** Days since 1970-01-01 → 'YYYY-MM-DD', integer arithmetic only (H. Hinnant's civil_from_days). */
export function dayToIso(days: number): string {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`
}

/** 'YYYY-MM-DD' → days since 1970-01-01. */
export function isoToDay(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000)
}

/**
 * The ISO days of a fixed span, written once and shared: `day(n)` for first ≤ n < first + count.
 * Holders draw their dates from a few hundred days, so a table beats a Date per date.
 */
export function dayTable(first: number, count: number): (day: number) => string {
  const table = Array.from({ length: count }, (_, i) => dayToIso(first + i))
  return (day) => table[day - first] ?? dayToIso(day)
}

/** An ISO day by its offset from today: what the certificates of a population are dated with. */
export type Day = (offset: number) => string

/** Days around `today` ('YYYY-MM-DD'); every date a certificate uses lies within today ± 400. */
export function daysAround(today: string): Day {
  const todayNumber = isoToDay(today)
  const table = dayTable(todayNumber - 400, 801)
  return (offset) => table(todayNumber + offset)
}

/** Days from 1940-01-01 to 2005-12-31 inclusive. */
const BIRTH_SPAN = 24_106
const BIRTH_FIRST = isoToDay('1940-01-01')
let birthDay: ((day: number) => string) | undefined
/** Passport series: region code, then the two last digits of the year of issue. */
const ISSUE_YEARS = [
  '97',
  '98',
  '99',
  '00',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '21',
]

/** The person of `index` in the population seeded `seed`: same arguments, same person, in any process. */
export function syntheticPerson(seed: number, index: number): Person {
  const draw = holderDraws(seed, index)
  const female = (draw() & 1) === 1
  const family = pick(draw, female ? FAMILY_F : FAMILY_M)
  const given = pick(draw, female ? GIVEN_F : GIVEN_M)
  const patronymic = pick(draw, female ? PATRONYMIC_F : PATRONYMIC_M)
  birthDay ??= dayTable(BIRTH_FIRST, BIRTH_SPAN)
  const dateOfBirth = birthDay(BIRTH_FIRST + (draw() % BIRTH_SPAN))
  const region = String(1 + (draw() % 98)).padStart(2, '0')
  const documentNumber = flat(`${region}${pick(draw, ISSUE_YEARS)} ${digits(draw, 6)}`)
  return {
    claim: { familyName: family[0], givenName: given[0], patronymic: patronymic[0], dateOfBirth, documentNumber },
    latin: [family[1], given[1], patronymic[1]],
  }
}

/** A Russian vaccination course the synthetic holders draw from. */
export interface Course {
  readonly name: string
  readonly product: string
  readonly doses: number
  /** Days between the first and the last dose. */
  readonly interval: number
}

/** Cumulative weights out of 100 (a draw below `upTo` takes the course); what is left is recovery. */
export const COURSES: readonly (Course & { readonly upTo: number })[] = [
  { upTo: 48, name: 'Sputnik V 2/2', product: 'Гам-КОВИД-Вак', doses: 2, interval: 21 },
  { upTo: 60, name: 'Sputnik Light 1/1', product: 'Спутник Лайт', doses: 1, interval: 0 },
  { upTo: 73, name: 'EpiVacCorona 2/2', product: 'ЭпиВакКорона', doses: 2, interval: 21 },
  { upTo: 85, name: 'CoviVac 2/2', product: 'КовиВак', doses: 2, interval: 14 },
]
