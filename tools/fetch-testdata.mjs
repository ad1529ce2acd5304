#!/usr/bin/env node
// `npm run testdata`: fetches the pinned public test data (tools/testdata-sources.json: repositories
// at commits, npm packages at versions) into a git-ignored folder, .testdata/ by default, which the
// tests then find (test/shared.ts). Everything is fetched into a temporary folder first and moved into
// place only when every source arrived, so a failure (no network, an unknown commit) leaves nothing
// half-made and ends with one line saying what could not be fetched.
//
//   node tools/fetch-testdata.mjs [--into DIR] [--sources FILE]
//   DIR defaults to CERTBRIDGE_TESTDATA, else .testdata/ in the repository.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const repository = fileURLToPath(new URL('..', import.meta.url))

class FetchError extends Error {}

/** Runs a command quietly; its last line of error output becomes the message of a FetchError. */
function run(command, args, options = {}) {
  try {
    return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, ...options })
  } catch (error) {
    const detail =
      String(error.stderr ?? error.message)
        .trim()
        .split('\n')
        .filter(Boolean)
        .at(-1) ?? 'failed'
    throw new FetchError(detail)
  }
}

function copy(from, to) {
  if (!existsSync(from)) throw new FetchError(`${from} is not in the source`)
  mkdirSync(dirname(to), { recursive: true })
  cpSync(from, to, { recursive: true, filter: (path) => !/[/\\]\.git$/.test(path) })
}

function fetchGit(source, work, staging) {
  const checkout = join(work, `git-${readdirSync(work).length}`)
  try {
    run('git', ['clone', '--quiet', '--no-checkout', source.git, checkout])
    run('git', ['-C', checkout, 'checkout', '--quiet', '--detach', source.commit])
  } catch (error) {
    throw new FetchError(`cannot fetch ${source.git} at ${source.commit}: ${error.message}`)
  }
  place(source, checkout, staging)
}

function fetchNpm(source, work, staging) {
  const folder = join(work, `npm-${readdirSync(work).length}`)
  mkdirSync(folder)
  try {
    const tarball = run('npm', ['pack', '--silent', '--pack-destination', folder, source.npm], { cwd: folder })
      .toString()
      .trim()
      .split('\n')
      .at(-1)
    run('tar', ['-xzf', join(folder, tarball), '-C', folder])
  } catch (error) {
    throw new FetchError(`cannot fetch the npm package ${source.npm}: ${error.message}`)
  }
  place(source, join(folder, 'package'), staging)
}

function place(source, from, staging) {
  const into = join(staging, source.into)
  if (!source.paths) return copy(from, into)
  for (const [path, target] of Object.entries(source.paths)) copy(join(from, path), join(into, target))
}

export function fetchTestdata({ into, sources }) {
  const list = JSON.parse(readFileSync(sources, 'utf8')).sources
  if (existsSync(into) && readdirSync(into).length > 0 && !existsSync(join(into, 'SOURCES.json'))) {
    throw new FetchError(`${into} exists and was not made by npm run testdata; choose another folder with --into`)
  }
  const work = mkdtempSync(join(tmpdir(), 'certbridge-testdata-'))
  const staging = join(work, 'staging')
  mkdirSync(staging)
  try {
    for (const source of list) {
      if (source.git) fetchGit(source, work, staging)
      else if (source.npm) fetchNpm(source, work, staging)
      else throw new FetchError(`a source has neither git nor npm: ${JSON.stringify(source)}`)
    }
    writeFileSync(join(staging, 'SOURCES.json'), JSON.stringify({ fetchedAt: new Date().toISOString(), sources: list }, null, 2))
    rmSync(into, { recursive: true, force: true })
    mkdirSync(dirname(into), { recursive: true })
    try {
      renameSync(staging, into)
    } catch {
      cpSync(staging, into, { recursive: true }) // another file system
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { into: { type: 'string' }, sources: { type: 'string' } } })
  const into = resolve(values.into ?? process.env.CERTBRIDGE_TESTDATA ?? join(repository, '.testdata'))
  const sources = resolve(values.sources ?? join(repository, 'tools', 'testdata-sources.json'))
  try {
    fetchTestdata({ into, sources })
    console.log(
      `test data fetched into ${into}${values.into || process.env.CERTBRIDGE_TESTDATA ? ' (set CERTBRIDGE_TESTDATA to it when running the tests)' : ''}`,
    )
  } catch (error) {
    if (!(error instanceof FetchError)) throw error
    console.error(
      `npm run testdata: ${error.message}. Nothing was written. This needs network access to the sources in ${sources}; ` +
        'without it, copy the test data from a machine that has it and set CERTBRIDGE_TESTDATA to that folder.',
    )
    process.exitCode = 1
  }
}
