// `npm run build`: compiles the product (src/ and adapters/, tests excluded) to JavaScript in dist/,
// one output file per source file in the same layout, so every `new URL(..., import.meta.url)` keeps
// pointing where it did (dist/src/runtime/node/database.js finds dist/migrations). esbuild transpiles each file;
// relative imports stay imports (`.ts` → `.js`), packages stay external, JSON is inlined (Node needs
// import attributes for JSON modules). The worker-thread boot files (`*.mjs`) register tsx's loader
// for the sources; compiled, there is nothing to load, so `tsx/esm/api` becomes a no-op.
// `--if-stale` (npm's prestart) builds only when dist/ is missing or older than the sources;
// `--outdir DIR` writes elsewhere (the build test). Writes into a temporary folder and renames it.
import { cpSync, existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { buildState, STAMP } from '../bin/build-state.mjs'

const root = fileURLToPath(new URL('../', import.meta.url))
const { values } = parseArgs({ options: { 'if-stale': { type: 'boolean' }, outdir: { type: 'string' } } })
const outdir = values.outdir ?? join(root, 'dist')

/** Files not part of the product: tests, workerd tests, benchmarks beside the code, declarations, the
 *  adapter contract suite and the scaffolder's template adapter. */
const notProduct = /\.(test|workerd|bench)\.ts$|\.d\.ts$|^_(contract|template)\//

function sources(extension) {
  const files = []
  for (const folder of ['src', 'adapters']) {
    for (const name of readdirSync(join(root, folder), { recursive: true })) {
      if (name.endsWith(extension) && !notProduct.test(name)) files.push(join(folder, name))
    }
  }
  return files.sort()
}

/** Keeps the module graph as it is: relative imports point at the compiled files. */
const keepModules = {
  name: 'keep-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point' || args.path.endsWith('.json')) return undefined
      if (args.path.endsWith('.ts')) return { path: `${args.path.slice(0, -3)}.js`, external: true }
      if (/\.[cm]?js$/.test(args.path)) return { path: args.path, external: true }
      return { errors: [{ text: `relative import without a file extension: '${args.path}'` }] }
    })
    build.onResolve({ filter: /^tsx\/esm\/api$/ }, () => ({ path: 'tsx', namespace: 'compiled' }))
    build.onLoad({ filter: /.*/, namespace: 'compiled' }, () => ({ contents: 'export function register() {}', loader: 'js' }))
  },
}

async function build(into) {
  let esbuild
  try {
    esbuild = await import('esbuild')
  } catch {
    throw new Error('esbuild is a dev dependency: install the dev dependencies (npm ci) to build')
  }
  const common = {
    absWorkingDir: root,
    outbase: '.',
    outdir: into,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [keepModules],
  }
  await esbuild.build({ ...common, entryPoints: sources('.ts') })
  await esbuild.build({ ...common, entryPoints: sources('.mjs'), outExtension: { '.js': '.mjs' } })
  cpSync(join(root, 'migrations'), join(into, 'migrations'), { recursive: true })
  writeFileSync(join(into, STAMP), `${new Date().toISOString()}\n`)
}

async function main() {
  if (values['if-stale']) {
    const state = buildState(pathToFileURL(root), pathToFileURL(`${outdir}/`))
    if (state === 'fresh') return 0
    try {
      await import('esbuild')
    } catch {
      if (state === 'stale') {
        console.error(
          `certbridge: ${relative(root, outdir)}/ is older than the sources, and esbuild (a dev dependency) is not installed to rebuild it: starting the existing build`,
        )
        return 0
      }
    }
  }
  const temporary = `${outdir}.tmp-${process.pid}`
  try {
    await build(temporary)
    rmSync(outdir, { recursive: true, force: true })
    renameSync(temporary, outdir)
  } finally {
    if (existsSync(temporary)) rmSync(temporary, { recursive: true, force: true })
  }
  console.error(`certbridge: built ${relative(root, outdir) || outdir}/`)
  return 0
}

try {
  process.exitCode = await main()
} catch (error) {
  console.error(`certbridge build: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
  process.exitCode = 1
}
