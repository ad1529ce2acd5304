// The part of a rule's CertLogic that made it fail, for people: follows `if` into the branch taken and
// `and` into its first falsy operand, and renders that sub-expression compactly, e.g.
// `payload.v.0.mp in ["EU/1/20/1528", "EU/1/20/1507", …]` or
// `not-before(plusTime(external.validationClock, 0, day), plusTime(payload.v.0.dt, 14, day))`.
// Only the rule's own text is shown (variable names and literals of the rule), never payload values.
import { evaluate } from 'certlogic-js'
import type { CertLogicData } from './evaluate.ts'

const MAX_LENGTH = 240
const MAX_LIST = 4
const INFIX = new Set(['===', '!==', '<', '>', '<=', '>=', 'in', '+'])

/** The failing sub-expression of `logic` against `data`, rendered in one line. */
export function failingLogic(logic: unknown, data: CertLogicData): string {
  const text = render(locate(logic, data))
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text
}

function locate(node: unknown, data: CertLogicData): unknown {
  for (let depth = 0; depth < 50; depth++) {
    const operation = single(node)
    if (!operation) return node
    const [operator, args] = operation
    if (operator === 'and' && Array.isArray(args)) {
      const falsy = args.find((arg) => !truthy(arg, data))
      if (falsy === undefined) return node
      node = falsy
    } else if (operator === 'if' && Array.isArray(args)) {
      let next: unknown
      for (let i = 0; i + 1 < args.length; i += 2) {
        if (truthy(args[i], data)) {
          next = args[i + 1]
          break
        }
      }
      if (next === undefined) next = args.length % 2 === 1 ? args[args.length - 1] : node
      if (next === node) return node
      node = next
    } else {
      return node
    }
  }
  return node
}

function truthy(expression: unknown, data: CertLogicData): boolean {
  let value: unknown
  try {
    value = evaluate(expression as never, data)
  } catch {
    return false
  }
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0
  return Boolean(value)
}

function single(node: unknown): [string, unknown] | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined
  const entries = Object.entries(node)
  return entries.length === 1 ? entries[0] : undefined
}

export function render(node: unknown): string {
  if (typeof node === 'string') return JSON.stringify(node)
  if (typeof node !== 'object' || node === null) return String(node)
  if (Array.isArray(node)) {
    const shown = node.slice(0, MAX_LIST).map(render)
    if (node.length > MAX_LIST) shown.push(`… ${node.length - MAX_LIST} more`)
    return `[${shown.join(', ')}]`
  }
  const operation = single(node)
  if (!operation) return JSON.stringify(node)
  const [operator, args] = operation
  if (operator === 'var') return typeof args === 'string' ? args : render(args)
  const list = Array.isArray(args) ? args : [args]
  if (INFIX.has(operator) && list.length === 2) return `${render(list[0])} ${operator} ${render(list[1])}`
  if (operator === '!' && list.length === 1) return `not ${render(list[0])}`
  if (operator === 'plusTime' && list.length === 3 && typeof list[2] === 'string') {
    return `plusTime(${render(list[0])}, ${render(list[1])}, ${list[2]})`
  }
  return `${operator}(${list.map(render).join(', ')})`
}
