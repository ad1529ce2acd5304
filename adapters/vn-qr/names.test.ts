import { describe, expect, it } from 'vitest'
import { foldVietnamese } from './names.ts'

describe('Vietnamese names', () => {
  it('folds diacritics and Đ as the personal QR writes them', () => {
    expect(foldVietnamese('Nguyễn Văn A')).toBe('NGUYEN VAN A')
    expect(foldVietnamese('Trần Thị Ngọc Hân')).toBe('TRAN THI NGOC HAN')
    expect(foldVietnamese('Đặng Quốc Bảo')).toBe('DANG QUOC BAO')
    expect(foldVietnamese('đỗ  thị lan')).toBe('DO THI LAN')
    expect(foldVietnamese('Nguye\u0302\u0303n')).toBe('NGUYEN') // decomposed input
  })
})
