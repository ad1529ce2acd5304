// A rule set from already-read files: every rule.json checked and typed, the value sets compressed,
// the count bounded, and no two files with the same Identifier and Version. Pure: the files come in
// as parsed JSON with their paths (for error messages), so this runs on Workers as well as on Node.
import { RulesError } from './errors.ts'
import { MAX_RULES } from './limits.ts'
import { parseRule } from './parse-rule.ts'
import type { Rule, RuleSet } from './types.ts'
import { compressValueSets } from './valuesets.ts'

export interface RuleFile {
  readonly path: string
  readonly json: unknown
}

export function parseRuleSet(files: readonly RuleFile[], valueSets: unknown): RuleSet {
  if (files.length > MAX_RULES) {
    throw new RulesError('RULES_TOO_LARGE', `a rule set may hold at most ${MAX_RULES} rules`)
  }
  const rules: Rule[] = []
  const seen = new Set<string>()
  for (const file of files) {
    const rule = parseRule(file.path, file.json)
    const key = `${rule.Country}\u0000${rule.Identifier}\u0000${rule.Version}`
    if (seen.has(key)) {
      throw new RulesError('RULES_INVALID', `rule ${rule.Identifier} version ${rule.Version} is given twice`)
    }
    seen.add(key)
    rules.push(rule)
  }
  return { rules, valueSets: compressValueSets(valueSets) }
}
