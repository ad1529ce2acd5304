import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildClientScript, generatedModule, generatedModulePath } from '../../tools/web/build-client.ts'

describe('client-bundle.gen.ts', () => {
  it('is the current build of src/web/client (regenerate: npx tsx tools/web/build-client.ts)', async () => {
    const fresh = generatedModule(await buildClientScript())
    expect(readFileSync(generatedModulePath, 'utf8') === fresh).toBe(true)
  })

  it('uses no eval and reaches no other origin', async () => {
    const script = await buildClientScript()
    expect(script).not.toMatch(/\beval\(|new Function\(/)
    expect(script).not.toMatch(/fetch\(\s*["'`]https?:/)
  })
})
