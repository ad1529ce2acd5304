// Every tests/*.json case of the EU business-rules snapshot (dgc-business-rules-testdata) run through
// the engine. A case is { name, payload, external, expected }: `expected` is the boolean the rule's
// Logic gives for that payload and external, so true must come out PASS and false FAIL.
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { testdataPath } from '../../test/shared.ts'
import { evaluateRule } from './evaluate.ts'
import { parseRule } from './parse-rule.ts'

interface Case {
  readonly name?: string
  readonly payload?: unknown
  readonly external: Record<string, unknown>
  readonly expected: boolean
}

const root = testdataPath('business-rules')

function* cases(): Generator<{ file: string; ruleFile: string; testCase: Case }> {
  for (const country of readdirSync(root)
    .filter((name) => /^[A-Z]{2}$/.test(name))
    .sort()) {
    for (const ruleId of readdirSync(join(root, country)).sort()) {
      const testsDir = join(root, country, ruleId, 'tests')
      if (!existsSync(testsDir)) continue
      for (const test of readdirSync(testsDir)
        .filter((name) => name.endsWith('.json'))
        .sort()) {
        yield {
          file: join(country, ruleId, 'tests', test),
          ruleFile: join(country, ruleId, 'rule.json'),
          testCase: JSON.parse(readFileSync(join(testsDir, test), 'utf8')) as Case,
        }
      }
    }
  }
}

describe('EU business-rules test cases', () => {
  it('meets at least 99% of the expected results (all 1,364 cases of 194 rules)', () => {
    const rules = new Map<string, ReturnType<typeof parseRule>>()
    const misses: string[] = []
    let total = 0
    for (const { file, ruleFile, testCase } of cases()) {
      total++
      let rule = rules.get(ruleFile)
      if (!rule) {
        rule = parseRule(ruleFile, JSON.parse(readFileSync(join(root, ruleFile), 'utf8')))
        rules.set(ruleFile, rule)
      }
      const outcome = evaluateRule(rule, { payload: testCase.payload, external: testCase.external })
      const wanted = testCase.expected ? 'PASS' : 'FAIL'
      if (outcome.result !== wanted) {
        const why = outcome.reason ? ` (${outcome.reason})` : ''
        misses.push(`${file} "${testCase.name ?? ''}": expected ${wanted}, got ${outcome.result}${why}`)
      }
    }
    if (misses.length > 0) console.log(`business-rules misses (${misses.length}):\n${misses.join('\n')}`)
    console.log(`business-rules cases: ${total - misses.length}/${total} met, ${rules.size} rules`)
    expect(rules.size).toBe(194)
    expect(total).toBe(1364)
    expect((total - misses.length) / total).toBeGreaterThanOrEqual(0.99)
  })
})
