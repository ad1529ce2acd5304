// `/verify`: read an EU DCC, ask POST /v1/verify, show the verdict, the facts, and the rules' results.
import type { Strings } from '../i18n.ts'
import { postJson, callApi, type ApiProblem } from './api.ts'
import { showAcceptance } from './acceptance.ts'
import { byId, el, format, maybeId, pageLang, setStatus } from './dom.ts'
import { hide, showProblem } from './errors.ts'
import { dccFacts, fact, findDcc, renderFacts, type Fact } from './facts.ts'
import { setupReader } from './qr-reader.ts'

interface Verification {
  status: string
  /** True only when the signature verified against a trusted key. */
  verified?: boolean
  payload?: unknown
  issuer?: { iss?: string; kid?: string; source?: string }
  exp?: string
  rules?: { country?: string; passed?: boolean; results?: Rule[] } | Rule[]
}

interface Rule {
  identifier: string
  description?: string
  result: string
}

type Explained = { title: string; action: string }

export function verifyPage(strings: Strings): void {
  const lang = pageLang()
  const hc1 = byId<HTMLTextAreaElement>('hc1')
  const form = byId<HTMLFormElement>('verify-form')
  const errorBox = byId('error')
  setupReader(hc1, {
    onText: () => form.requestSubmit(),
    // jsQR found nothing: the server's decoder reads harder photos, so let it try.
    onFailure: (code, file) => (file ? void check(strings, lang, file) : showProblem(errorBox, strings, { code, status: 0 })),
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const text = hc1.value.trim()
    if (!text) {
      hc1.setAttribute('aria-invalid', 'true')
      hc1.focus()
      return
    }
    hc1.setAttribute('aria-invalid', 'false')
    void check(strings, lang, text)
  })
}

async function check(strings: Strings, lang: string, input: string | File): Promise<void> {
  const errorBox = byId('error')
  const progress = byId('progress')
  hide(errorBox)
  byId('verify-result').hidden = true
  setStatus(progress, strings.verify.working)
  byId('verify-acceptance').hidden = true
  const country = maybeId<HTMLSelectElement>('country')?.value ?? ''
  let result
  if (typeof input === 'string') {
    result = await postJson<Verification>('/v1/verify', { hc1: input, ...(country ? { country } : {}) })
  } else {
    const body = new FormData()
    body.append('image', input)
    if (country) body.append('country', country)
    result = await callApi<Verification>('/v1/verify', { method: 'POST', body })
  }
  setStatus(progress, '')
  if (result.ok) {
    show(strings, lang, result.body)
    if (typeof input === 'string' && result.body.payload !== undefined) void showAcceptance(strings, lang, input, byId('verify-acceptance'))
    return
  }
  if (statusText(strings, result.problem.code)) return show(strings, lang, { status: result.problem.code })
  showProblem(errorBox, strings, result.problem as ApiProblem)
}

function statusText(strings: Strings, status: string): Explained | undefined {
  return (strings.verify.status as unknown as Record<string, Explained>)[status]
}

function show(strings: Strings, lang: string, verification: Verification): void {
  const v = strings.verify
  const explained = statusText(strings, verification.status) ?? v.status.OTHER
  const verdict = byId('verdict')
  verdict.className = `verdict ${verification.status === 'VALID' ? 'valid' : 'invalid'}`
  // Not verified: say so first, then why; the content read from it comes only after.
  if (verification.verified === false)
    verdict.replaceChildren(el('h3', v.notVerified), el('p', explained.title, 'reason'), el('p', explained.action))
  else verdict.replaceChildren(el('h3', explained.title), el('p', explained.action))
  if (!statusText(strings, verification.status)) verdict.append(el('p', format(strings.errors.code, { code: verification.status }), 'code'))
  const facts: Fact[] = dccFacts(strings, lang, findDcc(verification.payload), verification.exp ? { validUntil: verification.exp } : {})
  if (verification.issuer?.iss)
    facts.push(fact('signedBy', v.issuer, [verification.issuer.iss, verification.issuer.kid].filter(Boolean).join(' · ')))
  if (verification.issuer?.source) facts.push(fact('source', v.source, verification.issuer.source))
  // An unverified certificate's content is shown only after the verdict, under a heading saying so.
  const trusted = verification.verified === true
  const factsTitle = byId('verify-facts-title')
  factsTitle.textContent = trusted ? v.factsTitle : v.factsUnverified
  factsTitle.hidden = facts.length === 0
  byId('verify-facts').classList.toggle('unverified', !trusted)
  renderFacts(byId('verify-facts'), facts)
  const rules = Array.isArray(verification.rules) ? verification.rules : (verification.rules?.results ?? [])
  byId('rules-wrap').hidden = rules.length === 0
  const results = v.ruleResults as Record<string, string>
  byId('rules')
    .querySelector('tbody')!
    .replaceChildren(
      ...rules.map((rule) => {
        const row = el('tr')
        row.append(el('td', rule.identifier, 'mono'), el('td', rule.description ?? ''), el('td', results[rule.result] ?? rule.result))
        return row
      }),
    )
  const section = byId('verify-result')
  section.hidden = false
  section.focus()
}
