// Every adapter folder (not starting with '_') is in the static registry, with a sandbox.
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { adapters, sandboxes } from './registry.ts'

const folders = readdirSync(fileURLToPath(new URL('.', import.meta.url)), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('_'))
  .map((entry) => entry.name)
  .sort()

describe('adapter registry', () => {
  it('registers every adapter folder, once, with its sandbox', () => {
    expect(folders.length).toBeGreaterThan(0)
    expect(adapters.map((a) => a.id).sort()).toEqual(folders)
    expect(Object.keys(sandboxes).sort()).toEqual(folders)
  })
})
