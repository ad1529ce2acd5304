// The page's languages: one JSON file of strings per language, the same keys in each (a test checks).
// The language comes from `?lang=`, then the `lang` cookie set by the switcher, then Accept-Language.
import en from './i18n/en.json'
import ru from './i18n/ru.json'
import vi from './i18n/vi.json'

export type Strings = typeof en
export const languages = ['en', 'ru', 'vi'] as const
export type Language = (typeof languages)[number]

const catalogue: Readonly<Record<Language, Strings>> = { en, ru, vi }

export function stringsFor(lang: Language): Strings {
  return catalogue[lang]
}

export function isLanguage(value: string | undefined | null): value is Language {
  return value !== undefined && value !== null && (languages as readonly string[]).includes(value)
}

/** The best supported language of an Accept-Language header (RFC 9110 quality values), or English. */
export function fromAcceptLanguage(header: string | undefined): Language {
  if (!header) return 'en'
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      const quality = q === undefined ? 1 : Number(q.slice(2))
      return { base: tag.toLowerCase().split('-')[0] ?? '', quality: Number.isFinite(quality) ? quality : 0, index }
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
  return ranked.map((entry) => entry.base).find(isLanguage) ?? 'en'
}

export function pickLanguage(query: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): Language {
  if (isLanguage(query)) return query
  if (isLanguage(cookie)) return cookie
  return fromAcceptLanguage(acceptLanguage)
}

/** Replaces `{name}` placeholders. */
export function format(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}
