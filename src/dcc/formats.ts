// The string checks the EU DCC schema 1.3.x states: its patterns, the JSON Schema formats `date` and
// `date-time` (RFC 3339), and maxLength in code points.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[zZ]|[+-](\d{2})(?::?(\d{2}))?)$/
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** RFC 3339 full-date: YYYY-MM-DD with a real month and day (leap years included). */
export function isDate(value: string): boolean {
  const match = DATE.exec(value)
  if (!match) return false
  return validDay(Number(match[1]), Number(match[2]), Number(match[3]))
}

/**
 * A `date` field as EU verifiers accept it: an RFC 3339 full-date, or a date-time whose date part is
 * one. Issuers of 2021 (PL, BG, SG in dgc-testdata) wrote dt/fr/df/du with a time, and the EU
 * conformance expectations (produced by a validator that does not assert formats) accept them.
 */
export function isLenientDate(value: string): boolean {
  if (value.length === 10) return isDate(value)
  return value.length > 10 && (value.charCodeAt(10) === 84 /* T */ || value.charCodeAt(10) === 116) && isDate(value.slice(0, 10))
}

/** RFC 3339 date-time: full-date, 'T' (or 't' or a space), time, and a mandatory offset. */
export function isDateTime(value: string): boolean {
  if (value.length < 20) return false
  const separator = value.charCodeAt(10)
  if (separator !== 84 /* T */ && separator !== 116 /* t */ && separator !== 32) return false
  if (!isDate(value.slice(0, 10))) return false
  const match = TIME.exec(value.slice(11))
  if (!match) return false
  const hour = Number(match[1])
  const minute = Number(match[2])
  const second = Number(match[3])
  if (hour > 23 || minute > 59 || second > 60) return false
  // A leap second only at 23:59:60 UTC.
  if (second === 60 && !(hour === 23 && minute === 59 && match[4] === undefined)) return false
  if (match[4] !== undefined && (Number(match[4]) > 23 || Number(match[5] ?? 0) > 59)) return false
  return true
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  if (month === 2 && day === 29) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  return day <= (DAYS[month] ?? 0)
}

/** JSON Schema counts string length in code points, so an emoji is one character, not two. */
export function codePointLength(value: string): number {
  let length = value.length
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        length--
        i++
      }
    }
  }
  return length
}

/** maxLength in code points, with the common case (few UTF-16 units) decided without a scan. */
export function withinLength(value: string, max: number): boolean {
  return value.length <= max || codePointLength(value) <= max
}

/** `ver`: '^\d+.\d+.\d+$' (the schema's dot matches any character). */
export const VERSION = /^\d+.\d+.\d+$/
/** `dob`: a year 1900–2099 with optional month and day, or empty. */
export const DATE_OF_BIRTH = /^((19|20)\d\d(-\d\d){0,2}){0,1}$/
/** `fnt`, `gnt`: ICAO 9303 machine-readable characters. */
export const STANDARDISED_NAME = /^[A-Z<]*$/
/** `co`: the schema's unanchored '[A-Z]{1,10}', so any string holding an uppercase letter. */
export const COUNTRY = /[A-Z]/
