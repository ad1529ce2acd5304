import { describe, expect, it } from 'vitest'
import { AdapterError } from '../_sdk/index.ts'
import { parseMosLink } from './link.ts'

function codeOf(text: string): string {
  try {
    parseMosLink(text)
  } catch (error) {
    if (error instanceof AdapterError) return error.code
    throw error
  }
  return 'accepted'
}

describe('parseMosLink', () => {
  it('reads the certificate number of a real link', () => {
    expect(parseMosLink('https://immune.mos.ru/qr?id=4501230000000017')).toEqual({ kind: 'qr', id: '4501230000000017' })
    expect(parseMosLink('  https://immune.mos.ru/qr?id=MOS2021evc00002\n')).toEqual({ kind: 'qr', id: 'MOS2021evc00002' })
    expect(parseMosLink('HTTPS://IMMUNE.MOS.RU/qr?id=ABC123')).toEqual({ kind: 'qr', id: 'ABC123' })
    expect(parseMosLink('https://immune.mos.ru/qr/?id=ABC123')).toEqual({ kind: 'qr', id: 'ABC123' })
  })

  it('leaves other texts to other adapters', () => {
    for (const text of [
      '',
      'hello',
      'https://www.gosuslugi.ru/covid-cert/status/6f8b5b4e-2c1a-4c1e-9d55-0a8e2c1f3b7a?lang=ru',
      'HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N IOP-IA%NFQGRJPC%OQHIZC4.OI1RM8ZA.A5:S9MKN4NN3F85QNCY0O%0VZ001HOC9JU0D0HT0HB2PL/IB*09B9LW4T*8+DCMH0LDK2%K:XFE70*LP$V25$0Q:J:4MO1P0%0L0HD+9E/HY+4J6TH48S%4K.GJ2PT3QY:GQ3TE2I+-CPHN6D7LLK*2HG%89UV-0LZ 2ZJJ524-LH/CJTK96L6SR9MU9DHGZ%P WUQRENS431T1XCNCF+47AY0-IFO0500TGPN8F5G.41Q2E4T8ALW.INSV$ 07UV5SR+BNQHNML7 /KD3TU 4V*CAT3ZGLQMI/XI%ZJNSBBXK2:UG%UJMI:TU+MMPZ5$/PMX19UE:-PSR3/$NU44CBE6DQ3D7B0FBOFX0DV2DGMB$YPF62I$60/F$Z2I6IFX21XNI-LM%3/DF/U6Z9FEOJVRLVW6K$UG+BKK57:1+D10%4K83F+1VWD1NE',
      '001093029317|NGUYEN VAN A|1987-01-18|0|162979388586171100|<1<00<0123232422',
      'https://example.org/qr?id=4501230000000017',
    ]) {
      expect(parseMosLink(text)).toBeNull()
    }
  })

  it('refuses imitations as forged', () => {
    for (const text of [
      'http://immune.mos.ru/qr?id=4501230000000017',
      'https://immune.mos.ru:8443/qr?id=4501230000000017',
      'https://immune.mos.ru:443/qr?id=4501230000000017',
      'https://immune.mos.ru@evil.example/qr?id=4501230000000017',
      'https://evil\\\\@immune.mos.ru/qr?id=4501230000000017',
      'https://evil.example@immune.mos.ru/qr?id=4501230000000017',
      'https://immune.mos.ru.evil.example/qr?id=4501230000000017',
      'https://immune-mos.ru/qr?id=4501230000000017',
      'https://mos.ru/qr?id=4501230000000017',
      'https://www.immune.mos.ru/qr?id=4501230000000017',
      'https://immune.mos.ru./qr?id=4501230000000017',
      'https://immune.m\u043es.ru/qr?id=4501230000000017', // Cyrillic о: punycode host
      'https://xn--mmune-3ve.mos.ru/qr?id=4501230000000017',
      'https://immune.\uff4dos.ru/qr?id=4501230000000017', // full-width m
      'ftp://immune.mos.ru/qr?id=4501230000000017',
    ]) {
      expect(codeOf(text), text).toBe('LINK_FORGED')
    }
  })

  it('refuses other immune.mos.ru pages as unsupported', () => {
    expect(codeOf('https://immune.mos.ru/')).toBe('LINK_UNSUPPORTED')
    expect(codeOf('https://immune.mos.ru/cert?id=4501230000000017')).toBe('LINK_UNSUPPORTED')
  })

  it('refuses wrong ids as malformed, without echoing them', () => {
    for (const text of [
      'https://immune.mos.ru/qr',
      'https://immune.mos.ru/qr?id=',
      'https://immune.mos.ru/qr?id=abc',
      'https://immune.mos.ru/qr?id=4501-2300',
      'https://immune.mos.ru/qr?id=%D0%B0%D0%B1%D0%B2%D0%B3%D0%B4%D0%B5',
      `https://immune.mos.ru/qr?id=${'1'.repeat(65)}`,
      'https://immune.mos.ru/qr?id=4501230000000017&id=4501230000000025',
      'https://immune.mos.ru/qr?id=4501230000000017&next=https://evil.example',
      'https://immune.mos.ru/qr?id=4501230000000017#x',
      `https://immune.mos.ru/qr?id=${'1'.repeat(600)}`,
    ]) {
      expect(codeOf(text), text).toBe('LINK_MALFORMED')
    }
    try {
      parseMosLink('https://immune.mos.ru/qr?id=4501-2300')
    } catch (error) {
      expect((error as Error).message).not.toContain('4501')
    }
  })
})
