import { describe, expect, it } from 'vitest'
import { AdapterError } from '../_sdk/index.ts'
import { parseGosuslugiLink } from './link.ts'

const UUID = '6f8b5b4e-2c1a-4c1e-9d55-0a8e2c1f3b7a'
const CK = '0123456789abcdef0123456789abcdef'

function codeOf(text: string): string {
  try {
    return parseGosuslugiLink(text) === null ? 'null' : 'ok'
  } catch (error) {
    return error instanceof AdapterError ? error.code : 'other'
  }
}

describe('Gosuslugi link forms', () => {
  it('v1, v1-unrz, v2, v3', () => {
    expect(parseGosuslugiLink(`https://www.gosuslugi.ru/vaccine/cert/verify/${UUID}`)).toEqual({ kind: 'v1', uuid: UUID })
    expect(parseGosuslugiLink('https://www.gosuslugi.ru/vaccine/cert/verify/unrz/9780000012345678')).toEqual({
      kind: 'v1-unrz',
      unrz: '9780000012345678',
    })
    expect(parseGosuslugiLink(`https://www.gosuslugi.ru/covid-cert/verify/9780000012345678?lang=ru&ck=${CK}`)).toEqual({
      kind: 'v2',
      unrz: '9780000012345678',
      ck: CK,
    })
    expect(parseGosuslugiLink(`https://www.gosuslugi.ru/covid-cert/status/${UUID}?lang=ru`)).toEqual({ kind: 'v3', uuid: UUID })
  })
  it('accepts what people paste: whitespace, lang=en, upper-case hex, parameters in any order', () => {
    expect(parseGosuslugiLink(`\n https://www.gosuslugi.ru/covid-cert/status/${UUID.toUpperCase()}?lang=en \t`)).toEqual({
      kind: 'v3',
      uuid: UUID,
    })
    expect(parseGosuslugiLink(`https://www.gosuslugi.ru/covid-cert/verify/9780000012345678?ck=${CK.toUpperCase()}&lang=en`)).toEqual({
      kind: 'v2',
      unrz: '9780000012345678',
      ck: CK,
    })
    expect(parseGosuslugiLink(`HTTPS://WWW.GOSUSLUGI.RU/covid-cert/status/${UUID}`)).toEqual({ kind: 'v3', uuid: UUID })
  })
  it.each([
    ['http scheme', `http://www.gosuslugi.ru/covid-cert/status/${UUID}`],
    ['backslash userinfo', `https://evil\\\\@www.gosuslugi.ru/covid-cert/status/${UUID}`],
    ['userinfo host', `https://www.gosuslugi.ru@evil.example/covid-cert/status/${UUID}`],
    ['port', `https://www.gosuslugi.ru:443/covid-cert/status/${UUID}`],
    ['no www', `https://gosuslugi.ru/covid-cert/status/${UUID}`],
    ['suffix host', `https://www.gosuslugi.ru.evil.example/covid-cert/status/${UUID}`],
    ['look-alike', `https://www.gosuslugi-ru.example/covid-cert/status/${UUID}`],
    ['homoglyph', `https://www.gosus\u04cfugi.ru/covid-cert/status/${UUID}`],
    ['punycode', `https://www.xn--gosuslgi-1ng.ru/covid-cert/status/${UUID}`],
    ['our path elsewhere', `https://example.org/covid-cert/status/${UUID}`],
    ['newline inside host', `https://www.gosus\nlugi.ru/covid-cert/status/${UUID}`],
  ])('LINK_FORGED: %s', (_case, text) => {
    expect(codeOf(text)).toBe('LINK_FORGED')
  })
  it.each([
    ['short unrz', `https://www.gosuslugi.ru/covid-cert/verify/978000001234567?lang=ru&ck=${CK}`],
    ['short ck', `https://www.gosuslugi.ru/covid-cert/verify/9780000012345678?lang=ru&ck=${CK.slice(1)}`],
    ['no ck', 'https://www.gosuslugi.ru/covid-cert/verify/9780000012345678?lang=ru'],
    ['unknown lang', `https://www.gosuslugi.ru/covid-cert/status/${UUID}?lang=de`],
    ['extra parameter', `https://www.gosuslugi.ru/covid-cert/status/${UUID}?lang=ru&x=1`],
    ['not a v4 uuid', 'https://www.gosuslugi.ru/covid-cert/status/6f8b5b4e-2c1a-1c1e-9d55-0a8e2c1f3b7a'],
    ['long unrz', 'https://www.gosuslugi.ru/vaccine/cert/verify/unrz/97800000123456789'],
  ])('LINK_MALFORMED: %s', (_case, text) => {
    expect(codeOf(text)).toBe('LINK_MALFORMED')
  })
  it('other Gosuslugi pages are LINK_UNSUPPORTED; foreign text is not ours', () => {
    expect(codeOf('https://www.gosuslugi.ru/landing/vaccination')).toBe('LINK_UNSUPPORTED')
    expect(codeOf('https://immune.mos.ru/qr?id=4501230000000017')).toBe('null')
    expect(codeOf('I got my certificate on gosuslugi')).toBe('null')
  })
  it('refusals name no identifier', () => {
    try {
      parseGosuslugiLink(`https://www.gosuslugi.ru@evil.example/covid-cert/verify/9780000012345678?ck=${CK}`)
    } catch (error) {
      expect((error as Error).message).not.toMatch(/9780000012345678|0123456789abcdef|evil/)
    }
  })
})
