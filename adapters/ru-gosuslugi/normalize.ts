// Pure: a retrieved Gosuslugi certificate → the closed, minimal record. The check answer decides
// validity, holder and expiry (check.ts); the record source's event decides what the DCC states.
import { AdapterError, checkRecoveryTest, euDoseNumbers, identityOf, isoDay, type NormalizeContext, withHolder } from '../_sdk/index.ts'
import type { NormalizedEvent, NormalizedHolder, NormalizedRecord } from '../_sdk/index.ts'
import { expired, notConvertible, readCheck, type CheckVerdict, type NationalType } from './check.ts'
import { foldProductName, mapProduct } from '../_ru/products.ts'
import type { GosuslugiRaw } from './retrieve.ts'
import type { RecordEvent } from './wire.ts'

const EXPECTED_EVENT: Readonly<Record<NationalType, RecordEvent['type'] | undefined>> = {
  VACCINE_CERT: 'vaccination',
  ILLNESS_FACT: 'recovery',
  COVID_TEST: 'test',
  TEMPORARY_CERT: undefined,
}

/** A national product name as an EU code for counting doses; an unmapped one counts as itself. */
function countedProduct(name: string): string {
  try {
    return mapProduct(name).mp
  } catch {
    return foldProductName(name)
  }
}

/** dn/sd: over the register's whole history when it sends one (boosters as further doses), else as stated. */
function doseNumbers(record: Extract<RecordEvent, { type: 'vaccination' }>): { doseNumber: number; totalDoses: number } {
  if (!record.history) return { doseNumber: record.dose, totalDoses: record.doses }
  const own = countedProduct(record.product)
  const history = record.history
    .map((dose) => ({ product: countedProduct(dose.product), date: dose.date }))
    .filter((dose) => dose.date <= record.date)
  let index = history.findIndex((dose) => dose.date === record.date && dose.product === own)
  if (index < 0) index = history.push({ product: own, date: record.date }) - 1
  return euDoseNumbers(history, index)
}

function eventOf(record: RecordEvent, today: string, sourceRef: string): NormalizedEvent {
  switch (record.type) {
    case 'vaccination': {
      const vaccine = mapProduct(record.product)
      if (record.date > today) throw new AdapterError('UPSTREAM_INVALID', 'The national register dates the dose in the future.')
      return {
        type: 'vaccination',
        product: vaccine.mp,
        manufacturer: vaccine.ma,
        prophylaxis: vaccine.vp,
        ...doseNumbers(record),
        date: record.date,
        country: record.country,
      }
    }
    case 'recovery':
      checkRecoveryTest(record.firstPositiveTest, record.firstPositive)
      if (record.validUntil < today) throw expired(sourceRef)
      return {
        type: 'recovery',
        firstPositive: record.firstPositive,
        validFrom: record.validFrom,
        validUntil: record.validUntil,
        country: record.country,
      }
    case 'test':
      return {
        type: 'test',
        testType: record.testType === 'PCR' ? 'LP6464-4' : 'LP217198-3',
        ...(record.testName !== undefined ? { testName: record.testName } : {}),
        ...(record.device !== undefined ? { device: record.device } : {}),
        sampledAt: record.sampledAt,
        result: record.result === 'NEGATIVE' ? '260415000' : '260373001',
        centre: record.centre,
        country: record.country,
      }
    case 'exemption':
    case 'antibody':
      throw notConvertible()
  }
}

function inconsistent(what: string): AdapterError {
  return new AdapterError('RECORD_INCONSISTENT', `The Gosuslugi check and the national register disagree about ${what}.`)
}

/** Two national product names for one vaccine: the same EU product, or the same name folded. */
function sameProduct(a: string, b: string): boolean {
  return countedProduct(a) === countedProduct(b)
}

/** What the public check states must be what the register holds: v1's vaccine, a test's result. */
function crossCheck(verdict: CheckVerdict, event: RecordEvent): void {
  if (verdict.productName !== undefined && event.type === 'vaccination' && !sameProduct(verdict.productName, event.product)) {
    throw inconsistent('the vaccine')
  }
  if (verdict.testResult !== undefined && event.type === 'test' && verdict.testResult !== event.result)
    throw inconsistent('the test result')
}

export function normalizeGosuslugi(raw: GosuslugiRaw, ctx: NormalizeContext): NormalizedRecord {
  const today = isoDay(ctx.now())
  const verdict = readCheck(raw.check, today)
  if (!verdict.convertible) throw notConvertible()
  if (raw.record === null) {
    throw new AdapterError(
      'RECORD_INCOMPLETE',
      'The certificate is valid, but no national record source is configured to state its event in an EU certificate.',
    )
  }
  const holder: NormalizedHolder = { identity: identityOf(raw.record.holder), shown: verdict.shown }
  const expectedType = verdict.nationalType && EXPECTED_EVENT[verdict.nationalType]
  const kind = raw.record.event.type
  if (expectedType && kind !== expectedType && kind !== 'exemption' && kind !== 'antibody') {
    throw new AdapterError('UPSTREAM_INVALID', 'The record source and the check API disagree on the certificate type.')
  }
  const event = withHolder(holder, () => {
    crossCheck(verdict, raw.record!.event)
    return eventOf(raw.record!.event, today, verdict.sourceRef)
  })
  return {
    country: 'RU',
    sourceRef: verdict.sourceRef,
    holder,
    event,
    ...(verdict.expiresOn ? { expiresOn: verdict.expiresOn } : {}),
  }
}
