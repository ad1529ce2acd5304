// Pure: mos.ru's answer and the record source's event data → the closed, minimal record.
// Status: valid from `start` (inclusive) to `end` (exclusive). Revaccination: Moscow issues a new
// certificate for a new course, and the record source lists every course: each certificate states the
// last dose of its own course, numbered over the whole history (a booster after 2/2 is 3/3), so the
// renewed certificate yields the new dose and the superseded one keeps its own until its own end.
import { AdapterError, checkRecoveryTest, euDoseNumbers, identityOf, type NormalizeContext, withHolder } from '../_sdk/index.ts'
import type { NormalizedEvent, NormalizedHolder, NormalizedRecord, TestEvent } from '../_sdk/index.ts'
import { mapProduct } from './products.ts'
import type { MosCertificate, MosDose, MosRaw, MosRecordBody } from './wire.ts'

const MASKED_WORD = /^\p{Lu}\**$/u
const MOSCOW_OFFSET_MS = 3 * 3_600_000

export function sourceRef(number: string): string {
  return `ru-mos:number:${number}`
}

/** The last calendar day (Moscow time) on which the certificate is still valid, given its exclusive end. */
export function lastValidDay(end: string): string {
  return new Date(Date.parse(end) - 1 + MOSCOW_OFFSET_MS).toISOString().slice(0, 10)
}

function checkValidity(certificate: MosCertificate, now: Date, ref: string): void {
  const start = Date.parse(certificate.start)
  const end = Date.parse(certificate.end)
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
    throw new AdapterError('UPSTREAM_INVALID', 'mos.ru answered with an unusable validity period.')
  }
  if (now.getTime() >= end) throw new AdapterError('RECORD_EXPIRED', 'This Moscow certificate has expired.', { sourceRef: ref })
  if (now.getTime() < start) throw new AdapterError('RECORD_INVALID', 'This Moscow certificate is not valid yet.')
}

function maskedWords(initials: string): string[] {
  const words = initials.trim().split(/\s+/)
  if (words.length < 2 || words.length > 4 || !words.every((w) => MASKED_WORD.test(w))) {
    throw new AdapterError('UPSTREAM_INVALID', 'mos.ru answered with holder initials in an unexpected form.')
  }
  return words
}

function incomplete(what: string): AdapterError {
  return new AdapterError(
    'RECORD_INCOMPLETE',
    `The record source has no ${what} data for this Moscow certificate, so no EU certificate can be issued.`,
  )
}

/** The calendar day (Moscow time) of an ISO date-time. */
function moscowDay(dateTime: string): string {
  return new Date(Date.parse(dateTime) + MOSCOW_OFFSET_MS).toISOString().slice(0, 10)
}

/** A national product name as an EU code for counting doses; an unmapped one counts as itself. */
function countedProduct(name: string): string {
  try {
    return mapProduct(name).mp
  } catch {
    return name
  }
}

/**
 * The dose a Moscow certificate states: the last dose of its own course (the latest course that had
 * started by the certificate's first day), numbered over every dose the record source lists up to it.
 * A superseded certificate therefore states its own course, and the renewed one the new dose as a
 * booster (Sputnik V 2/2, then Sputnik Light 3/3): one dose, one certificate, one UVCI.
 */
export function certificateDose(
  record: MosRecordBody,
  certificateStart: string,
): { readonly dose: MosDose; readonly doseNumber: number; readonly totalDoses: number } {
  const startDay = moscowDay(certificateStart)
  const courses = (record.vaccination?.courses ?? []).filter((course) => course.startedOn <= startDay)
  let own = courses[0]
  for (const course of courses) if (own && course.startedOn >= own.startedOn) own = course
  let last: MosDose | undefined
  for (const dose of own?.doses ?? []) if (!last || dose.dose > last.dose || (dose.dose === last.dose && dose.date > last.date)) last = dose
  if (!last) throw incomplete('vaccination')
  const given = (record.vaccination?.courses ?? []).flatMap((course) => course.doses).filter((dose) => dose.date <= last.date)
  const history = given.map((dose) => ({ product: countedProduct(dose.product), date: dose.date }))
  return { dose: last, ...euDoseNumbers(history, given.indexOf(last)) }
}

function vaccination(record: MosRecordBody, certificate: MosCertificate): NormalizedEvent {
  const { dose, doseNumber, totalDoses } = certificateDose(record, certificate.start)
  const product = mapProduct(dose.product)
  return {
    type: 'vaccination',
    product: product.mp,
    manufacturer: product.ma,
    prophylaxis: product.vp,
    doseNumber,
    totalDoses,
    date: dose.date,
    country: dose.country,
  }
}

function recovery(record: MosRecordBody): NormalizedEvent {
  const r = record.recovery
  if (!r) throw incomplete('recovery')
  checkRecoveryTest(r.firstPositiveTest, r.firstPositive)
  return { type: 'recovery', firstPositive: r.firstPositive, validFrom: r.validFrom, validUntil: r.validUntil, country: r.country }
}

function test(record: MosRecordBody): NormalizedEvent {
  const t = record.test
  if (!t) throw incomplete('test')
  const result = t.result === 'NEGATIVE' ? '260415000' : '260373001'
  const common = { type: 'test', sampledAt: t.sampledAt, result, centre: t.centre, country: t.country } as const
  if (t.type === 'PCR') return { ...common, testType: 'LP6464-4', ...(t.name ? { testName: t.name } : {}) } satisfies TestEvent
  if (!t.device) throw incomplete('rapid test device')
  return { ...common, testType: 'LP217198-3', device: t.device } satisfies TestEvent
}

const eventOf: Readonly<Record<string, (record: MosRecordBody, certificate: MosCertificate) => NormalizedEvent>> = {
  VACCINATED: vaccination,
  RECOVERED: recovery,
  TESTED: test,
}

export function normalizeMos(raw: MosRaw, ctx: NormalizeContext): NormalizedRecord {
  const ref = sourceRef(raw.number)
  const { certificate } = raw
  const words = maskedWords(certificate.initials)
  if (!raw.record) {
    checkValidity(certificate, ctx.now(), ref)
    throw new AdapterError(
      'RECORD_INCOMPLETE',
      'The Moscow certificate is valid, but no record source is configured to provide the event data an EU certificate needs.',
    )
  }
  const record = raw.record
  const holder: NormalizedHolder = {
    identity: identityOf(record.holder),
    shown: { name: { form: 'masked', words }, dateOfBirth: certificate.birthDay },
  }
  const event = withHolder(holder, () => {
    checkValidity(certificate, ctx.now(), ref)
    const toEvent = eventOf[certificate.type]
    if (!toEvent) throw new AdapterError('TYPE_NOT_CONVERTIBLE', 'This kind of Moscow certificate has no EU equivalent.')
    return toEvent(record, certificate)
  })
  return { country: 'RU', sourceRef: ref, holder, event, expiresOn: lastValidDay(certificate.end) }
}
