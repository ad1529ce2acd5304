// I/O only: the public check API for the link's form, then (when configured, and only for a
// certificate the check found valid) the record source for the event data. Every URL is built here
// from configuration and the validated link; nothing else from the QR is sent.
//
// v2's API moved from /api/covid-cert/v3/ to /v4/. The adapter asks v4 (the current path) first and
// falls back to v3 only when v4 answers HTTP 404, so a deployment or mirror still on v3 works; a
// certificate missing from both is RECORD_NOT_FOUND.
import { type AdapterConfig, type AdapterContext, AdapterError, isoDay, type JsonAnswer, parseShape, requestJson } from '../_sdk/index.ts'
import { readCheck, type CheckAnswer } from './check.ts'
import { GOSUSLUGI_ORIGIN, type GosuslugiLink } from './link.ts'
import { recordAnswer, v1Answer, v2Answer, v3Answer, type RecordAnswer } from './wire.ts'

export interface GosuslugiRaw {
  readonly check: CheckAnswer
  /** The record source's answer (registered holder, event); null when none is configured or none was asked. */
  readonly record: RecordAnswer | null
}

export function baseUrl(config: AdapterConfig): string {
  return (config.BASE_URL || GOSUSLUGI_ORIGIN).replace(/\/+$/, '')
}

function notFound(): AdapterError {
  return new AdapterError('RECORD_NOT_FOUND', 'No Gosuslugi certificate was found for this link.')
}

/** v3 status links: the checker's path, then the older covid-cert v3 and v2 paths. */
export const V3_STATUS_PATHS = [
  '/api/covid-cert-checker/v3/cert/status/',
  '/api/covid-cert/v3/cert/status/',
  '/api/covid-cert/v2/cert/status/',
] as const

const JSON_GET: RequestInit = { method: 'GET', headers: { accept: 'application/json' } }

/** 2xx → the body; 429 → unavailable; any other 4xx → not found (one of Gosuslugi's three forms). */
function checkBody(answer: JsonAnswer): unknown {
  if (answer.status === 429) throw new AdapterError('UPSTREAM_UNAVAILABLE', 'Gosuslugi is limiting requests.', { retryAfter: 60 })
  if (answer.status >= 400) throw notFound()
  return answer.body
}

async function checkV2(link: { unrz: string; ck: string }, ctx: AdapterContext): Promise<CheckAnswer> {
  const query = `?lang=ru&ck=${encodeURIComponent(link.ck)}`
  let answer = await requestJson(ctx, `${baseUrl(ctx.config)}/api/covid-cert/v4/cert/check/${link.unrz}${query}`, JSON_GET)
  if (answer.status === 404)
    answer = await requestJson(ctx, `${baseUrl(ctx.config)}/api/covid-cert/v3/cert/check/${link.unrz}${query}`, JSON_GET)
  const { items } = parseShape(v2Answer, checkBody(answer), 'Gosuslugi check answer')
  if (items.length === 0) throw notFound()
  const item = items.find((i) => i.unrzFull === link.unrz || i.status === '404')
  if (!item) throw new AdapterError('UPSTREAM_INVALID', 'Gosuslugi answered for another certificate.')
  return { form: 'v2', item }
}

async function check(link: GosuslugiLink, ctx: AdapterContext): Promise<CheckAnswer> {
  const base = baseUrl(ctx.config)
  switch (link.kind) {
    case 'v1':
    case 'v1-unrz': {
      // v1-unrz keeps the double slash the official page builds: /verify//unrz/<unrz>.
      const path = link.kind === 'v1' ? `/api/vaccine/v1/cert/verify/${link.uuid}` : `/api/vaccine/v1/cert/verify//unrz/${link.unrz}`
      const body = parseShape(v1Answer, checkBody(await requestJson(ctx, `${base}${path}`, JSON_GET)), 'Gosuslugi check answer')
      if (link.kind === 'v1-unrz' && body.unrz !== link.unrz && body.status !== '404') {
        throw new AdapterError('UPSTREAM_INVALID', 'Gosuslugi answered for another certificate.')
      }
      return { form: 'v1', body }
    }
    case 'v2':
      return checkV2(link, ctx)
    case 'v3': {
      // Real clients call three status paths; the current one first, the older ones on HTTP 404.
      let answer = await requestJson(ctx, `${base}${V3_STATUS_PATHS[0]}${link.uuid}`, JSON_GET)
      for (const path of V3_STATUS_PATHS.slice(1)) {
        if (answer.status !== 404) break
        answer = await requestJson(ctx, `${base}${path}${link.uuid}`, JSON_GET)
      }
      return { form: 'v3', uuid: link.uuid, body: parseShape(v3Answer, checkBody(answer), 'Gosuslugi check answer') }
    }
  }
}

async function fetchRecord(certId: string, ctx: AdapterContext): Promise<RecordAnswer | null> {
  const source = ctx.config.RECORD_SOURCE_URL
  if (!source) return null
  const url = `${source.replace(/\/+$/, '')}/v1/certificates/${encodeURIComponent(certId)}`
  const { status, body } = await requestJson(ctx, url, {
    method: 'GET',
    headers: { accept: 'application/json', authorization: `Bearer ${ctx.config.RECORD_SOURCE_TOKEN ?? ''}` },
  })
  if (status === 404) throw new AdapterError('RECORD_NOT_FOUND', 'The national register holds no record for this certificate.')
  if (status !== 200) throw new AdapterError('UPSTREAM_INVALID', 'The Gosuslugi record source answered with an unexpected status.')
  const answer = parseShape(recordAnswer, body, 'Gosuslugi record source answer')
  if (answer.certId !== certId) throw new AdapterError('UPSTREAM_INVALID', 'The Gosuslugi record source answered for another certificate.')
  return answer
}

export async function retrieveGosuslugi(link: GosuslugiLink, ctx: AdapterContext): Promise<GosuslugiRaw> {
  const answer = await check(link, ctx)
  // Status rules first: an invalid, expired or unknown certificate never reaches the record source.
  const verdict = readCheck(answer, isoDay(ctx.now()))
  if (!verdict.convertible) return { check: answer, record: null }
  return { check: answer, record: await fetchRecord(verdict.certId, ctx) }
}
