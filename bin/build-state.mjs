// Whether the compiled product in dist/ is current: the build writes dist/.built last, and dist/ is
// fresh when no source it is made from (src/, adapters/, migrations/, the build script) changed
// since. Shared by the entry point (bin/certbridge.mjs) and the build (tools/build.mjs --if-stale).
import { readdirSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The folders and files the build reads, relative to the repository root. */
export const BUILD_SOURCES = ['src', 'adapters', 'migrations', 'tools/build.mjs']
export const STAMP = '.built'

function newestMtime(path) {
  let stat
  try {
    stat = statSync(path)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.test.ts')) continue
    const mtime = statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs
    if (mtime > newest) newest = mtime
  }
  return newest
}

/** 'missing' (no complete build), 'stale' (a source is newer than the build) or 'fresh'. */
export function buildState(root, dist = new URL('dist/', root)) {
  let built
  try {
    built = statSync(fileURLToPath(new URL(STAMP, dist))).mtimeMs
  } catch {
    return 'missing'
  }
  for (const source of BUILD_SOURCES) if (newestMtime(fileURLToPath(new URL(source, root))) > built) return 'stale'
  return 'fresh'
}
