// Vietnamese names and dates as the personal QR writes them: upper case without diacritics
// (Nguyễn Văn A → NGUYEN VAN A; Đ/đ → D). Used to check the QR against the record source.

/** Drops diacritics, maps Đ to D, upper-cases and collapses spaces. */
export function foldVietnamese(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[Đđ]/g, 'D')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** The QR's HoTen matches the record's clear name (family name first, as Vietnamese writes it). */
export function nameMatches(qrName: string, familyName: string, givenName: string): boolean {
  return foldVietnamese(`${familyName} ${givenName}`) === qrName
}

/** The QR's NgaySinh (day, or day and month, possibly masked '**') agrees with the record's date of birth. */
export function dateMatches(qrDate: string, recordDate: string): boolean {
  const qr = qrDate.split('-')
  const record = recordDate.split('-')
  return qr.every((part, i) => part === '**' || part === record[i])
}
