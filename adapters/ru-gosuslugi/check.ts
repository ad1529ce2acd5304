// Pure reading of a public check answer: the status rules of DESIGN.md §3.1, the certificate id the
// record source is keyed by, the masked holder and the expiry. Called by retrieve (to stop before the
// record source when the certificate is not valid) and again by normalize.
import { AdapterError, parseRuDate } from '../_sdk/index.ts'
import type { ShownHolder } from '../_sdk/index.ts'
import type { Attr, V1Answer, V2Item, V3Answer } from './wire.ts'

export type CheckAnswer =
  | { readonly form: 'v1'; readonly body: V1Answer }
  | { readonly form: 'v2'; readonly item: V2Item }
  | { readonly form: 'v3'; readonly uuid: string; readonly body: V3Answer }

/** The national certificate types; v3 answers carry none. */
export type NationalType = 'VACCINE_CERT' | 'ILLNESS_FACT' | 'COVID_TEST' | 'TEMPORARY_CERT'

export interface CheckVerdict {
  /** The id the record source is keyed by: the 16-digit unrz, or v3's certId. */
  readonly certId: string
  readonly sourceRef: string
  readonly nationalType?: NationalType
  /** False for a valid temporary certificate: no EU equivalent. */
  readonly convertible: boolean
  /** The holder as the check page shows it (masks, birth date, passport mask). */
  readonly shown: ShownHolder
  /** COVID_TEST: the result the check API states in `status`; the record source must agree. */
  readonly testResult?: 'POSITIVE' | 'NEGATIVE'
  /** v1: the vaccine as the check API names it (`stuff`); the record source must agree. */
  readonly productName?: string
  readonly expiresOn?: string
}

const MASK_WORD = /^[\p{L}*'-]+$/u

/** A COVID_TEST item's `status` is its result, in one of the forms real answers use. */
const TEST_RESULTS: Readonly<Record<string, 'POSITIVE' | 'NEGATIVE'>> = {
  '1': 'POSITIVE',
  Положительный: 'POSITIVE',
  '0': 'NEGATIVE',
  Отрицательный: 'NEGATIVE',
}

function notFound(): AdapterError {
  return new AdapterError('RECORD_NOT_FOUND', 'No Gosuslugi certificate was found for this link.')
}

function unavailable(): AdapterError {
  return new AdapterError('UPSTREAM_UNAVAILABLE', 'Gosuslugi reports that its certificate service is unavailable.', { retryAfter: 60 })
}

function shapeError(): AdapterError {
  return new AdapterError('UPSTREAM_INVALID', 'The Gosuslugi check answer lacks the holder details.')
}

export function expired(sourceRef: string): AdapterError {
  return new AdapterError('RECORD_EXPIRED', 'This Gosuslugi certificate has expired.', { sourceRef })
}

function invalid(sourceRef: string): AdapterError {
  return new AdapterError('RECORD_INVALID', 'Gosuslugi says this certificate is not valid.', { sourceRef })
}

function revoked(sourceRef: string): AdapterError {
  return new AdapterError('RECORD_REVOKED', 'This Gosuslugi certificate was cancelled.', { sourceRef })
}

function maskWords(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '')
  if (words.length < 2 || !words.every((w) => MASK_WORD.test(w))) throw shapeError()
  return words
}

function holderOf(
  fio: string | undefined,
  enFio: string | undefined,
  birthDate: string | undefined,
  passport: string | undefined,
): ShownHolder {
  const words = maskWords(fio)
  if (!words || birthDate === undefined) throw shapeError()
  const latinWords = maskWords(enFio)
  const documentMask = passport?.trim()
  return {
    name: latinWords ? { form: 'masked', words, latinWords } : { form: 'masked', words },
    dateOfBirth: parseRuDate(birthDate),
    ...(documentMask ? { documentMask } : {}),
  }
}

function attrValue(attrs: readonly Attr[], type: string): Attr | undefined {
  return attrs.find((a) => a.type === type)
}

function holderFromAttrs(attrs: readonly Attr[]): ShownHolder {
  const fio = attrValue(attrs, 'fio')
  return holderOf(fio?.value, fio?.envalue, attrValue(attrs, 'birthDate')?.value, attrValue(attrs, 'passport')?.value)
}

function expiryOf(expiredAt: string | undefined, today: string, sourceRef: string): string | undefined {
  if (expiredAt === undefined || expiredAt === '') return undefined
  const day = parseRuDate(expiredAt)
  if (day < today) throw expired(sourceRef)
  return day
}

function readV1(body: V1Answer, today: string): CheckVerdict {
  if (body.status === '404') throw notFound()
  const sourceRef = `ru-gosuslugi:unrz:${body.unrz}`
  const expiresOn = expiryOf(body.expiredAt, today, sourceRef)
  if (body.status !== '1') throw invalid(sourceRef)
  const shown = holderOf(body.fio, body.enFio, body.birthdate, body.doc)
  const productName = body.stuff?.trim() || body.enStuff?.trim() || undefined
  return {
    certId: body.unrz,
    sourceRef,
    nationalType: 'VACCINE_CERT',
    convertible: true,
    shown,
    ...(productName ? { productName } : {}),
    ...(expiresOn ? { expiresOn } : {}),
  }
}

function readV2(item: V2Item, today: string): CheckVerdict {
  if (item.serviceUnavailable) throw unavailable()
  if (item.status === '404') throw notFound()
  const certId = item.unrzFull ?? ''
  if (!/^\d{16}$/.test(certId)) throw new AdapterError('UPSTREAM_INVALID', 'The Gosuslugi check answer lacks the certificate number.')
  const sourceRef = `ru-gosuslugi:unrz:${certId}`
  let nationalType: NationalType
  let convertible = true
  let testResult: CheckVerdict['testResult']
  switch (item.type) {
    case 'COVID_TEST':
      // Real test items carry the result in `status`: "1"/"Положительный" positive, "0"/"Отрицательный" negative.
      testResult = TEST_RESULTS[item.status.trim()]
      if (testResult) {
        nationalType = item.type
        break
      }
      if (item.status === '3') throw expired(sourceRef)
      throw invalid(sourceRef)
    case 'VACCINE_CERT':
    case 'ILLNESS_FACT':
      if (item.status === '3') throw expired(sourceRef)
      if (item.status !== '1') throw invalid(sourceRef)
      nationalType = item.type
      break
    case 'TEMPORARY_CERT':
      if (item.status === 'CANCELED' || item.status === 'CANCELLED') throw revoked(sourceRef)
      if (item.status === 'EXPIRED') throw expired(sourceRef)
      if (item.status !== 'OK') throw invalid(sourceRef)
      nationalType = item.type
      convertible = false
      break
    default:
      // Medical exemptions, antibody certificates and any type not known here: no EU equivalent.
      throw notConvertible()
  }
  const expiresOn = expiryOf(item.expiredAt, today, sourceRef)
  return {
    certId,
    sourceRef,
    nationalType,
    convertible,
    shown: holderFromAttrs(item.attrs),
    ...(testResult ? { testResult } : {}),
    ...(expiresOn ? { expiresOn } : {}),
  }
}

function readV3(uuid: string, body: V3Answer, today: string): CheckVerdict {
  if (body.serviceUnavailable) throw unavailable()
  if (!body.isCertFound) throw notFound()
  const certId = body.certId && body.certId !== '' ? body.certId : uuid
  const sourceRef = /^\d{16}$/.test(certId) ? `ru-gosuslugi:unrz:${certId}` : `ru-gosuslugi:cert:${certId}`
  if (body.isExpired) throw expired(sourceRef)
  const expiresOn = expiryOf(body.expiredAt, today, sourceRef)
  if (body.isBeforeValidFrom || (body.validFrom && parseRuDate(body.validFrom) > today)) throw invalid(sourceRef)
  return { certId, sourceRef, convertible: true, shown: holderFromAttrs(body.attrs ?? []), ...(expiresOn ? { expiresOn } : {}) }
}

export function notConvertible(): AdapterError {
  return new AdapterError(
    'TYPE_NOT_CONVERTIBLE',
    'This Gosuslugi certificate (temporary, medical exemption or antibody) has no EU Digital COVID Certificate equivalent.',
  )
}

/** The verdict of a check answer on `today` (YYYY-MM-DD), or the typed refusal. */
export function readCheck(answer: CheckAnswer, today: string): CheckVerdict {
  switch (answer.form) {
    case 'v1':
      return readV1(answer.body, today)
    case 'v2':
      return readV2(answer.item, today)
    case 'v3':
      return readV3(answer.uuid, answer.body, today)
  }
}
