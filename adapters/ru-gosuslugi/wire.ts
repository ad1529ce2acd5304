// Wire shapes of the Gosuslugi public check API (DESIGN.md §3.1) and of the record source this
// adapter defines (README.md). Only the fields the adapter reads are declared; others pass unread.
import { z } from 'zod'
import { registeredHolder } from '../_sdk/index.ts'

/** An attribute of a v2 item or a v3 answer: `{type, title, entitle, value, envalue, order}`. */
export const attr = z.object({
  type: z.string(),
  value: z.string().optional(),
  envalue: z.string().optional(),
})
export type Attr = z.infer<typeof attr>

/** v1 and v1-unrz: a flat object. */
export const v1Answer = z.object({
  unrz: z.string().regex(/^\d{15,16}$/),
  fio: z.string(),
  enFio: z.string().optional(),
  birthdate: z.string(),
  doc: z.string().optional(),
  enDoc: z.string().optional(),
  stuff: z.string().optional(),
  enStuff: z.string().optional(),
  singlePhase: z.enum(['Y', 'N']).optional(),
  expiredAt: z.string().optional(),
  status: z.string(),
})
export type V1Answer = z.infer<typeof v1Answer>

export const v2Item = z.object({
  type: z.string(),
  unrz: z.string().optional(),
  unrzFull: z.string().optional(),
  attrs: z.array(attr),
  status: z.string(),
  expiredAt: z.string().optional(),
  serviceUnavailable: z.boolean().optional(),
})
export type V2Item = z.infer<typeof v2Item>

/** v2: `{items: [...], hasNext}`; not found may be an empty list or an item with status "404". */
export const v2Answer = z.object({ items: z.array(v2Item), hasNext: z.boolean().optional() })

/** v3: a flat object without a certificate type. */
export const v3Answer = z.object({
  certId: z.string().optional(),
  expiredAt: z.string().optional(),
  validFrom: z.string().optional(),
  isExpired: z.boolean(),
  isBeforeValidFrom: z.boolean().optional(),
  isCertFound: z.boolean(),
  attrs: z.array(attr).optional(),
  serviceUnavailable: z.boolean().optional(),
})
export type V3Answer = z.infer<typeof v3Answer>

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const country = z.string().regex(/^[A-Z]{2}$/)

/** The record source's event, by certificate id (see README.md). */
export const recordEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('vaccination'),
    product: z.string().min(1).max(100),
    dose: z.number().int().min(1).max(9),
    doses: z.number().int().min(1).max(9),
    date: isoDate,
    country,
    /** Every dose the register holds for the holder (this one included), to number boosters. */
    history: z
      .array(z.object({ product: z.string().min(1).max(100), date: isoDate }))
      .min(1)
      .max(20)
      .optional(),
  }),
  z.object({
    type: z.literal('recovery'),
    firstPositive: isoDate,
    firstPositiveTest: z.enum(['NAAT', 'RAT', 'ANTIBODY']).optional(),
    validFrom: isoDate,
    validUntil: isoDate,
    country,
  }),
  z.object({
    type: z.literal('test'),
    testType: z.enum(['PCR', 'ANTIGEN']),
    testName: z.string().min(1).max(80).optional(),
    device: z
      .string()
      .regex(/^\d{1,8}$/)
      .optional(),
    sampledAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/),
    result: z.enum(['NEGATIVE', 'POSITIVE']),
    centre: z.string().min(1).max(80),
    country,
  }),
  z.object({ type: z.literal('exemption') }),
  z.object({ type: z.literal('antibody') }),
])
export type RecordEvent = z.infer<typeof recordEvent>

/** GET {RECORD_SOURCE_URL}/v1/certificates/{certId} → 200: the registered holder and the event. */
export const recordAnswer = z.object({ certId: z.string(), holder: registeredHolder, event: recordEvent })
export type RecordAnswer = z.infer<typeof recordAnswer>
