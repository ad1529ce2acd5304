import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { transliterate, UntransliterableLetterError } from './icao.ts'

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

  // Doc 9303 Part 3 Table A, every row, as the document lists it (upper case; lower case must agree).
  const tableA =
    'À A Á A Â A Ã A Ä AE Å AA Æ AE Ç C È E É E Ê E Ë E Ì I Í I Î I Ï I Ð D Ñ N Ò O Ó O Ô O Õ O Ö OE Ø OE ' +
    'Ù U Ú U Û U Ü UE Ý Y Þ TH Ā A Ă A Ą A Ć C Ĉ C Ċ C Č C Ď D Đ D Ē E Ĕ E Ė E Ę E Ě E Ĝ G Ğ G Ġ G Ģ G ' +
    'Ĥ H Ħ H Ĩ I Ī I Ĭ I Į I İ I ı I Ĳ IJ Ĵ J Ķ K Ĺ L Ļ L Ľ L Ŀ L Ł L Ń N Ņ N Ň N Ŋ N Ō O Ŏ O Ő O Œ OE ' +
    'Ŕ R Ŗ R Ř R Ś S Ŝ S Ş S Š S Ţ T Ť T Ŧ T Ũ U Ū U Ŭ U Ů U Ű U Ų U Ŵ W Ŷ Y Ÿ Y Ź Z Ż Z Ž Z ẞ SS ß SS'
  // Table B, every row with its recommended value (Ь is not written).
  const tableB =
    'А A Б B В V Г G Д D Е E Ё E Ж ZH З Z И I Й I К K Л L М M Н N О O П P Р R С S Т T У U Ф F Х KH Ц TS ' +
    'Ч CH Ш SH Щ SHCH Ъ IE Ы Y Э E Ю IU Я IA Ѵ Y Ґ G Ў U Ѫ U Ѓ G Ђ D Ѕ DZ Ј J Ќ K Љ LJ Њ NJ Ћ C Џ DZ Є IE І I Ї I'
  const rows = (table: string) => {
    const parts = table.split(' ')
    return Array.from({ length: parts.length / 2 }, (_, i) => [parts[2 * i]!, parts[2 * i + 1]!] as const)
  }

  it('writes every row of Table A and Table B, in both cases and decomposed', () => {
    for (const [letter, icao] of [...rows(tableA), ...rows(tableB)]) {
      expect(transliterate(letter), letter).toBe(icao)
      expect(transliterate(letter.toLowerCase()), letter.toLowerCase()).toBe(icao)
      expect(transliterate(letter.normalize('NFD')), `${letter} NFD`).toBe(icao)
    }
    expect(transliterate('Ь')).toBe('')
    expect(transliterate('Подьячев')).toBe('PODIACHEV')
  })

  it('covers Table A family by family', () => {
    const rows: [string, string][] = [
      // German, Nordic, Icelandic: the letters Table A writes with two letters
      ['Jürgen Großmann', 'JUERGEN<GROSSMANN'],
      ['Åsa Björk Næss', 'AASA<BJOERK<NAESS'],
      ['Guðrún Þórsdóttir', 'GUDRUN<THORSDOTTIR'],
      // Dutch, French
      ['Ĳsbrand Œuvray', 'IJSBRAND<OEUVRAY'],
      ['François Lefèvre-Hélène', 'FRANCOIS<LEFEVRE<HELENE'],
      // Spanish, Portuguese
      ['Peña Núñez', 'PENA<NUNEZ'],
      ['João Gonçalves', 'JOAO<GONCALVES'],
      // Polish, Czech, Slovak, Hungarian
      ['Zażółć Gęślą Jaźń', 'ZAZOLC<GESLA<JAZN'],
      ['Dvořák Šťastný', 'DVORAK<STASTNY'],
      ['Ľubomír Ďurica', 'LUBOMIR<DURICA'],
      ['Erdős Győző', 'ERDOS<GYOZO'],
      // Turkish (dotless ı, dotted İ), Romanian, Baltic, Maltese, Sami
      ['Işık İlkay Çağlar Şahin', 'ISIK<ILKAY<CAGLAR<SAHIN'],
      ['Ștefan Țurcanu', 'STEFAN<TURCANU'],
      ['Jānis Bērziņš Žemaitė Ģirts', 'JANIS<BERZINS<ZEMAITE<GIRTS'],
      ['Ħal Ġużeppi', 'HAL<GUZEPPI'],
      ['Ŋuvdi Ŧor', 'NUVDI<TOR'],
      // Vietnamese: horned letters and Đ
      ['Ưng Thị Ánh Đào', 'UNG<THI<ANH<DAO'],
      ['Ngô Bảo Châu', 'NGO<BAO<CHAU'],
    ]
    for (const [name, icao] of rows) expect(transliterate(name), name).toBe(icao)
  })

  it('covers Table B: the national letters and the language values', () => {
    // Ukrainian and Belarusian letters
    expect(transliterate('Ґалаґан Євгенія Їжакевич')).toBe('GALAGAN<IEVGENIIA<IZHAKEVICH')
    expect(transliterate('Ўладзімір Гаўрыленка', { language: 'be' })).toBe('ULADZIMIR<HAURYLENKA')
    expect(transliterate('Гаўрыленка')).toBe('GAURYLENKA')
    // Serbian: Ђ→D, Ћ→C; with the language, Table B's Serbian values
    expect(transliterate('Ђорђевић')).toBe('DORDEVIC')
    expect(transliterate('Живковић Шешељ Чолић', { language: 'sr' })).toBe('ZIVKOVIC<SESELJ<COLIC')
    expect(transliterate('Живковић')).toBe('ZHIVKOVIC')
    expect(transliterate('Љубица Њего Јелена')).toBe('LJUBITSA<NJEGO<JELENA')
    // Macedonian
    expect(transliterate('Ѓорѓи Ќиро Џафер Ѕвезда', { language: 'mk' })).toBe('GJORGJI<KJIRO<DJAFER<DZVEZDA')
    expect(transliterate('Ѓорѓи Ќиро Џафер')).toBe('GORGI<KIRO<DZAFER')
    // Bulgarian
    expect(transliterate('Щерев Ъглев', { language: 'bg' })).toBe('SHTEREV<IEGLEV')
    expect(transliterate('Щерев')).toBe('SHCHEREV')
    // Kazakh: these used to print ASYMOV and IKR
    expect(transliterate('Қасымов')).toBe('KASYMOV')
    expect(transliterate('Іңкәр')).toBe('INKAR')
    expect(transliterate('Өмірзақ Ұлан Ғалым Һадиша')).toBe('OMIRZAK<ULAN<GALYM<HADISHA')
    // Kyrgyz
    expect(transliterate('Үсөнбаев Түгөлбай', { language: 'ky' })).toBe('USONBAEV<TUGOLBAI')
    // Uzbek: Қ→Q, Ў→O, Ҳ→H
    expect(transliterate('Қодиров Ўринбой Ҳасан', { language: 'uz' })).toBe('QODIROV<ORINBOI<HASAN')
    expect(transliterate('Ўринбой')).toBe('URINBOI')
    // Tajik: Ғ→GH, Қ→Q, Ҷ→J, Ӣ→I, Ӯ→U
    expect(transliterate('Ғафуров Қурбонӣ Ҷалолов Рӯзӣ', { language: 'tg' })).toBe('GHAFUROV<QURBONI<JALOLOV<RUZI')
  })

  it('reads decomposed input (NFD) like composed input', () => {
    const names: [string, string][] = [
      ['Ёлкин Йосиф', 'ELKIN<IOSIF'],
      ['Їжак', 'IZHAK'],
      ['Ўладзімір', 'ULADZIMIR'],
      ['Рӯзӣ', 'RUZI'],
      ['Dvořák Jürgen', 'DVORAK<JUERGEN'],
      ['Ødegård Åsa', 'OEDEGAARD<AASA'],
      ['Nguyễn Ưng Đào', 'NGUYEN<UNG<DAO'],
    ]
    for (const [name, icao] of names) {
      const decomposed = name.normalize('NFD')
      expect(decomposed.length, name).toBeGreaterThan(name.normalize('NFC').length)
      expect(transliterate(decomposed), name).toBe(icao)
    }
    // a stress mark on a Cyrillic vowel has no composed form: it is a mark, and vanishes
    expect(transliterate('Ива\u0301нов')).toBe('IVANOV')
  })

  it('drops apostrophes of every kind, which are no letters', () => {
    for (const apostrophe of ["'", '\u2019', '\u02bc', '\u02bb', '`']) {
      expect(transliterate(`Мар${apostrophe}яна`), apostrophe).toBe('MARIANA')
    }
    expect(transliterate('O\u02bbtkir')).toBe('OTKIR')
  })

  it('refuses a letter no table covers, naming that character and nothing else of the name', () => {
    const cases: [string, string, string][] = [
      ['Мирон Ӂеорӂе', 'Ӂ', 'U+04C1'],
      ['Əliyev', 'Ə', 'U+018F'],
      ['ვაჟა', 'ვ', 'U+10D5'],
      ['حسن', 'ح', 'U+062D'],
      ['王', '王', 'U+738B'],
      ['Kim 𝐀nna', '𝐀', 'U+1D400'],
    ]
    const templates = new Set<string>()
    for (const [name, character, codePoint] of cases) {
      let error: unknown
      try {
        transliterate(name)
      } catch (caught) {
        error = caught
      }
      expect(error, name).toBeInstanceOf(UntransliterableLetterError)
      const refused = error as UntransliterableLetterError
      expect(refused.code).toBe('DCC_NAME')
      expect(refused.character).toBe(character)
      expect(refused.codePoint).toBe(codePoint)
      expect(refused.message).toContain(character)
      expect(refused.message).toContain(codePoint)
      // the message is the same for every name but for the character: nothing else of the name
      templates.add(refused.message.replace(character, '§').replace(codePoint, '#'))
    }
    expect(templates.size).toBe(1)
  })

  // Every fn/gn → fnt/gnt pair of the conformance vectors: real names as issuers transliterated them.
  const differences: Record<string, string> = {
    mäel: 'the French issuer wrote ä as A; ICAO Part 3 gives AE',
    Μενεξές: 'the Greek issuer wrote ξ as KS here and as X in the upper-case form of the same name',
    ვაჟა: 'Georgian is not in the Part 3 tables: refused, never dropped',
    ეზუგბაია: 'Georgian is not in the Part 3 tables: refused, never dropped',
    'الاسم الاخير': 'Arabic (Part 3 Table C) is not implemented: refused, never dropped',
    'الاسم الأول': 'Arabic (Part 3 Table C) is not implemented: refused, never dropped',
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
    for (const [name, reason] of Object.entries(differences)) {
      if (reason.includes('refused')) expect(() => transliterate(name), name).toThrow(UntransliterableLetterError)
    }
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
        for (const [plain, standard] of [
          ['fn', 'fnt'],
          ['gn', 'gnt'],
        ] as const) {
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
