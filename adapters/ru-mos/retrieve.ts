// I/O only: mos.ru's public check API, then (when configured) the record source for the event data.
// Both URLs are built here from configuration; nothing from the QR but the validated id is sent.
import { type AdapterConfig, type AdapterContext, AdapterError, parseShape, requestJson } from '../_sdk/index.ts'
import type { MosLink } from './link.ts'
import { MOS_ORIGIN } from './link.ts'
import { checkAnswer, recordAnswer, type MosRaw, type MosRecord } from './wire.ts'

export function baseUrl(config: AdapterConfig): string {
  return (config.BASE_URL || MOS_ORIGIN).replace(/\/+$/, '')
}

function notFound(): AdapterError {
  return new AdapterError('RECORD_NOT_FOUND', 'No Moscow certificate was found for this link.')
}

function unexpectedStatus(who: string): AdapterError {
  return new AdapterError('UPSTREAM_INVALID', `${who} answered with an unexpected status.`)
}

async function fetchRecord(number: string, ctx: AdapterContext): Promise<MosRecord | null> {
  const source = ctx.config.RECORD_SOURCE_URL
  if (!source) return null
  const url = `${source.replace(/\/+$/, '')}/v1/certificates/${encodeURIComponent(number)}`
  const { status, body } = await requestJson(ctx, url, {
    method: 'GET',
    headers: { accept: 'application/json', authorization: `Bearer ${ctx.config.RECORD_SOURCE_TOKEN ?? ''}` },
  })
  if (status === 404) throw notFound()
  if (status !== 200) throw unexpectedStatus('The Moscow record source')
  const record = parseShape(recordAnswer, body, 'Moscow record source answer')
  if (record.number !== number) throw new AdapterError('UPSTREAM_INVALID', 'The Moscow record source answered for another certificate.')
  return record
}

export async function retrieveMos(link: MosLink, ctx: AdapterContext): Promise<MosRaw> {
  const { status, body } = await requestJson(ctx, `${baseUrl(ctx.config)}/api/search_by_number_form`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({ number: link.id }),
  })
  if (status === 404) throw notFound()
  if (status !== 200) throw unexpectedStatus('mos.ru')
  const { result } = parseShape(checkAnswer, body, 'mos.ru check answer')
  // mos.ru may also say "not found" as 200 with `result: null`.
  if (result === null) throw notFound()
  if (result.number !== link.id) throw new AdapterError('UPSTREAM_INVALID', 'mos.ru answered for another certificate.')
  return { number: link.id, certificate: result.certificate, record: await fetchRecord(link.id, ctx) }
}
