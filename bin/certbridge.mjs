#!/usr/bin/env node
// The command-line entry point. The product runs the compiled JavaScript in dist/ (`npm run build`,
// which `npm start` runs first when dist/ is missing or older than the sources). In development, when
// dist/ is missing or stale, it runs the TypeScript sources through tsx (a dev dependency). The dev
// tools (tools/cli.ts) run from the sources, so they need the dev dependencies; without them they say
// so in one line.
import { buildState } from './build-state.mjs'

/** Commands that are development tools: they use dev dependencies, the test data or the sources. */
const DEV_TOOLS = new Set(['bench', 'harness', 'conformance'])
/** Commands of the product that read its sources (the adapter template), so they run from the sources. */
const FROM_SOURCES = new Set(['adapter'])

const root = new URL('../', import.meta.url)
const argv = process.argv.slice(2)
const devTool = DEV_TOOLS.has(argv[0] ?? '')
const fromSources = devTool || FROM_SOURCES.has(argv[0] ?? '')

/** Registers tsx's TypeScript loader; false when tsx (a dev dependency) is not installed. */
async function registerTsx() {
  try {
    const { register } = await import('tsx/esm/api')
    register()
    return true
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND') return false
    throw error
  }
}

const state = fromSources ? 'source' : buildState(root)
let entry
if (state === 'fresh') entry = new URL('dist/src/cli.js', root)
else if (await registerTsx()) entry = new URL(devTool ? 'tools/cli.ts' : 'src/cli.ts', root)
else if (state === 'stale') entry = new URL('dist/src/cli.js', root)
else {
  console.error(
    fromSources
      ? `certbridge ${argv[0]}: a development tool: it needs the dev dependencies (npm ci, without --omit=dev)`
      : 'certbridge: not built: run `npm run build` (it needs the dev dependencies), or `npm start`, which builds first',
  )
  process.exit(1)
}
const { main } = await import(entry.href)
process.exitCode = await main(argv)
