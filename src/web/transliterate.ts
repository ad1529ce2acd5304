// GET|POST /v1/transliterate: the ICAO 9303 names (fnt/gnt) an EU DCC would print for a family and a
// given name, as the page shows them while the holder types. Documented in the OpenAPI description.
// A letter no ICAO table covers is answered 422 DCC_NAME with the field, the character and its code
// point, and nothing else of the name. The page itself uses POST, so names stay out of URLs and logs.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { transliterate, UntransliterableLetterError } from '../dcc/icao.ts'
import { problem, problemFromError, problemResponse } from '../http/problem.ts'
import type { AppEnv } from '../http/router.ts'
import { ProblemSchema } from '../http/schemas.ts'

const MAX_NAME = 80

const name = (example: string) =>
  z
    .string()
    .max(MAX_NAME)
    .optional()
    .openapi({ example, description: `At most ${MAX_NAME} characters, in any script; empty or absent gives ''.` })

const NamesSchema = z.object({ familyName: name('Қасымова'), givenName: name('Іңкәр') }).openapi('TransliterationRequest')

const TransliterationSchema = z
  .object({
    fnt: z
      .string()
      .regex(/^[A-Z<]*$/)
      .max(MAX_NAME)
      .openapi({ example: 'KASYMOVA' }),
    gnt: z
      .string()
      .regex(/^[A-Z<]*$/)
      .max(MAX_NAME)
      .openapi({ example: 'INKAR' }),
  })
  .openapi('Transliteration')

const NameProblemSchema = ProblemSchema.extend({
  field: z.enum(['familyName', 'givenName']).optional(),
  character: z.string().optional().openapi({ description: 'The one letter no ICAO 9303 table covers' }),
  codePoint: z.string().optional().openapi({ example: 'U+10D5' }),
}).openapi('NameProblem')

const description =
  'The ICAO 9303 Part 3 transliteration (`^[A-Z<]*$`, at most 80 characters) that an EU DCC prints as `fnt`/`gnt`. The table is chosen per letter by its script: Table A for Latin letters with diacritics, Table B for Cyrillic (with the Ukrainian, Belarusian, Serbian, Macedonian, Bulgarian, Kazakh, Kyrgyz, Uzbek and Tajik letters). Spaces and hyphens become `<`. A letter outside the tables (e.g. Georgian) is refused with `DCC_NAME`, naming the field, the character and its code point.'

const responses = {
  200: { description: 'The transliterated names', content: { 'application/json': { schema: TransliterationSchema } } },
  400: {
    description: 'A name is not text or longer than 80 characters',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
  422: {
    description: 'A name holds a letter that no ICAO 9303 table covers (`DCC_NAME`)',
    content: { 'application/problem+json': { schema: NameProblemSchema } },
  },
}

const getRoute = createRoute({
  method: 'get',
  path: '/v1/transliterate',
  summary: "Transliterate a holder's names as an EU DCC prints them (fnt/gnt)",
  description: `${description} Prefer POST: names in a URL end up in logs.`,
  request: { query: NamesSchema },
  responses,
})

const postRoute = createRoute({
  method: 'post',
  path: '/v1/transliterate',
  summary: "Transliterate a holder's names as an EU DCC prints them (fnt/gnt)",
  description,
  request: { body: { required: true, content: { 'application/json': { schema: NamesSchema } } } },
  responses,
})

const invalid = () => problemResponse(problem('BAD_REQUEST', `Give familyName and givenName as text of at most ${MAX_NAME} characters.`))

/** fnt/gnt for the names, or the problem that names the refused letter. */
export function transliterationResponse(names: { familyName?: string | undefined; givenName?: string | undefined }): Response {
  const out: Record<'fnt' | 'gnt', string> = { fnt: '', gnt: '' }
  for (const [field, key] of [
    ['familyName', 'fnt'],
    ['givenName', 'gnt'],
  ] as const) {
    const value = names[field] ?? ''
    try {
      out[key] = value.trim() === '' ? '' : transliterate(value)
    } catch (error) {
      if (error instanceof UntransliterableLetterError) {
        return problemResponse(problem(error.code, error.message, { field, character: error.character, codePoint: error.codePoint }))
      }
      return problemResponse(problemFromError(error, crypto.randomUUID()))
    }
  }
  return Response.json(out, { headers: { 'cache-control': 'no-store' } })
}

/**
 * Registers both routes and their OpenAPI description. The handlers validate with the same schema
 * as the description states; they answer problems themselves, so the router needs no error handler.
 */
export function registerTransliterate(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerPath(getRoute)
  app.openAPIRegistry.registerPath(postRoute)
  app.get('/v1/transliterate', (c) => {
    const names = NamesSchema.safeParse(c.req.query())
    return names.success ? transliterationResponse(names.data) : invalid()
  })
  app.post('/v1/transliterate', async (c) => {
    let body: unknown
    try {
      body = await c.req.json()
    } catch {
      return problemResponse(problem('BAD_REQUEST', 'Send a JSON object with familyName and givenName.'))
    }
    const names = NamesSchema.safeParse(body)
    return names.success ? transliterationResponse(names.data) : invalid()
  })
}
