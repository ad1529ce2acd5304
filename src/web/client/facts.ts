// The certificate's facts in plain words, from a DCC payload (schema 1.3): name (as written and in
// ICAO letters, without the `<` filler), type, vaccine (local and EU name), dose, dates in the page's
// language, country by name, valid until, UVCI (breakable only at its `:` and `/` separators).
import type { Strings } from '../i18n.ts'
import { el, format } from './dom.ts'
import { vaccineNames } from './vaccines.ts'

export interface Dcc {
  nam?: { fn?: string; gn?: string; fnt?: string; gnt?: string }
  dob?: string
  v?: { mp?: string; dn?: number; sd?: number; dt?: string; co?: string; is?: string; ci?: string }[]
  r?: { fr?: string; df?: string; du?: string; co?: string; is?: string; ci?: string }[]
  t?: { tt?: string; sc?: string; tr?: string; co?: string; is?: string; ci?: string }[]
}

/** Finds the DCC inside whatever envelope the verifier answers with (the DCC itself, `dcc`, or CWT claims). */
export function findDcc(payload: unknown): Dcc | null {
  if (typeof payload !== 'object' || payload === null) return null
  const p = payload as Record<string, unknown>
  if ('nam' in p || 'v' in p || 'r' in p || 't' in p) return p as Dcc
  for (const key of ['dcc', 'hcert', '-260']) if (key in p) return findDcc(p[key])
  if ('1' in p) return findDcc(p['1'])
  return null
}

export function formatDate(value: string | undefined | null, lang: string): string {
  if (!value) return '—'
  const full = /^\d{4}-\d{2}-\d{2}$/.test(value)
  const date = new Date(full ? `${value}T00:00:00Z` : value)
  if (!full && !/T/.test(value)) return value // partial dates such as 1958 or 1958-08 stay as written
  if (Number.isNaN(date.getTime())) return value
  return new Intl.DateTimeFormat(lang, full ? { dateStyle: 'long', timeZone: 'UTC' } : { dateStyle: 'long' }).format(date)
}

/** A country's name in the page's language (the code itself where the browser has no name). */
export function countryName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code.toUpperCase()) ?? code
  } catch {
    return code
  }
}

/** ICAO 9303 names with the `<` filler shown as the space it stands for. */
export function icaoText(value: string | undefined): string {
  return (value ?? '').replace(/<+/g, ' ').trim()
}

export interface Fact {
  readonly label: string
  /** One or more lines; the second line is secondary (e.g. the name in Latin letters). */
  readonly lines: readonly string[]
  readonly kind?: 'mono' | 'uvci'
  /** Stable hook for tests and assistive tools, e.g. `name`, `uvci`. */
  readonly key?: string
}

export function fact(key: string, label: string, ...lines: string[]): Fact {
  return { key, label, lines }
}

export function dccFacts(
  strings: Strings,
  lang: string,
  dcc: Dcc | null,
  extra: { type?: string; validUntil?: string; uvci?: string } = {},
): Fact[] {
  const f = strings.facts
  const facts: Fact[] = []
  const nam = dcc?.nam
  if (nam) {
    const written = [nam.fn, nam.gn].filter(Boolean).join(' ')
    const latin = [icaoText(nam.fnt), icaoText(nam.gnt)].filter(Boolean).join(' ')
    facts.push(fact('name', f.name, ...[written, latin].filter((line, i, all) => line && (i === 0 || line !== all[0]))))
  }
  if (dcc?.dob) facts.push(fact('dob', f.dob, formatDate(dcc.dob, lang)))
  const v = dcc?.v?.[0]
  const r = dcc?.r?.[0]
  const t = dcc?.t?.[0]
  const type = extra.type ?? (v ? 'vaccination' : r ? 'recovery' : t ? 'test' : undefined)
  if (type) facts.push(fact('type', f.type, (f.types as Record<string, string>)[type] ?? type))
  if (v) {
    const names = vaccineNames(v.mp ?? '—', lang)
    facts.push(
      fact('vaccine', f.vaccine, ...(names.local === names.eu ? [names.local] : [names.local, format(f.vaccineEu, { name: names.eu })])),
    )
    if (v.dn !== undefined && v.sd !== undefined) facts.push(fact('dose', f.dose, format(f.doseOf, { n: v.dn, m: v.sd })))
    facts.push(fact('date', f.date, formatDate(v.dt, lang)))
  }
  if (r) facts.push(fact('firstPositive', f.firstPositive, formatDate(r.fr, lang)))
  if (t) {
    facts.push(fact('date', f.date, formatDate(t.sc, lang)))
    if (t.tr) facts.push(fact('testResult', f.testResult, t.tr === '260415000' ? f.negative : t.tr === '260373001' ? f.positive : t.tr))
  }
  const event = v ?? r ?? t
  if (event?.co) facts.push(fact('country', f.country, countryName(event.co, lang)))
  if (event?.is) facts.push(fact('issuer', f.issuer, event.is))
  const until = extra.validUntil ?? r?.du
  if (until) facts.push(fact('validUntil', f.validUntil, formatDate(until, lang)))
  const uvci = extra.uvci ?? event?.ci
  if (uvci) facts.push({ key: 'uvci', label: f.uvci, lines: [uvci], kind: 'uvci' })
  return facts
}

/** The UVCI as text with a line-break opportunity after each `:`, `/` and `#`, and nowhere else. */
function uvciNodes(uvci: string): Node[] {
  return uvci
    .split(/(?<=[:/#])/)
    .flatMap((part, i) => (i === 0 ? [document.createTextNode(part)] : [document.createElement('wbr'), document.createTextNode(part)]))
}

export function renderFacts(list: HTMLElement, facts: readonly Fact[]): void {
  list.replaceChildren(
    ...facts.flatMap(({ label, lines, kind, key }) => {
      const dd = el('dd', undefined, kind === 'mono' ? 'mono' : kind === 'uvci' ? 'mono uvci' : undefined)
      if (key) dd.dataset.fact = key
      lines.forEach((line, i) => {
        const span = el('span', undefined, i === 0 ? 'line' : 'line secondary')
        if (kind === 'uvci') span.append(...uvciNodes(line))
        else span.textContent = line
        dd.append(span)
      })
      const wrap = el('div', undefined, 'fact')
      wrap.append(el('dt', label), dd)
      return [wrap]
    }),
  )
}
