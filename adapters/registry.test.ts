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

describe('matchLink', () => {
  it('trims, and gives the first adapter that claims the text', async () => {
    const { matchLink } = await import('./registry.ts')
    const found = matchLink('  https://www.gosuslugi.ru/covid-cert/status/6f8b5b4e-2c1a-4c1e-9d55-000000000001?lang=ru \n')
    expect(found.adapter.id).toBe('ru-gosuslugi')
    expect(found.link.kind).toBe('v3')
  })
  it('refuses unclaimed text with LINK_UNSUPPORTED and lets forgeries through as they are', async () => {
    const { matchLink } = await import('./registry.ts')
    expect(() => matchLink('https://example.org/')).toThrow(expect.objectContaining({ code: 'LINK_UNSUPPORTED' }))
    expect(() => matchLink('')).toThrow(expect.objectContaining({ code: 'LINK_UNSUPPORTED' }))
    expect(() => matchLink('https://www.gosuslugi.ru@evil.example/covid-cert/status/x')).toThrow(
      expect.objectContaining({ code: 'LINK_FORGED' }),
    )
  })
})
