import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { DccError } from './errors.ts'
import { deriveUvci, isValidUvci, parseUvci, uvciCheckCharacter, withUvciCheck } from './uvci.ts'

const vectorCi = (file: string): string => {
  const vector = JSON.parse(readFileSync(testdataPath('dgc-testdata', file), 'utf8')) as {
    JSON: Record<string, { ci: string }[]>
  }
  const entry = vector.JSON['v'] ?? vector.JSON['t'] ?? vector.JSON['r']
  return entry?.[0]?.ci ?? ''
}

describe('UVCI check character (Luhn mod 38)', () => {
  it('gives Z for the guidelines example', () => {
    expect(uvciCheckCharacter('URN:UVCI:01:NL:187/37512422923')).toBe('Z')
    expect(withUvciCheck('URN:UVCI:01:NL:187/37512422923')).toBe('URN:UVCI:01:NL:187/37512422923#Z')
    expect(isValidUvci('URN:UVCI:01:NL:187/37512422923#Z')).toBe(true)
  })

  it('accepts real UVCIs of the conformance vectors', () => {
    const files = [
      'AT/2DCode/raw/1.json',
      'DK/2DCode/raw/1.json',
      'GR/2DCode/raw/1.json',
      'LT/2DCode/raw/1.json',
      'SI/2DCode/raw/REC.json',
      'SM/2DCode/raw/1.json',
      'HU/2DCode/raw/2.json',
    ]
    for (const file of files) {
      const ci = vectorCi(file)
      expect(ci, file).toMatch(/^URN:UVCI:01:[A-Z]{2}:/)
      expect(isValidUvci(ci), `${file} ${ci}`).toBe(true)
    }
  })

  it('catches a changed character and a swap of neighbours', () => {
    const good = 'URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813#B'
    expect(isValidUvci(good)).toBe(true)
    expect(isValidUvci(good.replace('#B', '#C'))).toBe(false)
    expect(isValidUvci(good.replace('10807843', '10807844'))).toBe(false)
    expect(isValidUvci(good.replace('10807843', '01807843'))).toBe(false)
  })

  it('rejects what is not a checked UVCI', () => {
    for (const text of [
      'URN:UVCI:01:NL:187/37512422923',
      'urn:uvci:01:nl:187/37512422923#Z',
      'URN:UVCI:01:NLD:187#Z',
      'URN:UVCI:01:NL:#Z',
      'URN:UVCI:01:NL:18 7#Z',
      `URN:UVCI:01:NL:${'A'.repeat(70)}#A`,
      '',
    ]) {
      expect(isValidUvci(text), text).toBe(false)
    }
    expect(uvciCheckCharacter('urn')).toBeUndefined()
    expect(() => withUvciCheck('URN:UVCI:01:NL:a/b')).toThrow(DccError)
  })

  it('parses the parts', () => {
    expect(parseUvci('URN:UVCI:01:NL:187/37512422923#Z')).toEqual({ version: '01', country: 'NL', opaque: '187/37512422923', check: 'Z' })
    expect(parseUvci('URN:UVCI:01:NL:187/37512422923')).toEqual({ version: '01', country: 'NL', opaque: '187/37512422923' })
    expect(parseUvci('01:NL:187')).toBeUndefined()
  })
})

describe('deriveUvci', () => {
  const key = new Uint8Array(32).fill(7)
  const material = 'ru-gosuslugi:unrz:9160000012345678|{"type":"vaccination","doseNumber":2}'

  it('derives a checked UVCI in the UVCI character set, within 80 characters', async () => {
    const uvci = await deriveUvci({ country: 'RU', key, material })
    expect(uvci).toMatch(/^URN:UVCI:01:RU:[A-Z0-9]{25}#[A-Z0-9/:]$/)
    expect(uvci.length).toBeLessThanOrEqual(80)
    expect(isValidUvci(uvci)).toBe(true)
  })

  it('gives the pinned UVCIs (HMAC-SHA-256, first 128 bits in base 36)', async () => {
    expect(await deriveUvci({ country: 'RU', key, material })).toBe('URN:UVCI:01:RU:B6HYQ1GX9G3TUH3XFPXT1XNPJ#1')
    const longKey = new Uint8Array(70).map((_, i) => 255 - i)
    expect(await deriveUvci({ country: 'VN', key: longKey, material: 'vn:Nguyễn' })).toBe('URN:UVCI:01:VN:9Q2CM1YI5XEY9WLUINJKBT39N#M')
  })

  it('is the same for the same material and key, and differs otherwise', async () => {
    const first = await deriveUvci({ country: 'RU', key, material })
    expect(await deriveUvci({ country: 'RU', key: new Uint8Array(32).fill(7), material })).toBe(first)
    expect(await deriveUvci({ country: 'RU', key, material: `${material} ` })).not.toBe(first)
    expect(await deriveUvci({ country: 'RU', key: new Uint8Array(32).fill(8), material })).not.toBe(first)
    expect((await deriveUvci({ country: 'VN', key, material })).slice(15)).not.toBe(first.slice(15))
  })

  it('accepts a CryptoKey and gives the same UVCI as its raw bytes', async () => {
    const cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    expect(await deriveUvci({ country: 'RU', key: cryptoKey, material })).toBe(await deriveUvci({ country: 'RU', key, material }))
  })

  it('does not contain the national identifier', async () => {
    const uvci = await deriveUvci({ country: 'RU', key, material })
    expect(uvci).not.toContain('9160000012345678')
    expect(uvci).not.toContain('12345678')
  })

  it('refuses a bad country, an empty material and a short key with DCC_UVCI', async () => {
    for (const input of [
      { country: 'ru', key, material },
      { country: 'RUS', key, material },
      { country: 'RU', key, material: '' },
      { country: 'RU', key: new Uint8Array(8), material },
    ]) {
      await expect(deriveUvci(input)).rejects.toMatchObject({ code: 'DCC_UVCI' })
    }
    const error = await deriveUvci({ country: 'RU', key: new Uint8Array(8), material }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DccError)
    expect(String((error as Error).message)).not.toContain('9160000012345678')
  })
})
