// The record type (`_sdk/record.ts`) as a strict runtime schema, for the contract suite: a record an
// adapter returns may hold no field the type does not declare, at any depth, whatever its author's
// fixtures say. Each shape is checked against its type with `satisfies Record<keyof T, ...>`, so a
// field added to or removed from the type fails the type check here until the schema follows.
import { z } from 'zod'
import type {
  NormalizedRecord,
  RecoveryEvent,
  RegisteredIdentity,
  ShownHolder,
  NormalizedHolder,
  TestEvent,
  VaccinationEvent,
} from '../../src/dcc/record.ts'

type Shape<T> = Record<keyof T, z.ZodType>

const identity = {
  familyName: z.string(),
  givenName: z.string(),
  patronymic: z.string().optional(),
  latin: z.strictObject({ familyName: z.string(), givenName: z.string() }).optional(),
  dateOfBirth: z.string(),
} satisfies Shape<RegisteredIdentity>

const name = z.discriminatedUnion('form', [
  z.strictObject({ form: z.literal('masked'), words: z.array(z.string()), latinWords: z.array(z.string()).optional() }),
  z.strictObject({ form: z.literal('clear'), fullName: z.string() }),
])

const shown = {
  name: name.optional(),
  dateOfBirth: z.string().optional(),
  documentMask: z.string().optional(),
} satisfies Shape<ShownHolder>
const holder = { identity: z.strictObject(identity), shown: z.strictObject(shown) } satisfies Shape<NormalizedHolder>

const vaccination = {
  type: z.literal('vaccination'),
  product: z.string(),
  manufacturer: z.string(),
  prophylaxis: z.string(),
  doseNumber: z.number(),
  totalDoses: z.number(),
  date: z.string(),
  country: z.string(),
} satisfies Shape<VaccinationEvent>

const recovery = {
  type: z.literal('recovery'),
  firstPositive: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  country: z.string(),
} satisfies Shape<RecoveryEvent>

const test = {
  type: z.literal('test'),
  testType: z.string(),
  testName: z.string().optional(),
  device: z.string().optional(),
  sampledAt: z.string(),
  result: z.string(),
  centre: z.string(),
  country: z.string(),
} satisfies Shape<TestEvent>

const record = {
  country: z.string(),
  sourceRef: z.string(),
  holder: z.strictObject(holder),
  event: z.discriminatedUnion('type', [z.strictObject(vaccination), z.strictObject(recovery), z.strictObject(test)]),
  expiresOn: z.string().optional(),
} satisfies Shape<NormalizedRecord>

export const normalizedRecordSchema = z.strictObject(record)

/** What in `value` the record type does not allow: one line per problem ('holder.shown: unrecognized key "photo"'). */
export function recordShapeProblems(value: unknown): string[] {
  const result = normalizedRecordSchema.safeParse(value)
  if (result.success) return []
  return result.error.issues.map((issue) => {
    const at = issue.path.map(String).join('.') || '(the record)'
    return issue.code === 'unrecognized_keys'
      ? `${at}: a field the record type does not declare: ${issue.keys.join(', ')}`
      : `${at}: ${issue.message}`
  })
}
