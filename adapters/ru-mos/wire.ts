// The wire formats ru-mos speaks: mos.ru's public check API (DESIGN.md §3.2) and the record source
// whose contract this adapter defines (README.md). Shapes only; the rules live in normalize.ts.
import { z } from 'zod'
import { registeredHolder } from '../_sdk/index.ts'

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const dateTime = z.iso.datetime({ offset: true })

/** POST /api/search_by_number_form → 200 */
export const checkAnswer = z.object({
  result: z
    .object({
      number: z.string().max(64),
      qrCode: z.string().max(200_000),
      certificate: z.object({
        type: z.string().max(40),
        initials: z.string().max(200),
        birthDay: date,
        start: dateTime,
        end: dateTime,
      }),
    })
    .nullable(),
})
export type CheckAnswer = z.infer<typeof checkAnswer>
export type MosCertificate = NonNullable<CheckAnswer['result']>['certificate']

const dose = z.object({
  product: z.string().min(1).max(100),
  dose: z.number().int().min(1).max(9),
  of: z.number().int().min(1).max(9),
  date,
  country: z.string().regex(/^[A-Z]{2}$/),
})

/** The event data of a record source answer (what the sandbox's fixtures hold). */
const recordBody = z.object({
  number: z.string().max(64),
  vaccination: z
    .object({
      courses: z
        .array(z.object({ startedOn: date, doses: z.array(dose).min(1).max(10) }))
        .min(1)
        .max(10),
    })
    .optional(),
  recovery: z
    .object({
      firstPositive: date,
      firstPositiveTest: z.enum(['NAAT', 'RAT', 'ANTIBODY']).optional(),
      validFrom: date,
      validUntil: date,
      country: z.string().regex(/^[A-Z]{2}$/),
    })
    .optional(),
  test: z
    .object({
      type: z.enum(['PCR', 'ANTIGEN']),
      name: z.string().min(1).max(100).optional(),
      device: z.string().min(1).max(40).optional(),
      sampledAt: dateTime,
      result: z.enum(['NEGATIVE', 'POSITIVE']),
      centre: z.string().min(1).max(80),
      country: z.string().regex(/^[A-Z]{2}$/),
    })
    .optional(),
})
export type MosRecordBody = z.infer<typeof recordBody>

/** GET <RECORD_SOURCE_URL>/v1/certificates/<number> → 200: the registered holder and the event data. */
export const recordAnswer = recordBody.extend({ holder: registeredHolder })
export type MosRecord = z.infer<typeof recordAnswer>
export type MosDose = z.infer<typeof dose>

/** What retrieve hands to normalize: the check API's certificate and, when configured, the record source's answer. */
export interface MosRaw {
  readonly number: string
  readonly certificate: MosCertificate
  readonly record: MosRecord | null
}
