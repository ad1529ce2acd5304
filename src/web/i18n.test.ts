import { describe, expect, it } from 'vitest'
import { format, fromAcceptLanguage, languages, pickLanguage, stringsFor } from './i18n.ts'
import { escapeHtml, jsonForScript } from '../platform/html.ts'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value)
    .flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
    .sort()
}

describe('language files', () => {
  it('have the same keys in every language, none empty', () => {
    const reference = keys(stringsFor('en'))
    for (const lang of languages) {
      expect(keys(stringsFor(lang)), lang).toEqual(reference)
      for (const key of reference) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], stringsFor(lang))
        expect(typeof value === 'string' && value.trim().length > 0, `${lang}:${key}`).toBe(true)
      }
    }
  })

  it('keep the same placeholders across languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of keys(stringsFor('en'))) {
      const get = (lang: (typeof languages)[number]) =>
        key.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], stringsFor(lang)) as string
      for (const lang of languages) expect(placeholders(get(lang)), `${lang}:${key}`).toEqual(placeholders(get('en')))
    }
  })
})

describe('language choice', () => {
  it('reads Accept-Language with quality values', () => {
    expect(fromAcceptLanguage('vi-VN,vi;q=0.9,en;q=0.8')).toBe('vi')
    expect(fromAcceptLanguage('de;q=1, ru;q=0.4, en;q=0.5')).toBe('en')
    expect(fromAcceptLanguage('fr, ru-RU;q=0.2')).toBe('ru')
    expect(fromAcceptLanguage('ru;q=0')).toBe('en')
    expect(fromAcceptLanguage(undefined)).toBe('en')
  })

  it('prefers the query, then the cookie, ignoring unknown values', () => {
    expect(pickLanguage('ru', 'vi', 'en')).toBe('ru')
    expect(pickLanguage('xx', 'vi', 'en')).toBe('vi')
    expect(pickLanguage(undefined, 'de', 'vi')).toBe('vi')
  })

  it('formats placeholders', () => {
    expect(format('{n} of {m}', { n: 2, m: 3 })).toBe('2 of 3')
    expect(format('{x}', {})).toBe('{x}')
  })
})

describe('escaping', () => {
  it('escapes markup and keeps JSON from closing its script element', () => {
    expect(escapeHtml(`<a href="x">'&`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;')
    const json = jsonForScript({ s: '</script><script>alert(1)</script>' })
    expect(json).not.toContain('<')
    expect(JSON.parse(json)).toEqual({ s: '</script><script>alert(1)</script>' })
  })
})
