// Where the public conformance data lives: ../shared/testdata beside the repository. Tests read it
// from there; nothing of it is copied into the repository.
import { fileURLToPath } from 'node:url'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const sharedTestdata = fileURLToPath(new URL('../../shared/testdata/', import.meta.url))

export function testdataPath(...parts: string[]): string {
  const path = join(sharedTestdata, ...parts)
  if (!existsSync(path)) throw new Error(`test data not found: ${path} (is ../shared beside the repository?)`)
  return path
}
