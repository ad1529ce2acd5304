// Runs once before any test: without the public test data the suite would fail in dozens of places,
// so it stops here instead, with one message saying where the data was looked for and how to get it.
import { missingTestdata, resolveTestdata, TESTDATA_FOLDERS } from './shared.ts'

export function testdataProblem(env: Record<string, string | undefined> = process.env): string | undefined {
  const { root, from } = resolveTestdata(env)
  const missing = missingTestdata(root)
  if (missing.length === 0) return undefined
  const what = missing.length === TESTDATA_FOLDERS.length ? 'is not there' : `lacks ${missing.join(', ')}`
  return (
    `The public test data ${what} (looked in ${root}, from ${from}). ` +
    'Get it with `npm run testdata` (fetches the pinned public repositories into .testdata/; needs network access), ' +
    'or point CERTBRIDGE_TESTDATA at a copy of it, or place ../shared/testdata beside the repository.'
  )
}

export default function setup(): void {
  const problem = testdataProblem()
  if (problem === undefined) return
  console.error(`\n${problem}\n`)
  process.exit(1)
}
