import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { transliterate } from './icao.ts'

describe('ICAO 9303 transliteration', () => {
  it('follows the Part 3 Cyrillic table for Russian names', () => {
    const names: [string, string][] = [
      ['Иванов', 'IVANOV'],
      ['Жуков', 'ZHUKOV'],
      ['Хрущёв', 'KHRUSHCHEV'],
      ['Цветаева', 'TSVETAEVA'],
      ['Чайковский', 'CHAIKOVSKII'],
      ['Шостакович', 'SHOSTAKOVICH'],
      ['Щукин', 'SHCHUKIN'],
      ['Рыбаков', 'RYBAKOV'],
      ['Подъячев', 'PODIEIACHEV'],
      ['Эрнст', 'ERNST'],
      ['Юлия', 'IULIIA'],
      ['Ярослав', 'IAROSLAV'],
      ['Игорь', 'IGOR'],
      ['Дарья', 'DARIA'],
      ['Фёдор', 'FEDOR'],
      ['Салтыков-Щедрин', 'SALTYKOV<SHCHEDRIN'],
      ['Анна Мария', 'ANNA<MARIIA'],
      ['ЕЛЕНА', 'ELENA'],
    ]
    for (const [name, icao] of names) expect(transliterate(name), name).toBe(icao)
  })

  it('maps the Ukrainian and Belarusian letters, with their language exceptions on request', () => {
    expect(transliterate('Євгенія')).toBe('IEVGENIIA')
    expect(transliterate('Їжак Ґудзь')).toBe('IZHAK<GUDZ')
    expect(transliterate('Ігор')).toBe('IGOR')
    expect(transliterate("Мар'яна")).toBe('MARIANA')
    expect(transliterate('Ткаченко', { language: 'uk' })).toBe('TKACHENKO')
    expect(transliterate('Олександр Кириленко', { language: 'uk' })).toBe('OLEKSANDR<KYRYLENKO')
    expect(transliterate('Ўладзімір', { language: 'be' })).toBe('ULADZIMIR')
    expect(transliterate('Ігар', { language: 'be' })).toBe('IHAR')
    expect(transliterate('Алёна', { language: 'be' })).toBe('ALIONA')
  })

  it('drops Vietnamese diacritics and maps Đ to D', () => {
    expect(transliterate('Nguyễn')).toBe('NGUYEN')
    expect(transliterate('Đặng Thị Ngọc Hân')).toBe('DANG<THI<NGOC<HAN')
    expect(transliterate('Trần Văn Ơn')).toBe('TRAN<VAN<ON')
    expect(transliterate('Lê Thị Hồng Nhung')).toBe('LE<THI<HONG<NHUNG')
    expect(transliterate('Phạm Đức Lượng')).toBe('PHAM<DUC<LUONG')
    // decomposed input (NFD) gives the same result
    expect(transliterate('Nguyễn'.normalize('NFD'))).toBe('NGUYEN')
  })

  it('follows the Part 3 table for Latin letters (German, Nordic, others)', () => {
    expect(transliterate('Müller')).toBe('MUELLER')
    expect(transliterate('Gößinger')).toBe('GOESSINGER')
    expect(transliterate('Ødegård')).toBe('OEDEGAARD')
    expect(transliterate('Þór Ægisson')).toBe('THOR<AEGISSON')
    expect(transliterate('Łukasz Wałęsa')).toBe('LUKASZ<WALESA')
    expect(transliterate("d'Červenková Panklová")).toBe('DCERVENKOVA<PANKLOVA')
    expect(transliterate('Jiřina-Maria Alena')).toBe('JIRINA<MARIA<ALENA')
    expect(transliterate("O'Brien")).toBe('OBRIEN')
    expect(transliterate('van der Berg')).toBe('VAN<DER<BERG')
  })

  it('keeps to ^[A-Z<]*$ and 80 characters, never ending on a filler', () => {
    expect(transliterate('  Анна  --  Мария  ')).toBe('ANNA<MARIA'.replace('MARIA', 'MARIIA'))
    expect(transliterate('😀😃😄')).toBe('')
    expect(transliterate('TEST01')).toBe('TEST')
    const long = transliterate('Щ'.repeat(30))
    expect(long).toHaveLength(80)
    expect(transliterate(`${'A'.repeat(79)} BCD`)).toBe('A'.repeat(79))
    for (const name of ['Иванов-Петров Иван', 'Đặng Thị', '', 'x\u0000y', 'µ']) {
      expect(transliterate(name)).toMatch(/^[A-Z<]{0,80}$/)
    }
    expect(transliterate('µ')).toBe('')
  })

  // Every fn/gn → fnt/gnt pair of the conformance vectors: real names as issuers transliterated them.
  const differences: Record<string, string> = {
    mäel: 'the French issuer wrote ä as A; ICAO Part 3 gives AE',
    Μενεξές: 'the Greek issuer wrote ξ as KS here and as X in the upper-case form of the same name',
    ვაჟა: 'Georgian is not in the Part 3 tables this module implements',
    ეზუგბაია: 'Georgian is not in the Part 3 tables this module implements',
    'الاسم الاخير': 'Arabic is not in the Part 3 tables this module implements',
    'الاسم الأول': 'Arabic is not in the Part 3 tables this module implements',
    'STARK ': 'the issuer kept a trailing space as a filler (STARK<); a trailing filler carries nothing',
    TAN: 'one Singapore vector put the given names into fnt (TAN<CHEN<CHEN)',
    "Мар'яна": 'the Ukrainian issuer used its national transliteration (MARYANNA), not ICAO (MARIANA)',
  }

  it('agrees with the transliterations in the EU conformance vectors', () => {
    const pairs = vectorNamePairs(testdataPath('dgc-testdata'))
    expect(pairs.size).toBeGreaterThan(60)
    const misses: string[] = []
    for (const [name, icao] of pairs) {
      if (differences[name]) continue
      const language = name === 'Ткаченко' ? 'uk' : 'ru'
      if (transliterate(name, { language }) !== icao) misses.push(`${name} → ${transliterate(name)} ≠ ${icao}`)
    }
    expect(misses).toEqual([])
    for (const name of Object.keys(differences)) expect(pairs.has(name), name).toBe(true)
  })
})

function vectorNamePairs(root: string): Map<string, string> {
  const pairs = new Map<string, string>()
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry)
      if (statSync(path).isDirectory()) walk(path)
      else if (entry.endsWith('.json') && /2dcode/i.test(path)) {
        const nam = (JSON.parse(readFileSync(path, 'utf8')) as { JSON?: { nam?: Record<string, unknown> } }).JSON?.nam
        for (const [plain, standard] of [['fn', 'fnt'], ['gn', 'gnt']] as const) {
          const a = nam?.[plain]
          const b = nam?.[standard]
          if (typeof a === 'string' && typeof b === 'string' && a !== '' && /^[A-Z<]*$/.test(b)) pairs.set(a, b)
        }
      }
    }
  }
  walk(root)
  return pairs
}
