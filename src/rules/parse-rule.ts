// Checks one rule.json against the EU rule shape and the CertLogic format, and returns it typed.
// Every failure is RULES_INVALID naming the file and the field; payload data never appears here.
import { validateFormat } from 'certlogic-js/dist/validation/index.js'
import { RulesError } from './errors.ts'
import { MAX_LOGIC_DEPTH, MAX_LOGIC_NODES } from './limits.ts'
import { parseSemVer } from './semver.ts'
import type { Rule, RuleCertificateType, RuleDescription, RuleType } from './types.ts'

const RULE_TYPES: readonly RuleType[] = ['Acceptance', 'Invalidation']
const CERTIFICATE_TYPES: readonly RuleCertificateType[] = ['General', 'Vaccination', 'Recovery', 'Test']
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/

export function parseRule(path: string, json: unknown): Rule {
  const fail = (what: string) => new RulesError('RULES_INVALID', `${safePath(path)}: ${what}`)
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw fail('not a JSON object')
  const raw = json as Record<string, unknown>
  const text = (field: string, pattern?: RegExp): string => {
    const value = raw[field]
    if (typeof value !== 'string' || value.length === 0 || value.length > 200) throw fail(`${field} must be a short string`)
    if (pattern && !pattern.test(value)) throw fail(`${field} has an unexpected format`)
    return value
  }

  const identifier = text('Identifier', /^[A-Za-z0-9._-]+$/)
  const type = text('Type') as RuleType
  if (!RULE_TYPES.includes(type)) throw fail('Type must be Acceptance or Invalidation')
  const certificateType = text('CertificateType') as RuleCertificateType
  if (!CERTIFICATE_TYPES.includes(certificateType)) throw fail('CertificateType must be General, Vaccination, Recovery or Test')
  const version = text('Version')
  if (!parseSemVer(version)) throw fail('Version must be a semantic version')
  const engine = text('Engine')
  if (engine.toUpperCase() !== 'CERTLOGIC') throw fail('Engine must be CERTLOGIC')
  const validFrom = text('ValidFrom', ISO_DATE_TIME)
  const validTo = text('ValidTo', ISO_DATE_TIME)
  const from = Date.parse(validFrom)
  const to = Date.parse(validTo)
  if (Number.isNaN(from) || Number.isNaN(to)) throw fail('ValidFrom and ValidTo must be dates')
  if (from >= to) throw fail('ValidFrom must be before ValidTo')

  const rule: Rule = {
    Identifier: identifier,
    Type: type,
    Country: text('Country', /^[A-Z]{2}$/),
    Version: version,
    SchemaVersion: text('SchemaVersion'),
    Engine: engine,
    EngineVersion: text('EngineVersion'),
    CertificateType: certificateType,
    Description: descriptions(raw.Description, fail),
    ValidFrom: validFrom,
    ValidTo: validTo,
    AffectedFields: affectedFields(raw.AffectedFields, fail),
    Logic: logic(raw.Logic, fail),
  }
  if (raw.Region !== undefined && raw.Region !== null) return { ...rule, Region: text('Region') }
  return rule
}

function descriptions(value: unknown, fail: (what: string) => RulesError): readonly RuleDescription[] {
  if (!Array.isArray(value)) throw fail('Description must be an array')
  return value.map((entry) => {
    if (typeof entry !== 'object' || entry === null) throw fail('each Description must be { lang, desc }')
    const { lang, desc } = entry as Record<string, unknown>
    if (typeof lang !== 'string' || typeof desc !== 'string') throw fail('each Description must be { lang, desc }')
    return { lang, desc }
  })
}

function affectedFields(value: unknown, fail: (what: string) => RulesError): readonly string[] {
  if (!Array.isArray(value) || !value.every((field) => typeof field === 'string')) {
    throw fail('AffectedFields must be an array of strings')
  }
  return value as string[]
}

function logic(value: unknown, fail: (what: string) => RulesError): unknown {
  if (value === undefined) throw fail('Logic is missing')
  const size = measure(value)
  if (size.depth > MAX_LOGIC_DEPTH || size.nodes > MAX_LOGIC_NODES) throw fail('Logic is too large or too deep')
  const errors = validateFormat(value)
  if (errors.length > 0) throw fail(`Logic is not valid CertLogic (${errors.length} error(s))`)
  return value
}

/** Depth and node count of a JSON value, stopping early once past the bounds. */
function measure(value: unknown): { depth: number; nodes: number } {
  let nodes = 0
  let depth = 0
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length > 0 && nodes <= MAX_LOGIC_NODES && depth <= MAX_LOGIC_DEPTH) {
    const [item, level] = stack.pop() as [unknown, number]
    nodes++
    depth = Math.max(depth, level)
    if (typeof item === 'object' && item !== null) {
      for (const child of Object.values(item)) stack.push([child, level + 1])
    }
  }
  return { depth, nodes }
}

function safePath(path: string): string {
  return path.replace(/[^\w./-]/g, '?').slice(-200)
}
