// Shows an ApiProblem in plain words: what happened and what to do next, the code only as a reference.
import type { Strings } from '../i18n.ts'
import type { ApiProblem } from './api.ts'
import { el, format, pageLang } from './dom.ts'

type Explained = { title: string; action: string }

export function explain(strings: Strings, code: string): Explained {
  const table = strings.errors as unknown as Record<string, Explained | string>
  const entry = table[code]
  return typeof entry === 'object' ? entry : strings.errors.OTHER
}

/**
 * Codes whose server detail is safe and useful to show (it names the product, never the person).
 * The server writes details in English, so they are shown on the English page only.
 */
const detailShown = new Set(['PRODUCT_UNMAPPED', 'TYPE_NOT_CONVERTIBLE'])

export function showProblem(box: HTMLElement, strings: Strings, problem: ApiProblem): void {
  const { title, action } = explain(strings, problem.code)
  box.replaceChildren(el('h2', title))
  if (problem.detail && detailShown.has(problem.code) && pageLang() === 'en') box.append(el('p', problem.detail))
  box.append(el('p', action))
  if (problem.code !== 'NETWORK') box.append(el('p', format(strings.errors.code, { code: problem.code }), 'code'))
  box.hidden = false
  box.focus()
}

export function showMessage(box: HTMLElement, title: string, text?: string): void {
  box.replaceChildren(el('h2', title))
  if (text) box.append(el('p', text))
  box.hidden = false
  box.focus()
}

export function hide(box: HTMLElement): void {
  box.hidden = true
  box.replaceChildren()
}
