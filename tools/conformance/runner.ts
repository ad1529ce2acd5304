// Runs every conformance file under a dgc-testdata directory through the codec and tallies each
// expectation. A miss is excluded only when tests/known_issues.csv or EXCLUSIONS explains it.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { CHECKS } from './checks.ts'
import { EXCLUSIONS } from './exclusions.ts'
import { knownIssueFor, parseKnownIssues } from './known-issues.ts'
import type { Flag } from './vector.ts'
import { FLAGS, parseVector } from './vector.ts'

export interface Outcome {
  readonly file: string
  readonly country: string
  readonly flag: Flag
  readonly expected: boolean
  /** What the codec did; undefined when the file lacks the fields the step needs. */
  readonly actual: boolean | undefined
  readonly passed: boolean
  readonly excludedBecause?: string
}

export interface ConformanceReport {
  readonly files: number
  readonly expectations: number
  readonly passed: number
  readonly failed: number
  readonly excluded: { file: string; reason: string }[]
  readonly byCountry: Record<string, { passed: number; failed: number }>
  readonly outcomes: Outcome[]
}

/** Every .json file below `dir`, sorted: the vector files of the dgc-testdata layout. */
export function listJson(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listJson(path))
    else if (entry.name.endsWith('.json')) out.push(path)
  }
  return out.sort()
}

export async function runConformance(root: string): Promise<ConformanceReport> {
  const csv = join(root, 'tests', 'known_issues.csv')
  const knownIssues = existsSync(csv) ? parseKnownIssues(readFileSync(csv, 'utf8')) : []
  const outcomes: Outcome[] = []
  const files = listJson(root)
  for (const path of files) {
    const file = relative(root, path).split(sep).join('/')
    let vector
    try {
      vector = parseVector(file, readFileSync(path, 'utf8'))
    } catch {
      outcomes.push({ file, country: file.split('/')[0] ?? '', flag: 'EXPECTEDVALIDOBJECT', expected: true, actual: false, passed: false })
      continue
    }
    for (const flag of FLAGS) {
      const expected = vector.expected[flag]
      if (expected === undefined) continue
      let actual: boolean | undefined
      try {
        actual = await CHECKS[flag](vector)
      } catch {
        actual = false
      }
      if (actual === undefined) continue // the file does not carry what this step needs
      const passed = actual === expected
      const excludedBecause = passed ? undefined : (knownIssueFor(knownIssues, file, vector.country, flag) ?? EXCLUSIONS[file]?.[flag])
      outcomes.push({ file, country: vector.country, flag, expected, actual, passed, ...(excludedBecause ? { excludedBecause } : {}) })
    }
  }
  const counted = outcomes.filter((o) => !o.excludedBecause)
  const byCountry: Record<string, { passed: number; failed: number }> = {}
  for (const o of counted) {
    const tally = (byCountry[o.country] ??= { passed: 0, failed: 0 })
    if (o.passed) tally.passed++
    else tally.failed++
  }
  const excluded = new Map<string, string>()
  for (const o of outcomes) if (o.excludedBecause && !excluded.has(o.file)) excluded.set(o.file, o.excludedBecause)
  return {
    files: files.length,
    expectations: counted.length,
    passed: counted.filter((o) => o.passed).length,
    failed: counted.filter((o) => !o.passed).length,
    excluded: [...excluded].map(([file, reason]) => ({ file, reason })),
    byCountry,
    outcomes,
  }
}
