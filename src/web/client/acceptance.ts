// "Where this certificate is accepted": asks POST /v1/acceptance and shows, per arrival country whose
// rules the service has loaded, whether it is accepted now, from and until when, and why not (the
// failing rules' descriptions in the page's language, or English, said so). Without loaded rules it
// says that, rather than listing countries it cannot check.
import type { Strings } from '../i18n.ts'
import { postJson } from './api.ts'
import { el, format } from './dom.ts'
import { countryName } from './facts.ts'

interface Failing {
  identifier: string
  description: { text: string; language: string; fallback: boolean }
}
interface Country {
  country: string
  accepted: boolean
  outside?: 'NOT_YET_ISSUED' | 'EXPIRED'
  from: string | null
  until: string | null
  windows: unknown[]
  failing: Failing[]
}
interface Answer {
  verified: boolean
  clock: string
  rulesLoaded: boolean
  countries: Country[]
}

function instant(value: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date(value))
}

function languageName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}

function cell(label: string, content: string | Node, className?: string): HTMLTableCellElement {
  const td = el('td', undefined, className)
  td.dataset.label = label
  td.append(content)
  return td
}

function reasons(a: Strings['acceptance'], country: Country, lang: string): Node {
  if (country.accepted) return document.createTextNode('')
  if (country.outside) return document.createTextNode(country.outside === 'EXPIRED' ? a.expired : a.notYet)
  const list = el('ul', undefined, 'reasons')
  for (const rule of country.failing) {
    const item = el('li')
    if (rule.description.fallback)
      item.append(
        Object.assign(el('abbr', rule.description.language.toUpperCase(), 'fallback'), {
          title: languageName(rule.description.language, lang),
        }),
        ' ',
      )
    const text = el('span', rule.description.text)
    text.lang = rule.description.language
    item.append(text)
    list.append(item)
  }
  if (country.failing.length === 0) list.append(el('li', a.notNow))
  return list
}

function row(strings: Strings, lang: string, country: Country): HTMLTableRowElement {
  const a = strings.acceptance
  const tr = el('tr', undefined, country.accepted ? 'accepted' : 'refused')
  tr.dataset.country = country.country
  const never = country.windows.length === 0
  tr.append(
    cell(a.country, countryName(country.country, lang), 'country'),
    cell(a.now, country.accepted ? a.yes : a.no, 'now'),
    ...(never
      ? [Object.assign(cell(`${a.from} – ${a.until}`, a.never, 'never'), { colSpan: 2 })]
      : [
          cell(a.from, country.from ? instant(country.from, lang) : '—', 'from'),
          cell(a.until, country.until ? instant(country.until, lang) : a.noEnd, 'until'),
        ]),
    cell(a.why, reasons(a, country, lang), 'why'),
  )
  return tr
}

/** Fills `box` (a section with a heading) with the acceptance of `hc1`. */
export async function showAcceptance(strings: Strings, lang: string, hc1: string, box: HTMLElement): Promise<void> {
  const a = strings.acceptance
  const body = box.querySelector<HTMLElement>('.acceptance-body')!
  body.replaceChildren(el('p', a.loading, 'status'))
  box.hidden = false
  const result = await postJson<Answer>('/v1/acceptance', { hc1, lang })
  if (!result.ok) return body.replaceChildren(el('p', a.failed, 'status bad'))
  const answer = result.body
  if (!answer.rulesLoaded || answer.countries.length === 0) return body.replaceChildren(el('p', a.none, 'note none'))
  const parts: Node[] = []
  if (!answer.verified) parts.push(el('p', a.unverified, 'note bad'))
  parts.push(el('p', format(a.intro, { date: instant(answer.clock, lang) })))
  const table = el('table')
  const head = el('tr')
  for (const label of [a.country, a.now, a.from, a.until, a.why]) {
    const th = el('th', label)
    th.scope = 'col'
    head.append(th)
  }
  const thead = el('thead')
  thead.append(head)
  const tbody = el('tbody')
  const sorted = [...answer.countries].sort(
    (x, y) => Number(y.accepted) - Number(x.accepted) || countryName(x.country, lang).localeCompare(countryName(y.country, lang), lang),
  )
  tbody.append(...sorted.map((country) => row(strings, lang, country)))
  table.append(thead, tbody)
  parts.push(table)
  if (answer.countries.some((country) => country.failing.some((rule) => rule.description.fallback)))
    parts.push(el('p', a.fallback, 'note fallback-note'))
  body.replaceChildren(...parts)
}
