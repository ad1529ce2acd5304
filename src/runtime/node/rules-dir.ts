// Node only: reads a rule set from a directory laid out like the EU business-rules test data,
// <CC>/<RuleID>/rule.json plus valuesets/valueSets.json (tests/ folders beside the rules are ignored).
// Sizes are checked before reading; parsing and checks are those of parseRuleSet.
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { RulesError } from '../../rules/errors.ts'
import { MAX_RULE_FILE_BYTES, MAX_RULES, MAX_VALUESETS_FILE_BYTES } from '../../rules/limits.ts'
import { parseRuleSet, type RuleFile } from '../../rules/load.ts'
import type { RuleSet } from '../../rules/types.ts'

export async function loadRuleSetFromDirectory(dir: string): Promise<RuleSet> {
  const files: RuleFile[] = []
  for (const country of await list(dir)) {
    if (!/^[A-Z]{2}$/.test(country)) continue
    for (const ruleId of await list(join(dir, country))) {
      const path = join(country, ruleId, 'rule.json')
      const json = await readJson(join(dir, path), path, MAX_RULE_FILE_BYTES, true)
      if (json === undefined) continue
      if (files.length >= MAX_RULES) {
        throw new RulesError('RULES_TOO_LARGE', `a rule set may hold at most ${MAX_RULES} rules`)
      }
      files.push({ path, json })
    }
  }
  const valueSetsPath = join('valuesets', 'valueSets.json')
  const valueSets = await readJson(join(dir, valueSetsPath), valueSetsPath, MAX_VALUESETS_FILE_BYTES, false)
  return parseRuleSet(files, valueSets)
}

async function list(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true })
    return entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
  } catch (error) {
    throw new RulesError('RULES_UNREADABLE', 'the rule directory cannot be read', { cause: error })
  }
}

/** Parsed JSON of a file, or undefined when `optional` and the file does not exist. */
async function readJson(file: string, path: string, maxBytes: number, optional: boolean): Promise<unknown> {
  let size: number
  try {
    size = (await stat(file)).size
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new RulesError('RULES_UNREADABLE', `${path} cannot be read`, { cause: error })
  }
  if (size > maxBytes) throw new RulesError('RULES_TOO_LARGE', `${path} is larger than ${maxBytes} bytes`)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new RulesError('RULES_UNREADABLE', `${path} cannot be read`, { cause: error })
  }
  if (text.length > maxBytes) throw new RulesError('RULES_TOO_LARGE', `${path} is larger than ${maxBytes} bytes`)
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new RulesError('RULES_INVALID', `${path} is not valid JSON`, { cause: error })
  }
}
