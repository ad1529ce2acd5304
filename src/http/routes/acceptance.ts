// GET|POST /v1/acceptance: where an EU DCC is accepted, and when. The certificate is verified first
// (signature, trust, validity, revocation, as POST /v1/verify), then every arrival country whose
// business rules are loaded is evaluated over time by src/rules/acceptance.ts: accepted at the clock
// or not, the window (from/until) around it, and the failing rules with their description in the
// asked language (English as the fallback, flagged). With no rules loaded the answer says so and
// lists no country. GET takes the HC1 in the query (for tools); the page uses POST.
import { createRoute, z } from '@hono/zod-openapi'
import { MAX_HC1_LENGTH } from '../../hcert/limits.ts'
import { acceptance, acceptanceCountries } from '../../rules/acceptance.ts'
import { CLOCK_PATTERN, parseClock } from '../../verify/clock.ts'
import type { VerifyRouteDeps } from './verify.ts'
import { VERIFICATION_STATUSES } from '../../verify/status.ts'
import { verifyCertificate } from '../../verify/verify.ts'
import { HttpError } from '../problem.ts'
import { createRouter } from '../router.ts'
import { problemResponses } from '../schemas.ts'

const hc1 = z.string().min(1).max(MAX_HC1_LENGTH).openapi({ description: 'The EU DCC text, starting with HC1:', example: 'HC1:NCF...' })
const at = z
  .string()
  .regex(CLOCK_PATTERN, 'expected an ISO 8601 date or date-time with zone')
  .openapi({ description: 'The instant `accepted` answers for (default: now).', example: '2022-01-15T12:00:00Z' })
const lang = z
  .string()
  .regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'expected a language tag')
  .openapi({ description: 'Language of the rule descriptions (e.g. ru, vi, de); English where a rule has none in it.', example: 'de' })
const countries = z
  .string()
  .regex(/^[A-Za-z]{2}(?:,[A-Za-z]{2})*$/, 'expected comma-separated ISO 3166-1 alpha-2 codes')
  .openapi({
    description: 'Only these arrival countries (comma-separated); default every country with Acceptance rules.',
    example: 'DE,FR',
  })

export const AcceptanceRequestSchema = z
  .object({ hc1, at: at.optional(), lang: lang.optional(), countries: countries.optional() })
  .strict()
  .openapi('AcceptanceRequest')

const Window = z.object({
  from: z.string().nullable().openapi({ description: 'First instant accepted (ISO 8601); null: since before every rule and date.' }),
  until: z.string().nullable().openapi({ description: 'Last instant accepted (ISO 8601); null: no rule or date ends it.' }),
})

const CountrySchema = z
  .object({
    country: z.string().openapi({ example: 'DE' }),
    accepted: z.boolean().openapi({ description: 'Every rule passes at the clock and the clock lies within the certificate life.' }),
    outside: z.enum(['NOT_YET_ISSUED', 'EXPIRED']).optional(),
    from: z
      .string()
      .nullable()
      .openapi({ description: 'Start of the window holding the clock, else of the next one, else of the last one.' }),
    until: z.string().nullable(),
    windows: z.array(Window),
    rulesEvaluated: z.number().int(),
    failing: z.array(
      z.object({
        identifier: z.string().openapi({ example: 'VR-DE-0002' }),
        version: z.string(),
        type: z.enum(['Acceptance', 'Invalidation']),
        country: z.string(),
        description: z.object({
          text: z.string(),
          language: z.string(),
          fallback: z.boolean().openapi({ description: 'True when the asked language was not available.' }),
        }),
        result: z.enum(['FAIL', 'OPEN']),
        reason: z.enum(['EVALUATION_ERROR', 'NON_BOOLEAN_RESULT']).optional(),
        failingLogic: z.string().openapi({ description: 'The part of the rule logic that failed.' }),
      }),
    ),
  })
  .openapi('CountryAcceptance')

export const AcceptanceResultSchema = z
  .object({
    status: z.enum(VERIFICATION_STATUSES).openapi({ description: 'The verification status, as POST /v1/verify answers it.' }),
    verified: z.boolean().openapi({
      description: 'True only when the signature verified with a trusted key; the table is otherwise about an untrusted payload.',
    }),
    clock: z.string(),
    rulesLoaded: z.boolean().openapi({ description: 'False when this server has no business rules: `countries` is then empty.' }),
    countries: z.array(CountrySchema),
  })
  .openapi('AcceptanceResult')

const responses = {
  200: { description: 'Acceptance per arrival country', content: { 'application/json': { schema: AcceptanceResultSchema } } },
  ...problemResponses([400, 413, 415]),
}
const summary = 'Where an EU DCC is accepted: every arrival country whose rules are loaded, now and over time'
const getRoute = createRoute({ method: 'get', path: '/v1/acceptance', summary, request: { query: AcceptanceRequestSchema }, responses })
const postRoute = createRoute({
  method: 'post',
  path: '/v1/acceptance',
  summary,
  description: 'The same as GET, with the certificate in a JSON body (keeps it out of URLs and logs).',
  request: { body: { required: true, content: { 'application/json': { schema: AcceptanceRequestSchema } } } },
  responses,
})

type Request = z.infer<typeof AcceptanceRequestSchema>

async function answer(deps: VerifyRouteDeps, request: Request) {
  const clock = request.at === undefined ? deps.now() : parseClock(request.at)
  if (!clock) throw new HttpError('BAD_REQUEST', 'at is not a valid ISO 8601 date.')
  const verification = await verifyCertificate(
    { hc1: request.hc1 },
    { keys: deps.keys, now: deps.now(), ...(deps.revocation ? { revocation: deps.revocation } : {}) },
    { at: clock },
  )
  const base = {
    status: verification.status,
    verified: verification.verified,
    clock: verification.clock,
    rulesLoaded: deps.rules !== undefined,
  }
  if (!deps.rules || verification.payload === undefined) return { ...base, countries: [] }
  const wanted = request.countries?.toUpperCase().split(',')
  const known = new Set(acceptanceCountries(deps.rules))
  const result = acceptance(
    deps.rules,
    {
      payload: verification.payload,
      ...(verification.issuer?.iss ? { issuerCountry: verification.issuer.iss } : {}),
      ...(verification.iat ? { iat: new Date(verification.iat) } : {}),
      ...(verification.exp ? { exp: new Date(verification.exp) } : {}),
      ...(verification.issuer?.kid ? { kid: verification.issuer.kid } : {}),
    },
    { at: clock, countries: wanted ? wanted.filter((c) => known.has(c)) : [...known], language: request.lang ?? 'en' },
  )
  return { ...base, countries: Object.values(result).map((c) => ({ ...c, windows: [...c.windows], failing: [...c.failing] })) }
}

export function acceptanceRoutes(deps: VerifyRouteDeps) {
  const app = createRouter()
  app.openapi(getRoute, async (c) => c.json(await answer(deps, c.req.valid('query')), 200, { 'cache-control': 'no-store' }))
  app.openapi(postRoute, async (c) => c.json(await answer(deps, c.req.valid('json')), 200, { 'cache-control': 'no-store' }))
  return app
}
