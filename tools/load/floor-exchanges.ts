// The upstream exchanges of the floor server (tools/load/floor.ts): for a QR text of the load mix, the
// same HTTP requests the adapters make for it (ru-gosuslugi's four link forms with their 404
// fallbacks, ru-mos, vn-qr; then the record source), sent to the same sandboxes, with no more reading
// of links and answers than choosing those requests needs. A link these patterns do not read (the
// mix's forged links) makes no exchange, as the service refuses it before any.
//
// One difference, on purpose: the adapters ask the record source only for a certificate the check
// finds valid; the floor asks whenever the check names a certificate (so an expired or cancelled
// curated sample costs the floor one exchange more than the service). tools/load/floor-exchanges.test.ts
// compares both, request by request, against the sandboxes.

/** One upstream answer, read whole. */
export interface Answer {
  readonly status: number
  readonly text: string
}

/** Sends one request; the floor's is undici's `request`, a test's records the calls. */
export type Send = (method: 'GET' | 'POST', url: string, headers: Readonly<Record<string, string>>, body?: string) => Promise<Answer>

/** Each adapter's settings (BASE_URL, RECORD_SOURCE_URL, RECORD_SOURCE_TOKEN), as its sandbox gives them. */
export type UpstreamSettings = Readonly<Record<string, Readonly<Record<string, string>>>>

const JSON_GET = { accept: 'application/json' } as const
const V3_STATUS_PATHS = ['/api/covid-cert-checker/v3/cert/status/', '/api/covid-cert/v3/cert/status/', '/api/covid-cert/v2/cert/status/']

const GOS = 'https://www.gosuslugi.ru/'
const GOS_V2 = /^covid-cert\/verify\/(\d{16})\?(?:.*&)?ck=([0-9a-fA-F]{32})(?:&|$)/
const GOS_V3 = /^covid-cert\/status\/([0-9a-fA-F-]{36})(?:\?|$)/
const GOS_V1_UNRZ = /^vaccine\/cert\/verify\/unrz\/(\d{16})(?:\?|$)/
const GOS_V1 = /^vaccine\/cert\/verify\/([0-9a-fA-F-]{36})(?:\?|$)/
const TYPED_NUMBER = /^\d{4}(?:[ -]?\d{4}){3}$/
const MOS = /^https:\/\/immune\.mos\.ru\/qr\/?\?id=([A-Za-z0-9]{6,64})$/
const VN_QID = /^\d{10,24}$/
/** HoTen: upper case without diacritics (the service refuses any other before an exchange). */
const VN_NAME = /^[A-Z]+(?: [A-Z]+)*$/

/** The exchanges a link needs, as a plan; null when no upstream is asked. */
export type Plan =
  | { readonly adapter: 'ru-gosuslugi'; readonly kind: 'v1'; readonly uuid: string }
  | { readonly adapter: 'ru-gosuslugi'; readonly kind: 'v1-unrz'; readonly unrz: string }
  | { readonly adapter: 'ru-gosuslugi'; readonly kind: 'v2'; readonly unrz: string; readonly ck: string }
  | { readonly adapter: 'ru-gosuslugi'; readonly kind: 'v3'; readonly uuid: string }
  | { readonly adapter: 'ru-mos'; readonly id: string }
  | { readonly adapter: 'vn-qr'; readonly qid: string }

export function planFor(qrText: string): Plan | null {
  const text = qrText.trim()
  if (TYPED_NUMBER.test(text)) return { adapter: 'ru-gosuslugi', kind: 'v1-unrz', unrz: text.replace(/[ -]/g, '') }
  if (text.startsWith(GOS)) {
    const rest = text.slice(GOS.length)
    let m: RegExpExecArray | null
    if ((m = GOS_V2.exec(rest))) return { adapter: 'ru-gosuslugi', kind: 'v2', unrz: m[1]!, ck: m[2]!.toLowerCase() }
    if ((m = GOS_V3.exec(rest))) return { adapter: 'ru-gosuslugi', kind: 'v3', uuid: m[1]!.toLowerCase() }
    if ((m = GOS_V1_UNRZ.exec(rest))) return { adapter: 'ru-gosuslugi', kind: 'v1-unrz', unrz: m[1]! }
    if ((m = GOS_V1.exec(rest))) return { adapter: 'ru-gosuslugi', kind: 'v1', uuid: m[1]!.toLowerCase() }
    return null
  }
  const mos = MOS.exec(text)
  if (mos) return { adapter: 'ru-mos', id: mos[1]! }
  // Vietnam's personal QR: SoGiayTo|HoTen|NgaySinh|LoaiDinhDanh|QID|EXT; the QID names the record.
  const fields = text.split('|')
  if (fields.length >= 5 && VN_NAME.test(fields[1]!) && VN_QID.test(fields[4]!)) return { adapter: 'vn-qr', qid: fields[4]! }
  return null
}

function trimmed(url: string | undefined): string {
  return (url ?? '').replace(/\/+$/, '')
}

function json(answer: Answer): Record<string, unknown> | undefined {
  if (answer.status !== 200) return undefined
  try {
    const value: unknown = JSON.parse(answer.text)
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

async function record(send: Send, settings: Readonly<Record<string, string>> | undefined, path: string, id: string): Promise<boolean> {
  const source = trimmed(settings?.RECORD_SOURCE_URL)
  if (!source) return false
  const headers = { accept: 'application/json', authorization: `Bearer ${settings?.RECORD_SOURCE_TOKEN ?? ''}` }
  return (await send('GET', `${source}/v1/${path}/${encodeURIComponent(id)}`, headers)).status === 200
}

/** Gosuslugi's check for the link's form; the record source's key when it names a certificate. */
async function gosuslugiCheck(plan: Extract<Plan, { adapter: 'ru-gosuslugi' }>, base: string, send: Send): Promise<string | undefined> {
  switch (plan.kind) {
    case 'v1':
    case 'v1-unrz': {
      const path = plan.kind === 'v1' ? `/api/vaccine/v1/cert/verify/${plan.uuid}` : `/api/vaccine/v1/cert/verify//unrz/${plan.unrz}`
      const body = json(await send('GET', `${base}${path}`, JSON_GET))
      return body && body.status !== '404' && typeof body.unrz === 'string' ? body.unrz : undefined
    }
    case 'v2': {
      const query = `?lang=ru&ck=${encodeURIComponent(plan.ck)}`
      let answer = await send('GET', `${base}/api/covid-cert/v4/cert/check/${plan.unrz}${query}`, JSON_GET)
      if (answer.status === 404) answer = await send('GET', `${base}/api/covid-cert/v3/cert/check/${plan.unrz}${query}`, JSON_GET)
      const items = json(answer)?.items
      const found =
        Array.isArray(items) && items.some((i: { unrzFull?: unknown; status?: unknown }) => i.unrzFull === plan.unrz && i.status !== '404')
      return found ? plan.unrz : undefined
    }
    case 'v3': {
      let answer = await send('GET', `${base}${V3_STATUS_PATHS[0]}${plan.uuid}`, JSON_GET)
      for (const path of V3_STATUS_PATHS.slice(1)) {
        if (answer.status !== 404) break
        answer = await send('GET', `${base}${path}${plan.uuid}`, JSON_GET)
      }
      const body = json(answer)
      return body?.isCertFound === true && typeof body.certId === 'string' ? body.certId : undefined
    }
  }
}

/** Makes the link's exchanges; true when the record source answered with the record (the floor then signs). */
export async function exchange(plan: Plan, settings: UpstreamSettings, send: Send): Promise<boolean> {
  const own = settings[plan.adapter]
  switch (plan.adapter) {
    case 'ru-gosuslugi': {
      const certId = await gosuslugiCheck(plan, trimmed(own?.BASE_URL), send)
      return certId !== undefined && record(send, own, 'certificates', certId)
    }
    case 'ru-mos': {
      const headers = { accept: 'application/json', 'content-type': 'application/json' }
      const body = json(
        await send('POST', `${trimmed(own?.BASE_URL)}/api/search_by_number_form`, headers, JSON.stringify({ number: plan.id })),
      )
      return body?.result !== null && body?.result !== undefined && record(send, own, 'certificates', plan.id)
    }
    case 'vn-qr':
      return record(send, own, 'records', plan.qid)
  }
}
