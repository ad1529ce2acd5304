// Value sets in the compressed form CertLogic rules expect (`external.valueSets`): value-set id → the
// list of its codes, e.g. { "covid-19-lab-result": ["260373001", "260415000"] }. Accepts that form
// as published beside the EU business rules (valuesets/valueSets.json), or the full eu-dcc-valuesets
// files ({ valueSetId, valueSetValues: { <code>: {...} } }) as one object, an array, or a map of them.
import { RulesError } from './errors.ts'
import { MAX_VALUESET_CODES, MAX_VALUESETS } from './limits.ts'
import type { ValueSets } from './types.ts'

/** Turns value sets in any of the accepted forms into the compressed form; RULES_INVALID otherwise. */
export function compressValueSets(input: unknown): ValueSets {
  if (Array.isArray(input)) return fromEntries(input.map(fullValueSet))
  if (!isRecord(input)) throw invalid('value sets must be a JSON object or an array of value sets')
  if ('valueSetId' in input) return fromEntries([fullValueSet(input)])
  return fromEntries(
    Object.entries(input).map(([id, value]): [string, readonly string[]] =>
      Array.isArray(value) ? [id, codeList(id, value)] : fullValueSet(value),
    ),
  )
}

/** An empty value-set collection, for rule sets evaluated without value sets. */
export const noValueSets: ValueSets = Object.freeze({})

function fullValueSet(value: unknown): [string, readonly string[]] {
  if (!isRecord(value) || typeof value.valueSetId !== 'string' || !isRecord(value.valueSetValues)) {
    throw invalid('a value set must have a string valueSetId and an object valueSetValues')
  }
  return [value.valueSetId, codeList(value.valueSetId, Object.keys(value.valueSetValues))]
}

function codeList(id: string, codes: readonly unknown[]): readonly string[] {
  if (codes.length > MAX_VALUESET_CODES) {
    throw new RulesError('RULES_TOO_LARGE', `value set ${safeId(id)} lists more than ${MAX_VALUESET_CODES} codes`)
  }
  if (!codes.every((code) => typeof code === 'string')) {
    throw invalid(`value set ${safeId(id)} must list strings only`)
  }
  return Object.freeze([...(codes as readonly string[])])
}

function fromEntries(entries: readonly [string, readonly string[]][]): ValueSets {
  if (entries.length > MAX_VALUESETS) {
    throw new RulesError('RULES_TOO_LARGE', `more than ${MAX_VALUESETS} value sets`)
  }
  const out: Record<string, readonly string[]> = Object.create(null)
  for (const [id, codes] of entries) {
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(id)) throw invalid('a value-set id has unexpected characters')
    if (id in out) throw invalid(`value set ${id} is given twice`)
    out[id] = codes
  }
  return Object.freeze(out)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function safeId(id: string): string {
  return /^[A-Za-z0-9._-]{1,100}$/.test(id) ? id : '(unnamed)'
}

function invalid(message: string): RulesError {
  return new RulesError('RULES_INVALID', message)
}
