// Vietnam's national personal QR (Decision 1405/QĐ-BTTTT): plain text
// `SoGiayTo|HoTen|NgaySinh|LoaiDinhDanh|QID|EXT`. Pure, strict: every field is checked, and a refusal
// names the field, never its value. Text with fewer than three '|' is not ours.
import { AdapterError, type AdapterLink } from '../_sdk/index.ts'

export interface VnLink extends AdapterLink {
  /** LoaiDinhDanh 0: the person's own QR; 1: made on behalf of the person it designates. */
  readonly kind: 'self' | 'on-behalf'
  /** SoGiayTo, possibly partly masked with '*'. */
  readonly document: string
  /** HoTen: upper case, no diacritics, single spaces. */
  readonly name: string
  /** NgaySinh: YYYY-MM-DD, day or day and month possibly masked as '**'. */
  readonly dateOfBirth: string
  readonly qid: string
}

const MAX_LENGTH = 512
const ID_CARD = /^[0-9*]{9}$|^[0-9*]{12}$/ // CMND (9) or CCCD (12)
const PASSPORT = /^[A-Z]{1,2}[0-9*]{6,8}$/ // e.g. C1234567
const NAME = /^[A-Z]+(?: [A-Z]+)*$/
const DATE = /^(\d{4})-(\d{2}|\*\*)-(\d{2}|\*\*)$/
const QID = /^[0-9]{10,24}$/
const EXTENSION = /^(?:<[A-Za-z0-9]{0,20}){1,10}$/

function malformed(field: string, expected: string): AdapterError {
  return new AdapterError('LINK_MALFORMED', `The Vietnamese personal QR has a malformed ${field} (expected ${expected}).`)
}

function checkDocument(value: string): void {
  const visible = value.replace(/\*/g, '').length
  if (!(ID_CARD.test(value) || PASSPORT.test(value)) || visible < 2) {
    throw malformed(
      'document number (SoGiayTo)',
      'an ID number of 9 or 12 digits or a passport number (one or two letters, 6 to 8 digits), partly masked with * at most',
    )
  }
}

function checkDate(value: string): void {
  const m = DATE.exec(value)
  const bad = () => malformed('date of birth (NgaySinh)', 'YYYY-MM-DD, with the day or the day and month masked as **')
  if (!m) throw bad()
  const [, y, mo, d] = m as unknown as [string, string, string, string]
  const year = Number(y)
  if (year < 1900 || year > 2100) throw bad()
  if (mo === '**') {
    if (d !== '**') throw bad()
    return
  }
  const month = Number(mo)
  if (month < 1 || month > 12) throw bad()
  if (d === '**') return
  const day = Number(d)
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day < 1 || day > daysInMonth) throw bad()
}

export function looksLikeVnQr(text: string): boolean {
  if (/^HC1:/i.test(text) || /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return false
  return text.split('|').length >= 4
}

/** Returns the parsed QR, null when the text is not a Vietnamese personal QR, or throws LINK_MALFORMED. */
export function parseVnQr(input: string): VnLink | null {
  const text = input.trim()
  if (!looksLikeVnQr(text)) return null
  if (text.length > MAX_LENGTH) throw malformed('text', `at most ${MAX_LENGTH} characters`)
  const fields = text.split('|')
  if (fields.length !== 6) throw malformed('layout', 'six fields SoGiayTo|HoTen|NgaySinh|LoaiDinhDanh|QID|EXT')
  const [document, name, dateOfBirth, type, qid, extension] = fields as [string, string, string, string, string, string]
  checkDocument(document)
  if (!NAME.test(name) || name.length > 80)
    throw malformed('name (HoTen)', 'upper-case Latin letters without diacritics, words separated by one space')
  checkDate(dateOfBirth)
  if (type !== '0' && type !== '1') throw malformed('identification type (LoaiDinhDanh)', '0 (self) or 1 (on behalf of someone)')
  if (!QID.test(qid)) throw malformed('QID', '10 to 24 digits')
  if (extension !== '' && (!EXTENSION.test(extension) || extension.length > 120)) {
    throw malformed('extension (EXT)', "'<'-separated letters and digits")
  }
  return { kind: type === '0' ? 'self' : 'on-behalf', document, name, dateOfBirth, qid }
}
