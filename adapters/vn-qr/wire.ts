// The record source vn-qr speaks (its contract is in README.md): the minimal event data of one person,
// keyed by the QID of their personal QR. Shapes only; the rules live in normalize.ts.
import { z } from 'zod'
import { registeredHolder } from '../_sdk/index.ts'
import type { VnLink } from './qr.ts'

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const country = z.string().regex(/^[A-Z]{2}$/)

const vaccination = z.object({
  type: z.literal('vaccination'),
  vaccine: z.string().min(1).max(100),
  dose: z.number().int().min(1).max(9),
  doses: z.number().int().min(1).max(9),
  date,
  country,
})

const recovery = z.object({
  type: z.literal('recovery'),
  firstPositive: date,
  firstPositiveTest: z.enum(['NAAT', 'RAT', 'ANTIBODY']).optional(),
  validFrom: date,
  validUntil: date,
  country,
})

const test = z.object({
  type: z.literal('test'),
  method: z.enum(['PCR', 'RAPID_ANTIGEN']),
  name: z.string().min(1).max(100).optional(),
  device: z.string().min(1).max(40).optional(),
  sampledAt: z.iso.datetime({ offset: true }),
  result: z.enum(['NEGATIVE', 'POSITIVE']),
  facility: z.string().min(1).max(80),
  country,
})

/** GET <RECORD_SOURCE_URL>/v1/records/<qid> → 200 */
export const recordAnswer = z.object({
  qid: z.string().max(24),
  status: z.enum(['VALID', 'REVOKED']),
  holder: registeredHolder,
  event: z.discriminatedUnion('type', [vaccination, recovery, test]),
})
export type VnRecord = z.infer<typeof recordAnswer>

/** What retrieve hands to normalize: the QR as read, and the record source's answer. */
export interface VnRaw {
  readonly link: VnLink
  readonly record: VnRecord
}
