import { describe, expect, it } from 'vitest'
import { bindHolder } from './binding.ts'
import { AdapterError } from './errors.ts'
import type { HolderClaim, NormalizedHolder } from './record.ts'

const masked: NormalizedHolder = {
  name: { form: 'masked', words: ['Ж*****', 'А****', 'И*******'], latinWords: ['Z******', 'A****', 'I*******'] },
  dateOfBirth: '1986-04-12',
  documentMask: '45** ***456',
}
const claim: HolderClaim = { familyName: 'Жукова', givenName: 'Алёна', patronymic: 'Игоревна', dateOfBirth: '1986-04-12' }

function codeOf(fn: () => unknown): string {
  try {
    fn()
    return 'ok'
  } catch (error) {
    return error instanceof AdapterError ? error.code : 'other'
  }
}

describe('bindHolder, masked names', () => {
  it('outputs the claimed family and given names, trimmed and folded, never the patronymic', () => {
    expect(bindHolder(masked, { ...claim, familyName: '  Жукова ', givenName: 'алёна' })).toEqual({ familyName: 'Жукова', givenName: 'алёна' })
  })
  it('folds Ё/Е and case on the visible letter', () => {
    const holder: NormalizedHolder = { ...masked, name: { form: 'masked', words: ['Ё****', 'А****', 'И*******'] } }
    expect(codeOf(() => bindHolder(holder, { ...claim, familyName: 'ежова' }))).toBe('ok')
  })
  it('accepts a Latin claim against the Latin masks, and refuses it without them', () => {
    expect(bindHolder(masked, { ...claim, familyName: 'Zhukova', givenName: 'Alena', patronymic: 'Igorevna' })).toEqual({ familyName: 'Zhukova', givenName: 'Alena' })
    const noLatin: NormalizedHolder = { ...masked, name: { form: 'masked', words: ['Ж*****', 'А****', 'И*******'] } }
    expect(codeOf(() => bindHolder(noLatin, { ...claim, familyName: 'Zhukova', givenName: 'Alena', patronymic: 'Igorevna' }))).toBe('HOLDER_MISMATCH')
  })
  it.each([
    ['wrong first letter', { familyName: 'Мукова' }],
    ['wrong length', { givenName: 'Алёнка' }],
    ['missing patronymic', { patronymic: undefined }],
    ['wrong date of birth', { dateOfBirth: '1986-04-13' }],
    ['wrong visible document digits', { documentNumber: '4510 123457' }],
    ['extra word', { givenName: 'Алёна Мария' }],
    ['empty given name', { givenName: '  ' }],
  ])('refuses %s with one message', (_case, change) => {
    let error: unknown
    try {
      bindHolder(masked, { ...claim, ...change } as HolderClaim)
    } catch (e) {
      error = e
    }
    expect((error as AdapterError).code).toBe('HOLDER_MISMATCH')
    expect((error as AdapterError).message).toBe('The details given do not match the holder of this certificate.')
  })
  it('checks a claimed document number against the visible characters only', () => {
    expect(codeOf(() => bindHolder(masked, { ...claim, documentNumber: '4599 999456' }))).toBe('ok')
    expect(codeOf(() => bindHolder(masked, { ...claim, documentNumber: '4599999456' }))).toBe('ok')
  })
})

describe('bindHolder, clear names', () => {
  const clear: NormalizedHolder = { name: { form: 'clear', familyName: 'Nguyễn', givenName: 'Văn Đức' }, dateOfBirth: '1987-01-18' }
  it('compares without case or diacritics and outputs the record names', () => {
    expect(bindHolder(clear, { familyName: 'NGUYEN', givenName: 'van  duc', dateOfBirth: '1987-01-18' })).toEqual({ familyName: 'Nguyễn', givenName: 'Văn Đức' })
  })
  it('refuses another name', () => {
    expect(codeOf(() => bindHolder(clear, { familyName: 'Tran', givenName: 'Van Duc', dateOfBirth: '1987-01-18' }))).toBe('HOLDER_MISMATCH')
  })
})
