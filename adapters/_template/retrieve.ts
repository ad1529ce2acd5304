// I/O only: the public check API, then (when configured) the record source for the event data. Both
// URLs are built here from configuration; nothing from the QR but the validated id is sent.
import { type AdapterConfig, type AdapterContext, AdapterError, parseShape, requestJson } from '../_sdk/index.ts'
import { XX_TEMPLATE_ORIGIN, type XxTemplateLink } from './link.ts'
import { checkAnswer, recordAnswer, type RecordAnswer, type XxTemplateRaw } from './wire.ts'

export function baseUrl(config: AdapterConfig): string {
  return (config.BASE_URL || XX_TEMPLATE_ORIGIN).replace(/\/+$/, '')
}

const notFound = () => new AdapterError('RECORD_NOT_FOUND', 'No certificate was found for this link.')
const unexpected = (who: string) => new AdapterError('UPSTREAM_INVALID', `${who} answered with an unexpected status.`)

async function fetchRecord(id: string, ctx: AdapterContext): Promise<RecordAnswer | null> {
  const source = ctx.config.RECORD_SOURCE_URL
  if (!source) return null
  const { status, body } = await requestJson(ctx, `${source.replace(/\/+$/, '')}/v1/records/${encodeURIComponent(id)}`, {
    headers: { accept: 'application/json', authorization: `Bearer ${ctx.config.RECORD_SOURCE_TOKEN ?? ''}` },
  })
  if (status === 404) throw notFound()
  if (status !== 200) throw unexpected('The record source')
  const record = parseShape(recordAnswer, body, 'record source answer')
  if (record.id !== id) throw new AdapterError('UPSTREAM_INVALID', 'The record source answered for another certificate.')
  return record
}

export async function retrieveXxTemplate(link: XxTemplateLink, ctx: AdapterContext): Promise<XxTemplateRaw> {
  const { status, body } = await requestJson(ctx, `${baseUrl(ctx.config)}/api/v1/certificates/${encodeURIComponent(link.id)}`, {
    headers: { accept: 'application/json' },
  })
  if (status === 404) throw notFound()
  if (status !== 200) throw unexpected('The check API')
  const check = parseShape(checkAnswer, body, 'check answer')
  if (check.id !== link.id) throw new AdapterError('UPSTREAM_INVALID', 'The check API answered for another certificate.')
  return { id: link.id, check, record: await fetchRecord(link.id, ctx) }
}
