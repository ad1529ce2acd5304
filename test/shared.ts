// Where the public conformance data lives, read by the tests and never copied into the repository:
// CERTBRIDGE_TESTDATA when set (any copy), else ../shared/testdata beside the repository, else the
// git-ignored .testdata/ that `npm run testdata` fills. test/global-setup.ts stops the run with one
// message when none of them holds the data.
import { fileURLToPath } from 'node:url'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'

const repository = fileURLToPath(new URL('..', import.meta.url))

/** The folders the tests read; a directory holding all of them is a usable copy. */
export const TESTDATA_FOLDERS = ['dgc-testdata', 'eu-dcc-schema', 'eu-dcc-valuesets', 'business-rules', 'trustlists', 'gdhcn'] as const

/** The candidate directories, in order of preference, and which one is used. */
export function resolveTestdata(env: Record<string, string | undefined> = process.env): { readonly root: string; readonly from: string } {
  const explicit = env.CERTBRIDGE_TESTDATA
  if (explicit) return { root: resolve(explicit), from: 'CERTBRIDGE_TESTDATA' }
  const beside = join(repository, '..', 'shared', 'testdata')
  const fetched = join(repository, '.testdata')
  if (!existsSync(beside) && existsSync(fetched)) return { root: fetched, from: '.testdata (npm run testdata)' }
  return { root: beside, from: '../shared/testdata' }
}

/** The expected folders missing from the resolved directory (all of them when it does not exist). */
export function missingTestdata(root: string): string[] {
  return TESTDATA_FOLDERS.filter((folder) => !existsSync(join(root, folder)))
}

export const sharedTestdata = resolveTestdata().root

export function testdataPath(...parts: string[]): string {
  const path = join(sharedTestdata, ...parts)
  if (!existsSync(path)) throw new Error(`test data not found: ${path} (run \`npm run testdata\` or set CERTBRIDGE_TESTDATA)`)
  return path
}
