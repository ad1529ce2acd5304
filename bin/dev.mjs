#!/usr/bin/env node
// Runs a development tool written in TypeScript (`node bin/dev.mjs tools/fuzz/run.ts [args]`, as `npm run
// fuzz` does) through tsx, a dev dependency: without the dev dependencies it says so in one line.
import { pathToFileURL } from 'node:url'

const [script, ...rest] = process.argv.slice(2)
if (!script) {
  console.error('usage: node bin/dev.mjs <file.ts> [args]')
  process.exit(2)
}
try {
  const { register } = await import('tsx/esm/api')
  register()
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error
  console.error(`certbridge: ${script} is a development tool: it needs the dev dependencies (npm ci, without --omit=dev)`)
  process.exit(1)
}
process.argv = [process.argv[0], script, ...rest]
await import(pathToFileURL(script).href)
