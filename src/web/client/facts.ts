// The certificate's facts in plain words, from a DCC payload (schema 1.3): type, vaccine, dose, dates,
// valid until, UVCI. Dates are formatted in the page's language.
import type { Strings } from '../i18n.ts'
import { el, format } from './dom.ts'

export interface Dcc {
  nam?: { fn?: string; gn?: string; fnt?: string; gnt?: string }
  dob?: string
  v?: { mp?: string; dn?: number; sd?: number; dt?: string; co?: string; is?: string; ci?: string }[]
  r?: { fr?: string; df?: string; du?: string; co?: string; is?: string; ci?: string }[]
  t?: { tt?: string; sc?: string; tr?: string; co?: string; is?: string; ci?: string }[]
}

/** Common names of the vaccine codes the bridge's adapters map to (EU value set vaccines-covid-19-names). */
const vaccineNames: Readonly<Record<string, string>> = {
  'EU/1/20/1528': 'Comirnaty (BioNTech/Pfizer)',
  'EU/1/20/1507': 'Spikevax (Moderna)',
  'EU/1/21/1529': 'Vaxzevria (AstraZeneca)',
  'EU/1/20/1525': 'Jcovden (Janssen)',
  'EU/1/21/1618': 'Nuvaxovid (Novavax)',
  'Sputnik-V': 'Sputnik V',
  'Sputnik-Light': 'Sputnik Light',
  'Sputnik-M': 'Sputnik M',
  EpiVacCorona: 'EpiVacCorona',
  'EpiVacCorona-N': 'EpiVacCorona-N',
  CoviVac: 'CoviVac',
  Covishield: 'Covishield',
  'BBIBP-CorV': 'BBIBP-CorV (Sinopharm)',
  CoronaVac: 'CoronaVac (Sinovac)',
  Covaxin: 'Covaxin',
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

export function formatDate(value: string | undefined, lang: string): string {
  if (!value) return '—'
  const full = /^\d{4}-\d{2}-\d{2}$/.test(value)
  const date = new Date(full ? `${value}T00:00:00Z` : value)
  if (!full && !/T/.test(value)) return value // partial dates such as 1958 or 1958-08 stay as written
  if (Number.isNaN(date.getTime())) return value
  return new Intl.DateTimeFormat(lang, full ? { dateStyle: 'long', timeZone: 'UTC' } : { dateStyle: 'long' }).format(date)
}

export type Fact = readonly [label: string, value: string, mono?: boolean]

export function dccFacts(strings: Strings, lang: string, dcc: Dcc | null, extra: { type?: string; validUntil?: string; uvci?: string } = {}): Fact[] {
  const f = strings.facts
  const facts: Fact[] = []
  const nam = dcc?.nam
  if (nam) facts.push([f.name, [nam.fn, nam.gn].filter(Boolean).join(' ') + (nam.fnt ? ` (${[nam.fnt, nam.gnt].filter(Boolean).join(', ')})` : '')])
  if (dcc?.dob) facts.push([f.dob, formatDate(dcc.dob, lang)])
  const v = dcc?.v?.[0]
  const r = dcc?.r?.[0]
  const t = dcc?.t?.[0]
  const type = extra.type ?? (v ? 'vaccination' : r ? 'recovery' : t ? 'test' : undefined)
  if (type) facts.push([f.type, (f.types as Record<string, string>)[type] ?? type])
  if (v) {
    facts.push([f.vaccine, vaccineNames[v.mp ?? ''] ?? v.mp ?? '—'])
    if (v.dn !== undefined && v.sd !== undefined) facts.push([f.dose, format(f.doseOf, { n: v.dn, m: v.sd })])
    facts.push([f.date, formatDate(v.dt, lang)])
  }
  if (r) facts.push([f.firstPositive, formatDate(r.fr, lang)])
  if (t) {
    facts.push([f.date, formatDate(t.sc, lang)])
    if (t.tr) facts.push([f.testResult, t.tr === '260415000' ? f.negative : t.tr === '260373001' ? f.positive : t.tr])
  }
  const event = v ?? r ?? t
  if (event?.co) facts.push([f.country, event.co])
  if (event?.is) facts.push([f.issuer, event.is])
  const until = extra.validUntil ?? r?.du
  if (until) facts.push([f.validUntil, formatDate(until, lang)])
  const uvci = extra.uvci ?? event?.ci
  if (uvci) facts.push([f.uvci, uvci, true])
  return facts
}

export function renderFacts(list: HTMLElement, facts: readonly Fact[]): void {
  list.replaceChildren(...facts.flatMap(([label, value, mono]) => [el('dt', label), el('dd', value, mono ? 'mono' : undefined)]))
}
