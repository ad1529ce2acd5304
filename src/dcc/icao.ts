// ICAO Doc 9303 Part 3 transliteration for the DCC's fnt/gnt: only A-Z and the filler '<', at most
// 80 characters. Latin letters with diacritics follow the Part 3 table for multinational Latin
// characters (Ä→AE, Ö→OE, Ü→UE, Å→AA, Æ→AE, Ø→OE, ß→SS, Þ→TH, Ð→D, ...), other diacritics are
// dropped (Vietnamese: Nguyễn→NGUYEN, Đ→D); Cyrillic follows the Part 3 Cyrillic table (Russian by
// default, with the Ukrainian and Belarusian letters); Greek by its letters. Spaces and hyphens become
// '<', apostrophes and other marks vanish, and characters of other scripts are left out.

export type CyrillicLanguage = 'ru' | 'uk' | 'be'

export interface TransliterationOptions {
  /** Which Cyrillic language's exceptions apply (ICAO: Ukrainian И→Y; Belarusian Г→H, Ё→IO). */
  readonly language?: CyrillicLanguage
}

/** Part 3, Latin characters that do not simply lose their accent. */
const LATIN: Readonly<Record<string, string>> = {
  Ä: 'AE', Å: 'AA', Æ: 'AE', Ö: 'OE', Ø: 'OE', Œ: 'OE', Ü: 'UE', ß: 'SS', ẞ: 'SS', Þ: 'TH', Ð: 'D', Đ: 'D',
  Ħ: 'H', Ĳ: 'IJ', Ł: 'L', Ŀ: 'L', Ŋ: 'N', Ŧ: 'T', ı: 'I', ĸ: 'Q', ſ: 'S',
}

/** Part 3, Cyrillic (Russian recommended values; Ь is dropped, Ъ becomes IE). */
const CYRILLIC: Readonly<Record<string, string>> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Е: 'E', Ё: 'E', Ж: 'ZH', З: 'Z', И: 'I', Й: 'I', К: 'K', Л: 'L',
  М: 'M', Н: 'N', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U', Ф: 'F', Х: 'KH', Ц: 'TS', Ч: 'CH', Ш: 'SH',
  Щ: 'SHCH', Ъ: 'IE', Ы: 'Y', Ь: '', Э: 'E', Ю: 'IU', Я: 'IA',
  // Ukrainian, Belarusian and the other national letters of the table
  Є: 'IE', І: 'I', Ї: 'I', Ґ: 'G', Ў: 'U', Ѫ: 'U', Ђ: 'D', Ѕ: 'DZ', Ј: 'J', Љ: 'LJ', Њ: 'NJ', Һ: 'C',
  Џ: 'DZ', Ѓ: 'G', Ќ: 'K', Ћ: 'D',
}

const LANGUAGE_EXCEPTIONS: Readonly<Record<CyrillicLanguage, Readonly<Record<string, string>>>> = {
  ru: {},
  uk: { И: 'Y' },
  be: { Г: 'H', Ё: 'IO' },
}

/** Greek letters, as the EU vectors transliterate them (επώνυμο→EPONYMO, όνομα→ONOMA). */
const GREEK: Readonly<Record<string, string>> = {
  Α: 'A', Β: 'V', Γ: 'G', Δ: 'D', Ε: 'E', Ζ: 'Z', Η: 'I', Θ: 'TH', Ι: 'I', Κ: 'K', Λ: 'L', Μ: 'M', Ν: 'N',
  Ξ: 'X', Ο: 'O', Π: 'P', Ρ: 'R', Σ: 'S', Τ: 'T', Υ: 'Y', Φ: 'F', Χ: 'CH', Ψ: 'PS', Ω: 'O',
}

/** Characters that separate name parts: spaces, hyphens and dashes, commas. */
const SEPARATOR = /[\s\u2010-\u2015\u2212,\-]/u
const MAX_LENGTH = 80
const COMBINING_MARKS = /[\u0300-\u036f]/g

/** The ICAO 9303 form of a name: '^[A-Z<]*$', at most 80 characters, '' when nothing maps. */
export function transliterate(name: string, options: TransliterationOptions = {}): string {
  const exceptions = LANGUAGE_EXCEPTIONS[options.language ?? 'ru']
  let out = ''
  let pendingFiller = false
  for (const char of name.normalize('NFC')) {
    if (SEPARATOR.test(char)) {
      pendingFiller = out.length > 0
      continue
    }
    const letters = letter(char, exceptions)
    if (letters === '') continue
    if (pendingFiller) out += '<'
    pendingFiller = false
    out += letters
    if (out.length >= MAX_LENGTH) break
  }
  return truncate(out)
}

function letter(char: string, exceptions: Readonly<Record<string, string>>): string {
  const upper = char.toUpperCase()
  if (upper.length === 1 && upper >= 'A' && upper <= 'Z') return upper
  const mapped = exceptions[upper] ?? LATIN[upper] ?? CYRILLIC[upper]
  if (mapped !== undefined) return mapped
  // Greek only from the Greek blocks: the micro sign µ upper-cases to a Greek Mu but is no letter.
  if (isGreek(char)) return GREEK[stripMarks(upper)] ?? ''
  // Any other Latin letter loses its diacritics (é→E, ễ→E, ñ→N, ç→C); the rest is left out.
  const base = stripMarks(upper)
  let letters = ''
  for (const c of base) if (c >= 'A' && c <= 'Z') letters += c
  return letters
}

function isGreek(char: string): boolean {
  const code = char.codePointAt(0) ?? 0
  return (code >= 0x370 && code <= 0x3ff) || (code >= 0x1f00 && code <= 0x1fff)
}

function stripMarks(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '')
}

/** Cut at 80 characters, never ending on a filler. */
function truncate(text: string): string {
  let cut = text.length > MAX_LENGTH ? text.slice(0, MAX_LENGTH) : text
  while (cut.endsWith('<')) cut = cut.slice(0, -1)
  return cut
}
