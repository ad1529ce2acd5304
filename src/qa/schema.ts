// QA of the payload against EU DCC schema 1.3.x: the project's validator (src/dcc/schema.ts), then
// strictly, no property the schema does not define (the schema itself does not close its objects,
// so lenient verifiers pass them), the version being 1.3.x, and the version the file's folder claims.
import { validateDcc } from '../dcc/schema.ts'
import { check } from './catalogue.ts'
import type { CheckResult, Claims } from './types.ts'

/** The properties schema 1.3.x defines, per object (schema.test.ts proves them against the official file). */
export const SCHEMA_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  '': ['ver', 'nam', 'dob', 'v', 't', 'r'],
  nam: ['fn', 'fnt', 'gn', 'gnt'],
  v: ['tg', 'vp', 'mp', 'ma', 'dn', 'sd', 'dt', 'co', 'is', 'ci'],
  t: ['tg', 'tt', 'nm', 'ma', 'sc', 'tr', 'tc', 'co', 'is', 'ci'],
  r: ['tg', 'fr', 'co', 'is', 'df', 'du', 'ci'],
}

export function schemaChecks(payload: unknown, claims: Claims): CheckResult[] {
  const checks: CheckResult[] = []
  const validation = validateDcc(payload)
  const first = validation.errors[0]
  checks.push(
    check(
      'SCHEMA_VALID',
      validation.valid,
      validation.valid ? 'valid' : `${validation.errors.length} error(s), first: ${first?.path || '/'} ${first?.message ?? ''}`,
    ),
  )
  const extra = additionalProperties(payload)
  checks.push(
    check(
      'SCHEMA_NO_ADDITIONAL',
      extra.length === 0,
      extra.length === 0
        ? 'no additional properties'
        : `not in schema 1.3.x: ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ', …' : ''}`,
    ),
  )
  const ver = isObject(payload) && typeof payload.ver === 'string' ? payload.ver : undefined
  if (ver !== undefined) {
    const current = /^1\.3\.\d+$/.test(ver)
    checks.push(check('SCHEMA_VERSION_CURRENT', current, current ? `ver ${ver}` : `ver ${safe(ver)} is not 1.3.x`))
  }
  if (claims.version !== undefined) {
    const same = ver === claims.version
    checks.push(
      check(
        'SCHEMA_CLAIMED_VERSION',
        same,
        same ? `ver ${ver} as claimed` : `ver ${ver === undefined ? 'missing' : safe(ver)}, the folder claims ${safe(claims.version)}`,
      ),
    )
  }
  return checks
}

/** JSON paths of properties outside schema 1.3.x. */
export function additionalProperties(payload: unknown): string[] {
  if (!isObject(payload)) return []
  const extra = unknownKeys(payload, SCHEMA_PROPERTIES[''], '')
  if (isObject(payload.nam)) extra.push(...unknownKeys(payload.nam, SCHEMA_PROPERTIES.nam, '/nam'))
  for (const group of ['v', 't', 'r'] as const) {
    const entries = payload[group]
    if (!Array.isArray(entries)) continue
    entries.forEach((entry, i) => {
      if (isObject(entry)) extra.push(...unknownKeys(entry, SCHEMA_PROPERTIES[group], `/${group}/${i}`))
    })
  }
  return extra
}

function unknownKeys(object: Record<string, unknown>, allowed: readonly string[] | undefined, path: string): string[] {
  return Object.keys(object)
    .filter((key) => !allowed?.includes(key))
    .map((key) => `${path}/${safe(key)}`)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Short printable text of a field name or version (never a personal value). */
export function safe(text: string): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?')
  return printable.length > 24 ? `${printable.slice(0, 24)}…` : printable
}
