import { describe, expect, it } from 'vitest'
import { bindHolder, checkShownAgainstRegister, fitsDate, foldName, validateClaimNames } from './binding.ts'
import { CertbridgeError } from '../platform/errors.ts'
import type { HolderClaim, NormalizedHolder } from '../dcc/record.ts'

const holder: NormalizedHolder = {
  identity: {
    familyName: 'Жукова',
    givenName: 'Алёна',
    patronymic: 'Игоревна',
    latin: { familyName: 'ZHUKOVA', givenName: 'ALYONA' },
    dateOfBirth: '1986-04-12',
  },
  shown: {
    name: { form: 'masked', words: ['Ж*****', 'А****', 'И*******'], latinWords: ['Z******', 'A****', 'I*******'] },
    dateOfBirth: '1986-04-12',
    documentMask: '45** ***456',
  },
}
const claim: HolderClaim = {
  familyName: 'Жукова',
  givenName: 'Алёна',
  patronymic: 'Игоревна',
  dateOfBirth: '1986-04-12',
  documentNumber: '4510 123456',
}

function codeOf(fn: () => unknown): string {
  try {
    fn()
    return 'ok'
  } catch (error) {
    return error instanceof CertbridgeError ? error.code : 'other'
  }
}

describe('bindHolder', () => {
  it('binds the register names folded for case, ё/е, spacing and hyphens', () => {
    expect(codeOf(() => bindHolder(holder, claim))).toBe('ok')
    expect(codeOf(() => bindHolder(holder, { ...claim, familyName: '  жукова ', givenName: 'АЛЕНА', patronymic: 'игоревна' }))).toBe('ok')
    const hyphenated: NormalizedHolder = { ...holder, identity: { ...holder.identity, familyName: 'Римская-Корсакова' }, shown: {} }
    expect(codeOf(() => bindHolder(hyphenated, { ...claim, familyName: 'Римская Корсакова' }))).toBe('ok')
    expect(codeOf(() => bindHolder(hyphenated, { ...claim, familyName: 'Римская - Корсакова' }))).toBe('ok')
  })

  it('refuses a name that only fits the masks (same first letter, same length)', () => {
    expect(codeOf(() => bindHolder(holder, { ...claim, givenName: 'Алиса' }))).toBe('HOLDER_MISMATCH')
    expect(codeOf(() => bindHolder(holder, { ...claim, familyName: 'Жданова' }))).toBe('HOLDER_MISMATCH')
    expect(codeOf(() => bindHolder(holder, { ...claim, patronymic: 'Ивановна' }))).toBe('HOLDER_MISMATCH')
  })

  it('accepts a Latin claim in the passport spelling or the ICAO transliteration, nothing else', () => {
    expect(codeOf(() => bindHolder(holder, { ...claim, familyName: 'Zhukova', givenName: 'Alyona', patronymic: undefined }))).toBe('ok')
    expect(codeOf(() => bindHolder(holder, { ...claim, familyName: 'ZHUKOVA', givenName: 'ALENA', patronymic: 'Igorevna' }))).toBe('ok')
    expect(codeOf(() => bindHolder(holder, { ...claim, familyName: 'Zhukova', givenName: 'Alina', patronymic: undefined }))).toBe(
      'HOLDER_MISMATCH',
    )
  })

  it('needs the birth date and, where the check page shows a mask, the document number', () => {
    expect(codeOf(() => bindHolder(holder, { ...claim, dateOfBirth: '1986-04-13' }))).toBe('HOLDER_MISMATCH')
    expect(codeOf(() => bindHolder(holder, { ...claim, documentNumber: undefined }))).toBe('HOLDER_MISMATCH')
    expect(codeOf(() => bindHolder(holder, { ...claim, documentNumber: '4510 123457' }))).toBe('HOLDER_MISMATCH')
    expect(codeOf(() => bindHolder(holder, { ...claim, documentNumber: '4510123456' }))).toBe('ok')
    const noMask: NormalizedHolder = { ...holder, shown: {} }
    expect(codeOf(() => bindHolder(noMask, { ...claim, documentNumber: undefined }))).toBe('ok')
  })

  it('every failure is one code and one message', () => {
    const messages = new Set<string>()
    for (const wrong of [{ dateOfBirth: '1986-04-13' }, { givenName: 'Алиса' }, { documentNumber: '1' }]) {
      try {
        bindHolder(holder, { ...claim, ...wrong })
      } catch (error) {
        messages.add(`${(error as CertbridgeError).code}: ${(error as CertbridgeError).message}`)
      }
    }
    expect(messages.size).toBe(1)
  })

  it('clear Vietnamese names fold diacritics and Đ', () => {
    const vn: NormalizedHolder = { identity: { familyName: 'Đặng', givenName: 'Quốc Bảo', dateOfBirth: '1978-11-23' }, shown: {} }
    expect(codeOf(() => bindHolder(vn, { familyName: 'DANG', givenName: 'QUOC BAO', dateOfBirth: '1978-11-23' }))).toBe('ok')
    expect(codeOf(() => bindHolder(vn, { familyName: 'Đặng', givenName: 'Quốc Bảo', dateOfBirth: '1978-11-23' }))).toBe('ok')
    expect(codeOf(() => bindHolder(vn, { familyName: 'Dang', givenName: 'Quoc Bang', dateOfBirth: '1978-11-23' }))).toBe('HOLDER_MISMATCH')
  })
})

describe('validateClaimNames', () => {
  it.each([
    ['a right-to-left override', 'О\u202eабв'],
    ['a zero-width space', 'Ива\u200bнов'],
    ['a zero-width joiner', 'Ива\u200dнов'],
    ['markup', 'О<i>x'],
    ['a control character', 'Ива\u0007нов'],
    ['digits', 'Иванов2'],
    ['stacked accents', 'A\u0301\u0301\u0301'],
    ['an accent on nothing', '\u0301Иван'],
    ['only punctuation', "-'-"],
  ])('refuses %s', (_what, name) => {
    expect(codeOf(() => validateClaimNames({ ...claim, givenName: name }))).toBe('HOLDER_NAME_INVALID')
  })

  it('keeps letters, one accent per letter, spaces, hyphens, apostrophes; NFC', () => {
    const decomposed = 'Nguye\u0302\u0303n' // ễ as e + circumflex + tilde: NFC makes one letter
    expect(validateClaimNames({ ...claim, familyName: decomposed }).familyName).toBe('Nguyễn')
    expect(codeOf(() => validateClaimNames({ ...claim, familyName: "O'Brien-Ó Súilleabháin" }))).toBe('ok')
  })

  it('names the field, never the value', () => {
    try {
      validateClaimNames({ ...claim, familyName: 'Секрет\u202e' })
    } catch (error) {
      expect((error as Error).message).toContain('family name')
      expect((error as Error).message).not.toContain('Секрет')
    }
  })
})

describe('checkShownAgainstRegister', () => {
  it('accepts masks and dates that describe the registered person', () => {
    expect(codeOf(() => checkShownAgainstRegister(holder.shown, holder.identity))).toBe('ok')
    expect(codeOf(() => checkShownAgainstRegister({ dateOfBirth: '1986-**-**' }, holder.identity))).toBe('ok')
  })
  it('refuses a record whose public and registered data disagree', () => {
    expect(codeOf(() => checkShownAgainstRegister({ ...holder.shown, dateOfBirth: '1986-04-11' }, holder.identity))).toBe(
      'RECORD_INCONSISTENT',
    )
    expect(
      codeOf(() => checkShownAgainstRegister({ name: { form: 'masked', words: ['Ж*****', 'М****', 'И*******'] } }, holder.identity)),
    ).toBe('RECORD_INCONSISTENT')
    expect(codeOf(() => checkShownAgainstRegister({ name: { form: 'masked', words: ['Ж*****', 'А****'] } }, holder.identity))).toBe(
      'RECORD_INCONSISTENT',
    )
    expect(codeOf(() => checkShownAgainstRegister({ name: { form: 'clear', fullName: 'ZHUKOVA ALINA IGOREVNA' } }, holder.identity))).toBe(
      'RECORD_INCONSISTENT',
    )
  })
})

describe('fitsDate (a shown birth date against the register)', () => {
  it('compares the visible parts only; a masked part may stand where the register has none', () => {
    expect(fitsDate('1987-01-18', '1987-01-18')).toBe(true)
    expect(fitsDate('1987-**-**', '1987-01-18')).toBe(true)
    expect(fitsDate('1987-01-**', '1987-01-18')).toBe(true)
    expect(fitsDate('1987-01-**', '1987-02-18')).toBe(false)
    expect(fitsDate('1987-01-18', '1987-01-19')).toBe(false)
    expect(fitsDate('1987-01-18', '1987')).toBe(false)
    expect(fitsDate('1987-**-**', '1987')).toBe(true)
  })
  it('the Vietnamese QR name folds as the register does', () => {
    expect(
      codeOf(() =>
        checkShownAgainstRegister(
          { name: { form: 'clear', fullName: 'NGUYEN VAN A' } },
          { familyName: 'Nguyễn', givenName: 'Văn A', dateOfBirth: '1987' },
        ),
      ),
    ).toBe('ok')
    expect(
      codeOf(() =>
        checkShownAgainstRegister(
          { name: { form: 'clear', fullName: 'VAN A NGUYEN' } },
          { familyName: 'Nguyễn', givenName: 'Văn A', dateOfBirth: '1987' },
        ),
      ),
    ).toBe('RECORD_INCONSISTENT')
  })
})

describe('foldName', () => {
  it('folds case, diacritics, ё, separators', () => {
    expect(foldName('Фёдоров')).toBe(foldName('ФЕДОРОВ'))
    expect(foldName('Anna-Maria  ')).toBe('ANNA MARIA')
    expect(foldName('Łukasz Ørsted')).toBe('LUKASZ ORSTED')
  })
})
