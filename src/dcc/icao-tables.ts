// The character tables of ICAO Doc 9303 Part 3 (7th edition 2015 and later, section 6
// "Transliteration"), keyed by the upper-case letter. Source: ICAO Doc 9303 Part 3, Table A (multinational Latin
// characters) and Table B (Cyrillic characters, with the language-specific values the table gives in
// parentheses), https://www.icao.int/publications/Documents/9303_p3_cons_en.pdf; cross-checked
// against the Russian reprint of the Cyrillic table (Appendix 9 to Section IV of the 6th edition,
// as FMS order 320/2012 cites it) and the interscript maps `icao-*-Cyrl-Latn-9303`.
//
// The Cyrillic letters of Kazakh, Kyrgyz, Uzbek and Tajik are not in Table B; they follow those
// states' passport rules, which are ICAO-based: Kazakhstan Ә→A, Ғ→G, Қ→K, Ң→N, Ө→O, Ұ→U, Ү→U, Һ→H,
// І→I; Kyrgyzstan Ң→N, Ө→O, Ү→U; Uzbekistan Қ→Q, Ғ→G, Ҳ→H, Ў→O; Tajikistan Ғ→GH, Қ→Q, Ҳ→H, Ҷ→J,
// Ӣ→I, Ӯ→U. A letter two of them write differently takes the Kazakh value unless the language says
// otherwise.

/** Table A entries that do not simply lose their diacritic (every other Latin letter of Table A does). */
export const LATIN: Readonly<Record<string, string>> = {
  Ä: 'AE',
  Å: 'AA',
  Æ: 'AE',
  Ĳ: 'IJ',
  Ö: 'OE',
  Ø: 'OE',
  Œ: 'OE',
  Ü: 'UE',
  ß: 'SS',
  ẞ: 'SS',
  Þ: 'TH',
  Ð: 'D',
  Đ: 'D',
  Ħ: 'H',
  Ŀ: 'L',
  Ł: 'L',
  Ŋ: 'N',
  Ŧ: 'T',
  ı: 'I',
  ĸ: 'Q',
  ſ: 'S',
}

/** Table B, recommended values (Russian, and the national letters of the other Cyrillic alphabets). */
export const CYRILLIC: Readonly<Record<string, string>> = {
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'G',
  Д: 'D',
  Е: 'E',
  Ё: 'E',
  Ж: 'ZH',
  З: 'Z',
  И: 'I',
  Й: 'I',
  К: 'K',
  Л: 'L',
  М: 'M',
  Н: 'N',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  У: 'U',
  Ф: 'F',
  Х: 'KH',
  Ц: 'TS',
  Ч: 'CH',
  Ш: 'SH',
  Щ: 'SHCH',
  Ъ: 'IE',
  Ы: 'Y',
  Ь: '',
  Э: 'E',
  Ю: 'IU',
  Я: 'IA',
  // Ukrainian and Belarusian
  Є: 'IE',
  І: 'I',
  Ї: 'I',
  Ґ: 'G',
  Ў: 'U',
  // Serbian and Macedonian. Table B's row printed "Һ C" is the Serbian Ћ (Ć), written C in Serbian
  // passports; Ђ (Đ) is D.
  Ђ: 'D',
  Ѓ: 'G',
  Ѕ: 'DZ',
  Ј: 'J',
  Љ: 'LJ',
  Њ: 'NJ',
  Ћ: 'C',
  Ќ: 'K',
  Џ: 'DZ',
  // historical letters of the table (Bulgarian Ѫ, izhitsa Ѵ)
  Ѫ: 'U',
  Ѵ: 'Y',
  // Kazakh, Kyrgyz, Uzbek, Tajik (national passport rules, see above)
  Ә: 'A',
  Ғ: 'G',
  Қ: 'K',
  Ң: 'N',
  Ө: 'O',
  Ұ: 'U',
  Ү: 'U',
  Һ: 'H',
  Ҳ: 'H',
  Ҷ: 'J',
  Ӣ: 'I',
  Ӯ: 'U',
}

export type CyrillicLanguage = 'ru' | 'uk' | 'be' | 'bg' | 'sr' | 'mk' | 'kk' | 'ky' | 'uz' | 'tg'

/**
 * Table B's language-specific values ("ZH (Z in Serbia)", ...) and the national letters where a
 * state writes them otherwise. Serbian Г stays G, as Serbian documents write it (Table B lists H).
 */
export const LANGUAGE_EXCEPTIONS: Readonly<Record<CyrillicLanguage, Readonly<Record<string, string>>>> = {
  ru: {},
  uk: { И: 'Y' },
  be: { Г: 'H', Ё: 'IO' },
  bg: { Щ: 'SHT' },
  sr: { Ж: 'Z', Х: 'H', Ц: 'C', Ч: 'C', Ш: 'S' },
  mk: { Ѓ: 'GJ', Ќ: 'KJ', Џ: 'DJ', Х: 'H', Ц: 'C' },
  kk: {},
  ky: {},
  uz: { Қ: 'Q', Ў: 'O' },
  tg: { Ғ: 'GH', Қ: 'Q' },
}

/** Greek letters (not an ICAO table), as the EU conformance vectors write them (επώνυμο→EPONYMO). */
export const GREEK: Readonly<Record<string, string>> = {
  Α: 'A',
  Β: 'V',
  Γ: 'G',
  Δ: 'D',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'I',
  Θ: 'TH',
  Ι: 'I',
  Κ: 'K',
  Λ: 'L',
  Μ: 'M',
  Ν: 'N',
  Ξ: 'X',
  Ο: 'O',
  Π: 'P',
  Ρ: 'R',
  Σ: 'S',
  Τ: 'T',
  Υ: 'Y',
  Φ: 'F',
  Χ: 'CH',
  Ψ: 'PS',
  Ω: 'O',
}

/** The country whose Cyrillic variant of Table B applies, for a record's ISO 3166-1 country. */
export function cyrillicLanguageOf(country: string): CyrillicLanguage {
  const byCountry: Readonly<Record<string, CyrillicLanguage>> = {
    UA: 'uk',
    BY: 'be',
    BG: 'bg',
    RS: 'sr',
    MK: 'mk',
    KZ: 'kk',
    KG: 'ky',
    UZ: 'uz',
    TJ: 'tg',
  }
  return byCountry[country] ?? 'ru'
}
