// tests/known_issues.csv of dgc-testdata: vectors the EU maintainers recorded as wrong, by test name,
// country and test set (a file name, or empty for every file of the country). A miss on such a
// vector is excluded with the issue as its reason.
import type { Flag } from './vector.ts'

export interface KnownIssue {
  readonly flags: readonly Flag[]
  readonly country: string
  readonly testSet: string
  readonly reason: string
}

const TEST_FLAGS: Record<string, readonly Flag[]> = {
  test_cose_schema: ['EXPECTEDSCHEMAVALIDATION', 'EXPECTEDVALIDOBJECT'],
  test_cose_json: ['EXPECTEDVALIDJSON'],
  test_cbor_json: ['EXPECTEDDECODE', 'EXPECTEDENCODE'],
  test_verification_check: ['EXPECTEDVERIFY'],
  test_expiration_check: ['EXPECTEDEXPIRATIONCHECK'],
  test_expected_key_usage: ['EXPECTEDKEYUSAGE'],
}

export function parseKnownIssues(csv: string): KnownIssue[] {
  const issues: KnownIssue[] = []
  for (const line of csv.split(/\r?\n/).slice(1)) {
    const [test = '', country = '', testSet = '', reason = ''] = line.split(',').map((cell) => cell.trim())
    const flags = TEST_FLAGS[test]
    if (!flags || !country) continue
    issues.push({ flags, country: country.toUpperCase(), testSet, reason: `known issue ${reason} (${test})` })
  }
  return issues
}

/** The reason a miss of `flag` in `file` is a known issue, if it is one. */
export function knownIssueFor(issues: readonly KnownIssue[], file: string, country: string, flag: Flag): string | undefined {
  const stem = (file.split('/').pop() ?? '').replace(/\.json$/, '')
  for (const issue of issues) {
    if (issue.country !== country || !issue.flags.includes(flag)) continue
    if (issue.testSet === '' || issue.testSet === stem || stem.endsWith(issue.testSet)) return issue.reason
  }
  return undefined
}
