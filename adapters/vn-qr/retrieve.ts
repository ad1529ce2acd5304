// I/O only: the record source, by the QR's QID. The QR names no host: without a configured record
// source nothing can be retrieved, and the adapter refuses with RECORD_INCOMPLETE.
import { type AdapterContext, AdapterError, parseShape, requestJson } from '../_sdk/index.ts'
import type { VnLink } from './qr.ts'
import { recordAnswer, type VnRaw } from './wire.ts'

export async function retrieveVn(link: VnLink, ctx: AdapterContext): Promise<VnRaw> {
  const source = ctx.config.RECORD_SOURCE_URL
  if (!source) {
    throw new AdapterError(
      'RECORD_INCOMPLETE',
      'No Vietnamese record source is configured, so the health record behind this personal QR cannot be read.',
    )
  }
  const url = `${source.replace(/\/+$/, '')}/v1/records/${encodeURIComponent(link.qid)}`
  const { status, body } = await requestJson(ctx, url, {
    method: 'GET',
    headers: { accept: 'application/json', authorization: `Bearer ${ctx.config.RECORD_SOURCE_TOKEN ?? ''}` },
  })
  if (status === 404) throw new AdapterError('RECORD_NOT_FOUND', 'The national platform has no health record for this personal QR.')
  if (status !== 200) throw new AdapterError('UPSTREAM_INVALID', 'The Vietnamese record source answered with an unexpected status.')
  const record = parseShape(recordAnswer, body, 'Vietnamese record source answer')
  if (record.qid !== link.qid) throw new AdapterError('UPSTREAM_INVALID', 'The Vietnamese record source answered for another QR.')
  return { link, record }
}
