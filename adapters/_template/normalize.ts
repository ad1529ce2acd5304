// Pure: the check answer and the record source's event data → the closed, minimal record. Valid while
// the status is VALID up to and including validUntil; expired and revoked refusals carry sourceRef so
// that what was derived from the record can be revoked, and the registered holder (withHolder) so
// that the bridge tells them to the bound holder alone.
import { AdapterError, identityOf, type NormalizeContext, withHolder } from '../_sdk/index.ts'
import type { NormalizedHolder, NormalizedRecord, VaccinationEvent } from '../_sdk/index.ts'
import { mapProduct } from './products.ts'
import type { CheckAnswer, RecordAnswer, XxTemplateRaw } from './wire.ts'

export function sourceRef(id: string): string {
  return `xx-template:cert:${id}`
}

function checkStatus(check: CheckAnswer, now: Date, ref: string): void {
  if (check.status === 'REVOKED')
    throw new AdapterError('RECORD_REVOKED', 'The national system has revoked this certificate.', { sourceRef: ref })
  if (check.status === 'EXPIRED' || check.validUntil < now.toISOString().slice(0, 10)) {
    throw new AdapterError('RECORD_EXPIRED', 'This certificate has expired.', { sourceRef: ref })
  }
}

function vaccination(record: RecordAnswer): VaccinationEvent {
  const dose = record.vaccination
  const product = mapProduct(dose.product)
  return {
    type: 'vaccination',
    product: product.mp,
    manufacturer: product.ma,
    prophylaxis: product.vp,
    doseNumber: dose.doseNumber,
    totalDoses: dose.totalDoses,
    date: dose.date,
    country: dose.country,
  }
}

export function normalizeXxTemplate(raw: XxTemplateRaw, ctx: NormalizeContext): NormalizedRecord {
  const ref = sourceRef(raw.id)
  const { check, record } = raw
  if (!record) {
    checkStatus(check, ctx.now(), ref)
    throw new AdapterError(
      'RECORD_INCOMPLETE',
      'The certificate is valid, but no record source is configured to provide the event data an EU certificate needs.',
    )
  }
  const holder: NormalizedHolder = {
    identity: identityOf(record.holder),
    shown: { name: { form: 'clear', fullName: check.holder.name }, dateOfBirth: check.holder.birthDate },
  }
  const event = withHolder(holder, () => {
    checkStatus(check, ctx.now(), ref)
    return vaccination(record)
  })
  return { country: 'XX', sourceRef: ref, holder, event, expiresOn: check.validUntil }
}
