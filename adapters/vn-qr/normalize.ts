// Pure: the QR and the record source's answer → the closed, minimal record: the registered holder
// (names with diacritics, birth date), what the QR shows of them, and the one event.
import { AdapterError, checkRecoveryTest, identityOf, type NormalizeContext, withHolder } from '../_sdk/index.ts'
import type { NormalizedEvent, NormalizedHolder, NormalizedRecord } from '../_sdk/index.ts'
import { mapProduct } from './products.ts'
import type { VnRaw, VnRecord } from './wire.ts'

const VIETNAM_OFFSET_MS = 7 * 3_600_000

export function sourceRef(qid: string): string {
  return `vn-qr:qid:${qid}`
}

/** The calendar day in Vietnam at `now`. */
export function vietnamDay(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10)
}

function toEvent(event: VnRecord['event'], today: string, ref: string): NormalizedEvent {
  switch (event.type) {
    case 'vaccination': {
      const product = mapProduct(event.vaccine)
      return {
        type: 'vaccination',
        product: product.mp,
        manufacturer: product.ma,
        prophylaxis: product.vp,
        doseNumber: event.dose,
        totalDoses: event.doses,
        date: event.date,
        country: event.country,
      }
    }
    case 'recovery':
      checkRecoveryTest(event.firstPositiveTest, event.firstPositive)
      if (event.validUntil < today) throw new AdapterError('RECORD_EXPIRED', 'This recovery record has expired.', { sourceRef: ref })
      if (event.validFrom > today) throw new AdapterError('RECORD_INVALID', 'This recovery record is not valid yet.')
      return {
        type: 'recovery',
        firstPositive: event.firstPositive,
        validFrom: event.validFrom,
        validUntil: event.validUntil,
        country: event.country,
      }
    case 'test': {
      const result = event.result === 'NEGATIVE' ? '260415000' : '260373001'
      const common = { type: 'test', sampledAt: event.sampledAt, result, centre: event.facility, country: event.country } as const
      if (event.method === 'PCR') return { ...common, testType: 'LP6464-4', ...(event.name ? { testName: event.name } : {}) }
      if (!event.device)
        throw new AdapterError('RECORD_INCOMPLETE', 'The rapid test record does not name its device, which an EU certificate must state.')
      return { ...common, testType: 'LP217198-3', device: event.device }
    }
  }
}

export function normalizeVn(raw: VnRaw, ctx: NormalizeContext): NormalizedRecord {
  const { link, record } = raw
  const ref = sourceRef(link.qid)
  // The register's identity is what the DCC states; the QR's own text is what the public side shows,
  // and the bridge checks that both describe one person. A QR made on behalf of someone designates
  // that person, but its SoGiayTo is the representative's: it is not offered for binding.
  const holder: NormalizedHolder = {
    identity: identityOf(record.holder),
    shown: {
      name: { form: 'clear', fullName: link.name },
      dateOfBirth: link.dateOfBirth,
      ...(link.kind === 'self' ? { documentMask: link.document } : {}),
    },
  }
  const event = withHolder(holder, () => {
    if (record.status === 'REVOKED')
      throw new AdapterError('RECORD_REVOKED', 'The national platform has revoked this record.', { sourceRef: ref })
    return toEvent(record.event, vietnamDay(ctx.now()), ref)
  })
  return { country: 'VN', sourceRef: ref, holder, event }
}
