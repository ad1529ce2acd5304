// certbridge adapter new: the names, the registry edit, and a scaffold into a temporary copy of the
// repository (adapters/, src/, test/, migrations/, node_modules linked) that type-checks as generated
// and, in a child vitest, passes the contract suite and the registry test, and is taken up by the
// end-to-end and harness tests (its samples issued and verified) with no file touched outside its
// folder and the registry. Nothing is written to the repository.
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { sharedTestdata } from '../../test/shared.ts'
import { adapterNames, registered, run } from './adapter.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
let copy: string

function node(args: string[], timeout: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: copy, timeout, env: { ...process.env, CERTBRIDGE_TESTDATA: sharedTestdata } },
      (error, stdout, stderr) => resolve({ code: error ? 1 : 0, output: `${stdout}${stderr}` }),
    )
  })
}

async function quietly(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (out += `${a.join(' ')}\n`))
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (err += `${a.join(' ')}\n`))
  try {
    return { code: await run(argv), out, err }
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'certbridge-scaffold-'))
  for (const entry of ['adapters', 'src', 'test', 'tools', 'bin', 'migrations', 'package.json'])
    cpSync(join(root, entry), join(copy, entry), { recursive: true })
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir')
})

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true })
})

describe('adapter names', () => {
  it('derive the export, type and constant names from the id', () => {
    expect(adapterNames('kz-egov-qr', 'kz')).toEqual({
      id: 'kz-egov-qr',
      country: 'KZ',
      host: 'cert.kz-egov-qr.example',
      camel: 'kzEgovQr',
      pascal: 'KzEgovQr',
      upper: 'KZ_EGOV_QR',
    })
  })
  it.each([['KZ-egov'], ['kz'], ['kz_egov'], ['kz-'], ['k-egov']])('refuses the id %s', (id) => {
    expect(() => adapterNames(id, 'KZ')).toThrow(expect.objectContaining({ code: 'SCAFFOLD_USAGE' }))
  })
  it('refuses a country that is not two letters, and a host that is not one', () => {
    expect(() => adapterNames('kz-egov', 'KAZ')).toThrow(expect.objectContaining({ code: 'SCAFFOLD_USAGE' }))
    expect(() => adapterNames('kz-egov', 'KZ', 'https://egov.kz/')).toThrow(expect.objectContaining({ code: 'SCAFFOLD_USAGE' }))
  })
})

describe('registered', () => {
  it('imports the adapter and lists it in adapters and sandboxes', () => {
    const text = registered(readFileSync(join(root, 'adapters/registry.ts'), 'utf8'), adapterNames('kz-egov', 'KZ'))
    expect(text).toContain(
      "import { kzEgov } from './kz-egov/index.ts'\nimport { createSandbox as kzEgovSandbox } from './kz-egov/sandbox.ts'\n",
    )
    expect(text).toMatch(/export const adapters\b[^=]*= \[[^\]]*\bvnQr, kzEgov\]/)
    expect(text).toMatch(/export const sandboxes\b[^=]*= \{\n[^}]*\n {2}'kz-egov': kzEgovSandbox,\n\}/)
  })
  it('writes the adapters list as the formatter would: one line while it fits, else one entry a line', () => {
    const long =
      'export const adapters: readonly CountryAdapter[] = [aaaaaaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbbbbbb, cccccccccccccccccccc, dddddddddddddddddddd]\n'
    const registry = `import { a } from './a/index.ts'\n${long}export const sandboxes: Readonly<Record<string, SandboxFactory>> = {\n  a: a,\n}\n`
    const text = registered(registry, adapterNames('kz-egov', 'KZ'))
    expect(text).toContain(
      '= [\n  aaaaaaaaaaaaaaaaaaaa,\n  bbbbbbbbbbbbbbbbbbbb,\n  cccccccccccccccccccc,\n  dddddddddddddddddddd,\n  kzEgov,\n]\n',
    )
  })
  it('refuses a registry it cannot read', () => {
    expect(() => registered('export const x = 1\n', adapterNames('kz-egov', 'KZ'))).toThrow(
      expect.objectContaining({ code: 'SCAFFOLD_REGISTRY' }),
    )
  })
})

describe('certbridge adapter new, in a temporary copy', () => {
  it('scaffolds kz-egov and registers it; a second time, says it exists', async () => {
    const dir = join(copy, 'adapters')
    const first = await quietly(['new', 'kz-egov', '--country', 'KZ', '--dir', dir])
    expect(first.err).toBe('')
    expect(first.code).toBe(0)
    for (const file of [
      'index.ts',
      'link.ts',
      'wire.ts',
      'retrieve.ts',
      'normalize.ts',
      'products.ts',
      'sandbox.ts',
      'fixtures.ts',
      'kz-egov.test.ts',
      'README.md',
    ]) {
      expect(first.out).toContain(join('kz-egov', file))
      expect(readFileSync(join(dir, 'kz-egov', file), 'utf8')).not.toMatch(/xx-template|xxTemplate|XxTemplate|XX_TEMPLATE|\bXX\b/)
    }
    expect(readFileSync(join(dir, 'registry.ts'), 'utf8')).toContain("'kz-egov': kzEgovSandbox,")
    const again = await quietly(['new', 'kz-egov', '--country', 'KZ', '--dir', dir])
    expect(again.code).toBe(1)
    expect(again.err.trim()).toMatch(/^certbridge adapter: .*kz-egov exists already$/)
    expect((await quietly(['new', 'kz-egov'])).code).toBe(2)
  })

  it('type-checks as generated', async () => {
    const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as { include: string[] }
    writeFileSync(join(copy, 'tsconfig.json'), JSON.stringify({ ...tsconfig, include: ['adapters/kz-egov', 'adapters/registry.ts'] }))
    const result = await node([join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', copy], 120_000)
    expect(result.output).toBe('')
    expect(result.code).toBe(0)
  }, 150_000)

  it('passes the contract suite and the registry test, and the e2e and harness tests take it up', async () => {
    const include = ['adapters/kz-egov/*.test.ts', 'adapters/registry.test.ts', 'test/e2e/issuance.test.ts', 'test/harness/harness.test.ts']
    const config = { test: { include, testTimeout: 60_000, hookTimeout: 120_000, globalSetup: ['test/global-setup.ts'] } }
    writeFileSync(join(copy, 'vitest.scaffold.mjs'), `export default ${JSON.stringify(config)}\n`)
    const out = join(copy, 'report.json')
    const child = await node(
      [
        join(root, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--root',
        copy,
        '--config',
        join(copy, 'vitest.scaffold.mjs'),
        '--reporter=json',
        `--outputFile=${out}`,
      ],
      280_000,
    )
    expect(existsSync(out), child.output.slice(-2_000)).toBe(true)
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      numPassedTests: number
      numFailedTests: number
      testResults: { name: string; assertionResults: { status: string; fullName: string; failureMessages: string[] }[] }[]
    }
    const results = report.testResults.flatMap((f) => f.assertionResults)
    const failed = results.filter((r) => r.status === 'failed').map((r) => `${r.fullName}: ${r.failureMessages.join(' ').slice(0, 600)}`)
    // Other tests of the copy may be red for reasons of their own (work in progress); none may be about kz-egov,
    // and those that take the adapter up must pass.
    expect(failed.filter((f) => f.includes('kz-egov') || f.includes('adapter registry'))).toEqual([])
    const passed = new Set(results.filter((r) => r.status === 'passed').map((r) => r.fullName))
    expect(
      [
        'issuance end to end (sandbox mode, real HTTP) serves samples of every registered adapter, issuable and failing ones',
        'certbridge harness --quick exits 0 and writes the JSON in the documented shape',
        'certbridge harness --quick every certificate we issued is VALID for every verifier',
      ].filter((name) => !passed.has(name)),
    ).toEqual([])
    expect(report.testResults.map((r) => r.name.slice(copy.length + 1)).sort()).toEqual([
      'adapters/kz-egov/kz-egov.test.ts',
      'adapters/registry.test.ts',
      'test/e2e/issuance.test.ts',
      'test/harness/harness.test.ts',
    ])
    expect(results.filter((r) => r.fullName.startsWith('adapter contract: kz-egov') && r.status === 'passed').length).toBeGreaterThan(35)
  }, 300_000)
})
