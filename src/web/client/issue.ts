// The citizen's page: recognise the national QR, preview the printed names, issue, show the EU QR.
import type { Strings } from '../i18n.ts'
import { callApi, postJson } from './api.ts'
import { byId, debounce, el, format, maybeId, pageLang, setStatus } from './dom.ts'
import { showAcceptance } from './acceptance.ts'
import { drawCardPng, type CardText } from './card-png.ts'
import { explain, hide, showMessage, showProblem } from './errors.ts'
import { countryName, dccFacts, findDcc, formatDate, icaoText, renderFacts, type Dcc } from './facts.ts'
import { setupReader } from './qr-reader.ts'

interface Described {
  adapter: string
  country: string | null
  title: string
  kind: string
}
interface Issued {
  hc1: string
  uvci: string
  type: string
  expiresAt: string
  repeated?: boolean
  qr: { svg: string; png: string }
}
interface Sample {
  adapter: string
  name: string
  qr: string
  holder: Record<string, string | undefined>
}

const holderFields = ['familyName', 'givenName', 'patronymic', 'dateOfBirth', 'documentNumber'] as const

export function issuePage(strings: Strings): void {
  const lang = pageLang()
  const qr = byId<HTMLTextAreaElement>('qr')
  const linkStatus = byId('link-status')
  const errorBox = byId('error')
  const patronymicWrap = byId('patronymic-wrap')
  const input = (id: string) => byId<HTMLInputElement>(id)

  let describeSeq = 0
  const describe = async () => {
    const text = qr.value.trim()
    const seq = ++describeSeq
    if (!text) return setStatus(linkStatus, '')
    setStatus(linkStatus, strings.issue.checking)
    const result = await postJson<Described>('/v1/links/describe', { text })
    if (seq !== describeSeq) return
    if (!result.ok) {
      if (seq === describeSeq && (await wrongScheme(text))) return setStatus(linkStatus, strings.issue.wrongScheme, 'bad')
      const { title, action } = explain(strings, result.problem.code)
      return setStatus(linkStatus, `${title} ${action}`, 'bad')
    }
    const d = result.body
    if (d.adapter === 'eu-dcc') return setStatus(linkStatus, strings.issue.alreadyEu, 'ok')
    const service = (strings.issue.services as Record<string, string>)[d.adapter] ?? d.title
    setStatus(linkStatus, format(strings.issue.recognised, { country: d.country ? countryName(d.country, lang) : '', service }), 'ok')
    patronymicWrap.hidden = d.country !== 'RU'
    if (patronymicWrap.hidden) input('patronymic').value = ''
  }
  qr.addEventListener('input', debounce(describe, 250))

  let previewSeq = 0
  const preview = debounce(async () => {
    const seq = ++previewSeq
    const names = { familyName: input('familyName').value, givenName: input('givenName').value }
    const result = await postJson<{ fnt: string; gnt: string }>('/v1/transliterate', names)
    if (seq !== previewSeq || !result.ok) return
    byId('fnt').textContent = result.body.fnt || '—'
    byId('gnt').textContent = result.body.gnt || '—'
  }, 200)
  input('familyName').addEventListener('input', preview)
  input('givenName').addEventListener('input', preview)

  setupReader(qr, {
    onText: () => hide(errorBox),
    onFailure: (code) => showProblem(errorBox, strings, { code, status: 0 }),
    onBusy: (busy) => setStatus(byId('progress'), busy ? strings.issue.reading : ''),
  })
  loadSamples(qr, preview)

  byId<HTMLFormElement>('issue-form').addEventListener('submit', (event) => {
    event.preventDefault()
    void submit(strings, lang)
  })
  maybeId('download-pdf')?.addEventListener('click', () => void downloadPdf(strings, lang))
  byId('print-a6').addEventListener('click', () => printAs('a6'))
  byId('print-a4').addEventListener('click', () => printAs('a4'))
  byId('again').addEventListener('click', () => {
    byId('result').hidden = true
    byId('result-acceptance').hidden = true
    byId<HTMLFormElement>('issue-form').hidden = false
    qr.value = ''
    setStatus(linkStatus, '')
    qr.focus()
  })
}

async function loadSamples(qr: HTMLTextAreaElement, preview: () => void): Promise<void> {
  const select = maybeId<HTMLSelectElement>('sample')
  if (!select) return
  const result = await callApi<{ samples: Sample[] }>('/v1/sandbox/samples')
  if (!result.ok || result.body.samples.length === 0) return
  const samples = result.body.samples
  samples.forEach((sample, index) => {
    const option = el('option', `${sample.adapter}: ${sample.name}`)
    option.value = String(index)
    select.append(option)
  })
  byId('sample-field').hidden = false
  select.addEventListener('change', () => {
    const sample = samples[Number(select.value)]
    if (!sample) return
    qr.value = sample.qr
    for (const name of holderFields) byId<HTMLInputElement>(name).value = sample.holder[name] ?? ''
    qr.dispatchEvent(new Event('input', { bubbles: true }))
    preview()
  })
}

async function submit(strings: Strings, lang: string): Promise<void> {
  const errorBox = byId('error')
  const progress = byId('progress')
  const button = byId<HTMLButtonElement>('submit')
  hide(errorBox)
  const value = (id: string) => byId<HTMLInputElement>(id).value.trim()
  const required: [string, string][] = [
    ['qr', strings.issue.qrLabel],
    ['familyName', strings.issue.familyName],
    ['givenName', strings.issue.givenName],
    ['dateOfBirth', strings.issue.dateOfBirth],
    ['consent', strings.issue.step3],
  ]
  const missing = required.filter(([id]) => (id === 'consent' ? !byId<HTMLInputElement>(id).checked : value(id) === ''))
  for (const [id] of required) byId(id).setAttribute('aria-invalid', String(missing.some(([m]) => m === id)))
  if (missing.length > 0) {
    showMessage(errorBox, format(strings.issue.missing, { fields: missing.map(([, label]) => label).join(', ') }))
    return
  }
  const holder: Record<string, string> = {}
  for (const name of holderFields) if (value(name) !== '' && !byId(name).closest('[hidden]')) holder[name] = value(name)
  button.disabled = true
  setStatus(progress, strings.issue.working)
  const result = await postJson<Issued | { outcome: string }>('/v1/certificates', { qr: value('qr'), holder, consent: true })
  button.disabled = false
  setStatus(progress, '')
  if (!result.ok) {
    if (/^LINK_/.test(result.problem.code) && (await wrongScheme(value('qr')))) return showMessage(errorBox, strings.issue.wrongScheme)
    return showProblem(errorBox, strings, result.problem)
  }
  if ('outcome' in result.body) return showMessage(errorBox, strings.issue.alreadyEu)
  await showResult(strings, lang, result.body)
}

async function showResult(strings: Strings, lang: string, issued: Issued): Promise<void> {
  const svg = new DOMParser().parseFromString(issued.qr.svg, 'image/svg+xml').documentElement
  const box = byId('result-qr')
  box.replaceChildren(document.importNode(svg, true))
  byId('result-repeated').hidden = !issued.repeated
  const extra = { type: issued.type, validUntil: issued.expiresAt, uvci: issued.uvci }
  // Until the verifier reads the signed payload back, the card shows what was entered.
  const entered: Dcc = {
    nam: {
      fn: fieldValue('familyName'),
      gn: fieldValue('givenName'),
      fnt: byId('fnt').textContent ?? '',
      gnt: byId('gnt').textContent ?? '',
    },
    dob: fieldValue('dateOfBirth'),
  }
  renderFacts(byId('result-facts'), dccFacts(strings, lang, entered, extra))
  byId<HTMLFormElement>('issue-form').hidden = true
  const result = byId('result')
  result.dataset.hc1 = issued.hc1
  result.hidden = false
  result.focus()
  const download = byId<HTMLAnchorElement>('download')
  download.removeAttribute('href')
  // The facts in plain words come from the signed payload itself, read back by the verifier.
  const verified = await postJson<{ payload?: unknown }>('/v1/verify', { hc1: issued.hc1 })
  const dcc = (verified.ok ? findDcc(verified.body.payload) : null) ?? entered
  if (verified.ok) renderFacts(byId('result-facts'), dccFacts(strings, lang, dcc, extra))
  void showAcceptance(strings, lang, issued.hc1, byId('result-acceptance'))
  const card = cardText(strings, lang, dcc, issued)
  result.dataset.card = JSON.stringify(card)
  download.href = await drawCardPng(box.querySelector('svg')!, card)
}

/** The card as a one-page PDF drawn by the server from the HC1 (POST /v1/card.pdf), saved as a file. */
async function downloadPdf(strings: Strings, lang: string): Promise<void> {
  const hc1 = byId('result').dataset.hc1
  if (!hc1) return
  const button = byId<HTMLButtonElement>('download-pdf')
  button.disabled = true
  let response: Response | undefined
  try {
    response = await fetch('/v1/card.pdf', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hc1, lang }),
    })
  } catch {
    response = undefined
  }
  button.disabled = false
  if (!response?.ok) return showProblem(byId('error'), strings, { code: response ? 'OTHER' : 'NETWORK', status: response?.status ?? 0 })
  const url = URL.createObjectURL(await response.blob())
  const link = el('a')
  link.href = url
  link.download = 'eu-digital-covid-certificate.pdf'
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

function fieldValue(id: string): string {
  return byId<HTMLInputElement>(id).value.trim()
}

function cardText(strings: Strings, lang: string, dcc: Dcc, issued: Issued): CardText {
  const type = (strings.facts.types as Record<string, string>)[issued.type] ?? issued.type
  const dose = dcc.v?.[0]
  const doses =
    dose?.dn !== undefined && dose.sd !== undefined
      ? ` · ${strings.facts.dose} ${format(strings.facts.doseOf, { n: dose.dn, m: dose.sd })}`
      : ''
  return {
    name: [dcc.nam?.fn, dcc.nam?.gn].filter(Boolean).join(' '),
    latin: [icaoText(dcc.nam?.fnt), icaoText(dcc.nam?.gnt)].filter(Boolean).join(' '),
    type: `${type}${doses}`,
    validity: `${strings.facts.validUntil}: ${formatDate(issued.expiresAt, lang)}`,
  }
}

/** True when an `http://` link would be recognised with `https://`: the scheme alone is wrong. */
async function wrongScheme(text: string): Promise<boolean> {
  if (!/^http:\/\//i.test(text)) return false
  const again = await postJson<Described>('/v1/links/describe', { text: `https://${text.slice(7)}` })
  return again.ok
}

/**
 * Print the card on A6 or A4: the matching print stylesheet (with its @page size) is switched on by
 * its media attribute, and the A4 default comes back once the print dialog has closed.
 */
function printAs(size: 'a4' | 'a6'): void {
  const a4 = byId<HTMLLinkElement>('print-sheet-a4')
  const a6 = byId<HTMLLinkElement>('print-sheet-a6')
  a4.media = size === 'a4' ? 'print' : 'not all'
  a6.media = size === 'a6' ? 'print' : 'not all'
  document.documentElement.dataset.print = size
  window.addEventListener(
    'afterprint',
    () => {
      a4.media = 'print'
      a6.media = 'not all'
      delete document.documentElement.dataset.print
    },
    { once: true },
  )
  window.print()
}
