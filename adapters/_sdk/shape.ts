// Checks an upstream body against a zod schema. Zod runs without JIT (no `new Function`), so this
// works on Cloudflare Workers. A mismatch is UPSTREAM_INVALID; the message names what was expected,
// never the body's content (zod's issues may quote values, so they are not kept either).
import { z } from 'zod'
import { AdapterError } from './errors.ts'

z.config({ jitless: true })

export function parseShape<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body)
  if (result.success) return result.data
  // Issue paths are left out too: a record's keys can be data.
  throw new AdapterError('UPSTREAM_INVALID', `The ${what} does not have the expected shape.`)
}
