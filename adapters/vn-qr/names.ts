// Vietnamese names as the personal QR writes them: upper case without diacritics (Nguyễn Văn A →
// NGUYEN VAN A; Đ/đ → D). The sandbox writes its QR texts with it; the bridge itself compares the
// QR's text with the register (src/issue/binding.ts, checkShownAgainstRegister).

/** Drops diacritics, maps Đ to D, upper-cases and collapses spaces. */
export function foldVietnamese(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/[Đđ]/g, 'D').toUpperCase().replace(/\s+/g, ' ').trim()
}
