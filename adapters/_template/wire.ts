// The wire formats xx-template speaks: the national public check API and the record source whose
// contract this adapter defines (README.md). Shapes only; the rules live in normalize.ts.
import { z } from 'zod'
import { registeredHolder } from '../_sdk/index.ts'

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const country = z.string().regex(/^[A-Z]{2}$/)

/** GET <BASE_URL>/api/v1/certificates/<id> → 200: the certificate's status and what it shows of the holder. */
export const checkAnswer = z.object({
  id: z.string().max(40),
  status: z.enum(['VALID', 'EXPIRED', 'REVOKED']),
  validUntil: date,
  holder: z.object({ name: z.string().min(1).max(120), birthDate: date }),
})
export type CheckAnswer = z.infer<typeof checkAnswer>

/** GET <RECORD_SOURCE_URL>/v1/records/<id> → 200 (bearer token): the registered holder and the last dose. */
export const recordAnswer = z.object({
  id: z.string().max(40),
  holder: registeredHolder,
  vaccination: z.object({
    product: z.string().min(1).max(100),
    doseNumber: z.number().int().min(1).max(9),
    totalDoses: z.number().int().min(1).max(9),
    date,
    country,
  }),
})
export type RecordAnswer = z.infer<typeof recordAnswer>

/** What retrieve hands to normalize: the check answer and, when configured, the record source's answer. */
export interface XxTemplateRaw {
  readonly id: string
  readonly check: CheckAnswer
  readonly record: RecordAnswer | null
}
