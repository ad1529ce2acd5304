// Pure: mos.ru's answer and the record source's event data → the closed, minimal record.
// Status: valid from `start` (inclusive) to `end` (exclusive). Revaccination: Moscow issues a new
// certificate for a new course, and the record source lists every course, so the newest course wins
// and re-requesting yields a renewed DCC; a superseded certificate stays valid until its own end.
import { AdapterError, withHolder } from '../_sdk/errors.ts'
import { identityOf } from '../_sdk/identity.ts'
import type { NormalizeContext } from '../_sdk/adapter.ts'
import type { NormalizedEvent, NormalizedHolder, NormalizedRecord, TestEvent } from '../_sdk/record.ts'
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
  return new AdapterError('RECORD_INCOMPLETE', `The record source has no ${what} data for this Moscow certificate, so no EU certificate can be issued.`)
}

/** The newest course (latest start; the later one on a tie), and in it the last dose given. */
export function newestDose(record: MosRecordBody): MosDose {
  const courses = record.vaccination?.courses ?? []
  let newest = courses[0]
  for (const course of courses) if (newest && course.startedOn >= newest.startedOn) newest = course
  let last: MosDose | undefined
  for (const dose of newest?.doses ?? []) if (!last || dose.dose > last.dose || (dose.dose === last.dose && dose.date > last.date)) last = dose
  if (!last) throw incomplete('vaccination')
  return last
}

function vaccination(record: MosRecordBody): NormalizedEvent {
  const dose = newestDose(record)
  const product = mapProduct(dose.product)
  return {
    type: 'vaccination',
    product: product.mp,
    manufacturer: product.ma,
    prophylaxis: product.vp,
    doseNumber: dose.dose,
    totalDoses: dose.of,
    date: dose.date,
    country: dose.country,
  }
}

function recovery(record: MosRecordBody): NormalizedEvent {
  const r = record.recovery
  if (!r) throw incomplete('recovery')
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

const eventOf: Readonly<Record<string, (record: MosRecordBody) => NormalizedEvent>> = {
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
    throw new AdapterError('RECORD_INCOMPLETE', 'The Moscow certificate is valid, but no record source is configured to provide the event data an EU certificate needs.')
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
    return toEvent(record)
  })
  return { country: 'RU', sourceRef: ref, holder, event, expiresOn: lastValidDay(certificate.end) }
}
