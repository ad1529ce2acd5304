// Pure: a retrieved Gosuslugi certificate → the closed, minimal record. The check answer decides
// validity, holder and expiry (check.ts); the record source's event decides what the DCC states.
import type { NormalizeContext } from '../_sdk/adapter.ts'
import { isoDay } from '../_sdk/dates.ts'
import { AdapterError, withHolder } from '../_sdk/errors.ts'
import { identityOf } from '../_sdk/identity.ts'
import { checkRecoveryTest } from '../_sdk/recovery.ts'
import type { NormalizedEvent, NormalizedHolder, NormalizedRecord } from '../_sdk/record.ts'
import { expired, notConvertible, readCheck, type NationalType } from './check.ts'
import { mapProduct } from './products.ts'
import type { GosuslugiRaw } from './retrieve.ts'
import type { RecordEvent } from './wire.ts'

const EXPECTED_EVENT: Readonly<Record<NationalType, RecordEvent['type'] | undefined>> = {
  VACCINE_CERT: 'vaccination',
  ILLNESS_FACT: 'recovery',
  COVID_TEST: 'test',
  TEMPORARY_CERT: undefined,
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
        doseNumber: record.dose,
        totalDoses: record.doses,
        date: record.date,
        country: record.country,
      }
    }
    case 'recovery':
      checkRecoveryTest(record.firstPositiveTest, record.firstPositive)
      if (record.validUntil < today) throw expired(sourceRef)
      return { type: 'recovery', firstPositive: record.firstPositive, validFrom: record.validFrom, validUntil: record.validUntil, country: record.country }
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

export function normalizeGosuslugi(raw: GosuslugiRaw, ctx: NormalizeContext): NormalizedRecord {
  const today = isoDay(ctx.now())
  const verdict = readCheck(raw.check, today)
  if (!verdict.convertible) throw notConvertible()
  if (raw.record === null) {
    throw new AdapterError('RECORD_INCOMPLETE', 'The certificate is valid, but no national record source is configured to state its event in an EU certificate.')
  }
  const holder: NormalizedHolder = { identity: identityOf(raw.record.holder), shown: verdict.shown }
  const expectedType = verdict.nationalType && EXPECTED_EVENT[verdict.nationalType]
  const kind = raw.record.event.type
  if (expectedType && kind !== expectedType && kind !== 'exemption' && kind !== 'antibody') {
    throw new AdapterError('UPSTREAM_INVALID', 'The record source and the check API disagree on the certificate type.')
  }
  const event = withHolder(holder, () => eventOf(raw.record!.event, today, verdict.sourceRef))
  return {
    country: 'RU',
    sourceRef: verdict.sourceRef,
    holder,
    event,
    ...(verdict.expiresOn ? { expiresOn: verdict.expiresOn } : {}),
  }
}
