// The compiled product: `tools/build.mjs` into a temporary folder beside a copy of bin/, then the
// built CLI runs under a resolve hook that refuses every dev dependency (tsx, esbuild, vitest, ...),
// as after `npm ci --omit=dev`: `--help` answers, `serve` starts on port 0 and answers /healthz, and a
// dev tool says in one line that it needs the dev dependencies. The folder sits under
// node_modules/.cache so the runtime packages resolve from it as from the repository.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string
  devDependencies: Record<string, string>
  dependencies: Record<string, string>
}
const devOnly = Object.keys(pkg.devDependencies)

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

let folder: string
let dataDir: string
let child: ChildProcess | undefined

function run(args: string[], timeout = 60_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: folder, timeout, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr })
      },
    )
  })
}

const cli = (...args: string[]) => ['--import', './no-dev.mjs', 'bin/certbridge.mjs', ...args]

beforeAll(async () => {
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true })
  folder = mkdtempSync(join(root, 'node_modules/.cache/certbridge-build-'))
  dataDir = join(folder, 'data')
  const built = await new Promise<Run>((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'tools/build.mjs'), '--outdir', join(folder, 'dist')],
      { cwd: root, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr }),
    )
  })
  expect(built.stderr).toContain('built')
  expect(built.code).toBe(0)
  cpSync(join(root, 'bin'), join(folder, 'bin'), { recursive: true })
  // A resolve hook that refuses the dev dependencies, as if `npm ci --omit=dev` had left them out.
  writeFileSync(
    join(folder, 'no-dev-hooks.mjs'),
    `const blocked = new Set(${JSON.stringify(devOnly)})
export async function resolve(specifier, context, next) {
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]
  if (blocked.has(name)) throw Object.assign(new Error('dev dependency ' + name + ' is not installed'), { code: 'ERR_MODULE_NOT_FOUND' })
  return next(specifier, context)
}
`,
  )
  writeFileSync(join(folder, 'no-dev.mjs'), "import { register } from 'node:module'\nregister('./no-dev-hooks.mjs', import.meta.url)\n")
}, 180_000)

afterAll(() => {
  child?.kill('SIGKILL')
  if (folder) rmSync(folder, { recursive: true, force: true })
})

/** The one product command that runs from the sources (it copies the adapter template); the dev tools live in tools/. */
const DEV_TOOL_MODULES = ['src/cli/adapter.js']

/**
 * The packages the compiled product can load: every module reachable from the CLI and the Worker entry
 * by relative imports (static, dynamic, and worker files named by `new URL(..., import.meta.url)`),
 * less the dev-tool commands; for each package, one module that imports it.
 */
function productPackages(dist: string): Map<string, string> {
  const packages = new Map<string, string>()
  const seen = new Set<string>()
  const queue = ['src/cli.js', 'src/runtime/workerd/main.js']
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file) || DEV_TOOL_MODULES.includes(file)) continue
    seen.add(file)
    // A generated module holding the page script as a string is data, not imports.
    if (file.endsWith('.gen.js')) continue
    const text = readFileSync(join(dist, file), 'utf8')
    for (const [, spec] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)["']([^"']+)["']/g)) {
      if (spec!.startsWith('.')) {
        const target = join(dirname(file), spec!)
        if (/\.m?js$/.test(target) && existsSync(join(dist, target))) queue.push(target)
      } else if (!spec!.startsWith('node:') && !builtinModules.includes(spec!)) {
        const name = spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!
        if (!packages.has(name)) packages.set(name, file)
      }
    }
  }
  return packages
}

describe('the compiled CLI, without dev dependencies', () => {
  it('loads no package that is not a runtime dependency, on any product path', () => {
    const packages = productPackages(join(folder, 'dist'))
    expect(packages.size).toBeGreaterThan(10)
    const outside = [...packages].filter(([name]) => !(name in pkg.dependencies)).map(([name, file]) => `${name} (imported by ${file})`)
    expect(outside).toEqual([])
  })

  it('tsx and esbuild are dev dependencies only', () => {
    expect(devOnly).toEqual(expect.arrayContaining(['tsx', 'esbuild']))
    expect(Object.keys(pkg.dependencies)).not.toContain('tsx')
    expect(Object.keys(pkg.dependencies)).not.toContain('esbuild')
  })

  it('npm ls --omit=dev finds neither tsx nor esbuild, not even as a dependency of a dependency', async () => {
    const tree = await new Promise<string>((resolve) => {
      execFile('npm', ['ls', '--omit=dev', '--json', 'tsx', 'esbuild'], { cwd: root, timeout: 60_000 }, (_error, stdout) => resolve(stdout))
    })
    expect(JSON.parse(tree)).toEqual({ name: 'certbridge', version: pkg.version })
  })

  it('the hook does refuse a dev dependency', async () => {
    const result = await run(['--import', './no-dev.mjs', '--input-type=module', '-e', "await import('tsx/esm/api')"])
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain('dev dependency tsx is not installed')
  })

  it('--help lists the commands', async () => {
    const result = await run(cli('--help'))
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Usage: certbridge <command>/)
    expect(result.stdout).toContain('serve')
  })

  it('serve starts on port 0 and answers /healthz', async () => {
    const proc = spawn(process.execPath, cli('serve', '--port', '0', '--data-dir', dataDir), {
      cwd: folder,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    child = proc
    const url = await new Promise<string>((resolve, reject) => {
      let err = ''
      proc.stderr!.on('data', (chunk: Buffer) => {
        err += chunk.toString()
        const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(err)
        if (m) resolve(m[1]!)
      })
      proc.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err.slice(-800)}`)))
    })
    const response = await fetch(`${url}/healthz`)
    expect(response.status).toBe(200)
    proc.kill('SIGTERM')
  }, 60_000)

  it('verify reads a QR picture in a worker thread, whose boot file needs no loader once compiled', async () => {
    // The picture holds a synthetic HC1 text (test/fixtures/qr/README.md): decoded, it fails at base45.
    const result = await run(cli('verify', join(root, 'test/fixtures/qr/clean.jpg'), '--json'))
    expect(result.stderr).not.toMatch(/ERR_|dev dependency/)
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'HCERT_BASE45', verified: false })
  })

  it.each(['bench', 'harness', 'adapter'])('the dev tool %s says in one line that it needs the dev dependencies', async (tool) => {
    const result = await run(cli(tool))
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr.trim().split('\n')).toEqual([
      `certbridge ${tool}: a development tool: it needs the dev dependencies (npm ci, without --omit=dev)`,
    ])
  })
})
