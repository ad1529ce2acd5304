// ICAO Doc 9303 Part 3 transliteration for the DCC's fnt/gnt: only A-Z and the filler '<', at most
// 80 characters. The table is chosen per character by its script, whatever the record's country:
// Latin letters follow Table A (Ä→AE, Ö→OE, Ü→UE, Å→AA, Æ→AE, Ø→OE, ß→SS, Þ→TH, Đ→D, ...; every
// other letter loses its diacritics: Nguyễn→NGUYEN, Łukasz→LUKASZ), Cyrillic letters Table B with the
// national letters (Russian by default; a language picks Table B's national values, e.g. Ukrainian
// И→Y), Greek letters as the EU vectors write them. The tables and their sources are in
// icao-tables.ts. Input is read in NFC, so decomposed (NFD) text gives the same result.
// Spaces, hyphens and commas become '<'; apostrophes, other punctuation, combining marks, digits and
// symbols carry no letter and vanish. A letter no table covers (Georgian, Arabic, Ӂ, ...) is never
// dropped: it is refused with DCC_NAME naming that character, and nothing else of the name.
import { DccError } from './errors.ts'
import { CYRILLIC, GREEK, LANGUAGE_EXCEPTIONS, LATIN, type CyrillicLanguage } from './icao-tables.ts'

export type { CyrillicLanguage } from './icao-tables.ts'
export { cyrillicLanguageOf } from './icao-tables.ts'

export interface TransliterationOptions {
  /** Which Cyrillic language's values of Table B apply (Ukrainian И→Y; Belarusian Г→H, Ё→IO; ...). */
  readonly language?: CyrillicLanguage
}

/** A name holds a letter that no table covers; names the character (and only it). */
export class UntransliterableLetterError extends DccError {
  readonly character: string
  /** 'U+10D5' */
  readonly codePoint: string

  constructor(character: string) {
    const codePoint = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`
    super(
      'DCC_NAME',
      `The name holds the letter “${character}” (${codePoint}), which ICAO 9303 transliteration (Part 3 Tables A and B) does not cover.`,
    )
    this.character = character
    this.codePoint = codePoint
  }
}

/** Characters that separate name parts: spaces, hyphens and dashes, commas. */
const SEPARATOR = /[\s\u2010-\u2015\u2212,-]/u
const LETTER = /\p{L}/u
/** Modifier letters of no script: apostrophes (Ukrainian ʼ, Uzbek ʻ), primes, tone letters. */
const MODIFIER_LETTER = /\p{Lm}/u
const NO_SCRIPT = /\p{Script=Common}/u
const LATIN_SCRIPT = /\p{Script=Latin}/u
const GREEK_SCRIPT = /\p{Script=Greek}/u
const A_TO_Z = /^[A-Z]+$/
const MAX_LENGTH = 80
const COMBINING_MARKS = /\p{M}/gu
/** The micro sign is category Ll but a unit symbol, never a letter of a name. */
const MICRO_SIGN = '\u00b5'

/**
 * The ICAO 9303 form of a name: '^[A-Z<]*$', at most 80 characters, '' when it holds no letter.
 * Throws UntransliterableLetterError (DCC_NAME) for a letter outside the tables.
 */
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
    if (letters === undefined) throw new UntransliterableLetterError(char)
    if (letters === '' || out.length >= MAX_LENGTH) continue
    if (pendingFiller) out += '<'
    pendingFiller = false
    out += letters
  }
  return truncate(out)
}

/** The Latin letters for one character; '' for a character that is no letter; undefined: refuse. */
function letter(char: string, exceptions: Readonly<Record<string, string>>): string | undefined {
  if (!LETTER.test(char) || (MODIFIER_LETTER.test(char) && NO_SCRIPT.test(char)) || char === MICRO_SIGN) return ''
  const upper = char.toUpperCase()
  if (A_TO_Z.test(upper)) return upper
  const mapped = exceptions[upper] ?? LATIN[upper] ?? CYRILLIC[upper]
  if (mapped !== undefined) return mapped
  if (GREEK_SCRIPT.test(char)) return GREEK[stripMarks(upper)]
  if (LATIN_SCRIPT.test(char)) {
    // Table A: a letter with diacritics (é→E, ễ→E, ň→N, ş→S, ư→U) is its base letter.
    const base = stripMarks(upper)
    return A_TO_Z.test(base) ? base : undefined
  }
  return undefined
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
