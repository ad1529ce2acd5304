// src/web/ (floor: pages): the citizen's page, the card and its PDF, translations and the client
// bundle, over HTTP's plumbing; src/http/app.ts mounts it.
// The citizen's pages and their small helper endpoints, as one Hono router mounted by src/http/app.ts:
//   GET /, GET /verify            the pages (language from ?lang=, the lang cookie, Accept-Language)
//   GET /assets/:name             script (with jsQR), styles, print styles
//   POST /v1/links/describe       which adapter, country and link form a QR text (JSON body `text`; pure, no upstream call)
//   GET|POST /v1/transliterate    the ICAO 9303 names that will be printed (fnt/gnt), see transliterate.ts
//   POST /v1/card.pdf             the card of an HC1 as a one-page PDF (JSON body `hc1`, `lang`), see card-pdf.ts; Node only
// The page itself uses POST for both, so national identifiers and names stay out of URLs and logs.
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { problem, problemFromError, problemResponse } from '../http/problem.ts'
import { createRouter } from '../http/router.ts'
import { acceptanceCountries } from '../rules/acceptance.ts'
import type { RuleSet } from '../rules/types.ts'
import { assets } from './assets.ts'
import type { CardPdfRenderer } from './card-pdf-types.ts'
import { describeLink } from './describe.ts'
import { pageHeaders } from './headers.ts'
import { isLanguage, pickLanguage, stringsFor, type Language } from './i18n.ts'
import type { PageContext } from './layout.ts'
import { issuePage } from './page-issue.ts'
import { verifyPage } from './page-verify.ts'
import { registerTransliterate } from './transliterate.ts'

export interface WebDeps {
  /** Sandbox mode: shows the test-mode banner and the sample picker (GET /v1/sandbox/samples). */
  readonly sandbox: boolean
  /** The loaded business rules: /verify offers their arrival countries, and says so when there are none. */
  readonly rules?: RuleSet
  /** Draws POST /v1/card.pdf (Node); without it the route and the page's PDF button are absent. */
  readonly cardPdf?: CardPdfRenderer
}

const MAX_TEXT = 4_296

function pageContext(c: Context, deps: WebDeps, path: string): PageContext {
  const query = c.req.query('lang')
  const lang = pickLanguage(query, getCookie(c, 'lang'), c.req.header('accept-language'))
  if (isLanguage(query)) setCookie(c, 'lang', query, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'Lax', httpOnly: true })
  return { lang, strings: stringsFor(lang), sandbox: deps.sandbox, path, pdf: deps.cardPdf !== undefined }
}

function failure(error: unknown): Response {
  return problemResponse(problemFromError(error, crypto.randomUUID()))
}

function badRequest(detail: string): Response {
  return problemResponse(problem('BAD_REQUEST', detail))
}

/** The JSON body's string fields, or null when the body is not a JSON object. */
async function jsonFields(c: Context): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = await c.req.json()
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** `matched` is told the adapter a link belongs to (not an HC1, which belongs to none), for the request log. */
function describeResponse(text: unknown, matched: (adapter: string) => void): Response {
  if (typeof text !== 'string' || text.trim() === '') return badRequest('Give the QR text as `text`.')
  if (text.length > MAX_TEXT) return problemResponse(problem('LINK_UNSUPPORTED', 'This text is longer than any QR code holds.'))
  try {
    const described = describeLink(text)
    if (described.kind !== 'hc1') matched(described.adapter)
    return Response.json(described, { headers: { 'cache-control': 'no-store' } })
  } catch (error) {
    return failure(error)
  }
}

async function cardPdfResponse(body: Record<string, unknown> | null, deps: WebDeps, cardPdf: CardPdfRenderer): Promise<Response> {
  const hc1 = body?.hc1
  if (typeof hc1 !== 'string' || !/^HC1:/.test(hc1) || hc1.length > 8_000)
    return badRequest('Give the certificate as `hc1` (the text starting with HC1:).')
  const lang = isLanguage(typeof body?.lang === 'string' ? body.lang : undefined) ? (body!.lang as Language) : 'en'
  let pdf: Uint8Array
  try {
    pdf = await cardPdf({ hc1, lang, strings: stringsFor(lang), sandbox: deps.sandbox })
  } catch {
    return badRequest('The text is not a readable EU Digital COVID Certificate.')
  }
  return new Response(pdf.buffer.slice(pdf.byteOffset, pdf.byteOffset + pdf.byteLength) as ArrayBuffer, {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': 'attachment; filename="eu-digital-covid-certificate.pdf"',
      'cache-control': 'no-store',
    },
  })
}

export function webRoutes(deps: WebDeps) {
  // An OpenAPI router, so that the documented routes (transliterate) reach /openapi.json.
  const app = createRouter()
  app.get('/', (c) => c.body(issuePage(pageContext(c, deps, '/')), 200, pageHeaders()))
  app.get('/verify', (c) =>
    c.body(verifyPage(pageContext(c, deps, '/verify'), deps.rules ? acceptanceCountries(deps.rules) : null), 200, pageHeaders()),
  )
  app.get('/assets/:name', (c) => {
    const asset = assets[c.req.param('name')]
    if (!asset) return problemResponse(problem('NOT_FOUND', 'No such asset.'))
    return c.body(asset.body, 200, {
      'content-type': asset.type,
      'cache-control': 'public, max-age=300',
      'x-content-type-options': 'nosniff',
    })
  })
  app.post('/v1/links/describe', async (c) => describeResponse((await jsonFields(c))?.text, (adapter) => c.set('adapter', adapter)))
  const renderer = deps.cardPdf
  if (renderer) app.post('/v1/card.pdf', async (c) => cardPdfResponse(await jsonFields(c), deps, renderer))
  registerTransliterate(app)
  return app
}
