import { describe, expect, it } from 'vitest'
import { AdapterError } from '../_sdk/index.ts'
import { parseVnQr } from './qr.ts'

const EXAMPLE = '001093029317|NGUYEN VAN A|1987-01-18|0|162979388586171100|<1<00<0123232422'

function withField(index: number, value: string): string {
  const fields = EXAMPLE.split('|')
  fields[index] = value
  return fields.join('|')
}

function refusal(text: string): AdapterError {
  try {
    parseVnQr(text)
  } catch (error) {
    if (error instanceof AdapterError) return error
    throw error
  }
  throw new Error(`accepted: ${text}`)
}

describe('parseVnQr', () => {
  it("reads Decision 1405's example", () => {
    expect(parseVnQr(EXAMPLE)).toEqual({
      kind: 'self',
      document: '001093029317',
      name: 'NGUYEN VAN A',
      dateOfBirth: '1987-01-18',
      qid: '162979388586171100',
    })
    expect(parseVnQr(`  ${EXAMPLE}\r\n`)?.qid).toBe('162979388586171100')
  })

  it('accepts every documented field form', () => {
    expect(parseVnQr(withField(0, '025123459'))?.document).toBe('025123459') // CMND, 9 digits
    expect(parseVnQr(withField(0, '0010930****7'))?.document).toBe('0010930****7') // masked CCCD
    expect(parseVnQr(withField(0, 'C1234567'))?.document).toBe('C1234567') // passport
    expect(parseVnQr(withField(0, 'B12***67'))?.document).toBe('B12***67')
    expect(parseVnQr(withField(1, 'A'))?.name).toBe('A')
    expect(parseVnQr(withField(2, '1987-01-**'))?.dateOfBirth).toBe('1987-01-**')
    expect(parseVnQr(withField(2, '1987-**-**'))?.dateOfBirth).toBe('1987-**-**')
    expect(parseVnQr(withField(2, '2000-02-29'))?.dateOfBirth).toBe('2000-02-29')
    expect(parseVnQr(withField(3, '1'))?.kind).toBe('on-behalf')
    expect(parseVnQr(withField(5, ''))?.qid).toBe('162979388586171100')
    expect(parseVnQr(withField(5, '<1'))).not.toBeNull()
  })

  it('leaves other texts to other adapters', () => {
    for (const text of [
      '',
      'hello',
      'a|b|c',
      'https://immune.mos.ru/qr?id=4501230000000017',
      'https://example.org/?q=a|b|c|d|e|f',
      'HC1:NCF|A|B|C|D|E',
    ]) {
      expect(parseVnQr(text), text).toBeNull()
    }
  })

  it.each([
    ['too few fields', '001093029317|NGUYEN VAN A|1987-01-18|0|162979388586171100'],
    ['too many fields', `${EXAMPLE}|x`],
    ['document of 10 digits', withField(0, '0010930293')],
    ['document of letters only', withField(0, 'ABCDEFGH')],
    ['document fully masked', withField(0, '************')],
    ['document with a space', withField(0, '001093 29317')],
    ['name in lower case', withField(1, 'nguyen van a')],
    ['name with diacritics', withField(1, 'NGUYỄN VĂN A')],
    ['name with a double space', withField(1, 'NGUYEN  VAN A')],
    ['empty name', withField(1, '')],
    ['name too long', withField(1, 'A'.repeat(81))],
    ['date in another format', withField(2, '18/01/1987')],
    ['impossible date', withField(2, '1987-02-30')],
    ['month 13', withField(2, '1987-13-01')],
    ['month masked but not the day', withField(2, '1987-**-18')],
    ['year out of range', withField(2, '1887-01-18')],
    ['type 2', withField(3, '2')],
    ['empty type', withField(3, '')],
    ['QID with letters', withField(4, '16297938858617110A')],
    ['QID too short', withField(4, '123456789')],
    ['extension without <', withField(5, '1<00')],
    ['extension with a space', withField(5, '<1<0 0')],
    ['oversized text', withField(5, `<${'1'.repeat(600)}`)],
  ])('%s → LINK_MALFORMED', (_, text) => {
    const error = refusal(text)
    expect(error.code).toBe('LINK_MALFORMED')
    for (const field of text.split('|')) if (field.length > 2) expect(error.message).not.toContain(field)
  })
})
