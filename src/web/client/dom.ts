// Small DOM helpers for the client script, and the page's strings (from the JSON block the server renders).
import type { Strings } from '../i18n.ts'

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id)
  if (!element) throw new Error(`missing #${id}`)
  return element as T
}

export function maybeId<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null
}

export function pageStrings(): Strings {
  return JSON.parse(byId('strings').textContent ?? '{}') as Strings
}

export function pageLang(): string {
  return document.body.dataset.lang ?? 'en'
}

export function format(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  if (text !== undefined) element.textContent = text
  if (className) element.className = className
  return element
}

export function setStatus(element: HTMLElement, text: string, tone: '' | 'ok' | 'bad' = ''): void {
  element.textContent = text
  element.className = `status${tone ? ` ${tone}` : ''}`
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  return (...args: A) => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(() => fn(...args), ms)
  }
}
