import { describe, expect, it } from 'vitest'
import { dateMatches, foldVietnamese, nameMatches } from './names.ts'

describe('Vietnamese names', () => {
  it('folds diacritics and Đ as the personal QR writes them', () => {
    expect(foldVietnamese('Nguyễn Văn A')).toBe('NGUYEN VAN A')
    expect(foldVietnamese('Trần Thị Ngọc Hân')).toBe('TRAN THI NGOC HAN')
    expect(foldVietnamese('Đặng Quốc Bảo')).toBe('DANG QUOC BAO')
    expect(foldVietnamese('đỗ  thị lan')).toBe('DO THI LAN')
    expect(foldVietnamese('Nguye\u0302\u0303n')).toBe('NGUYEN') // decomposed input
  })

  it('matches the QR name against the record', () => {
    expect(nameMatches('NGUYEN VAN A', 'Nguyễn', 'Văn A')).toBe(true)
    expect(nameMatches('NGUYEN VAN B', 'Nguyễn', 'Văn A')).toBe(false)
    expect(nameMatches('VAN A NGUYEN', 'Nguyễn', 'Văn A')).toBe(false)
  })

  it('matches visible date parts only', () => {
    expect(dateMatches('1987-01-18', '1987-01-18')).toBe(true)
    expect(dateMatches('1987-**-**', '1987-01-18')).toBe(true)
    expect(dateMatches('1987-01-**', '1987-01-18')).toBe(true)
    expect(dateMatches('1987-01-**', '1987-02-18')).toBe(false)
    expect(dateMatches('1987-01-18', '1987-01-19')).toBe(false)
    expect(dateMatches('1987-01-18', '1987')).toBe(false)
    expect(dateMatches('1987-**-**', '1987')).toBe(true)
  })
})
