// `npm run testdata` (tools/fetch-testdata.mjs) against local git repositories (file:// sources, no
// network): the pinned commit's files land where the manifest says, a source that cannot be reached
// ends with one line and exit 1 leaving nothing behind; and the tests' resolution of the data folder
// (test/shared.ts) and the one-message stop of test/global-setup.ts.
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testdataProblem } from './global-setup.ts'
import { missingTestdata, resolveTestdata, TESTDATA_FOLDERS } from './shared.ts'

const script = fileURLToPath(new URL('../tools/fetch-testdata.mjs', import.meta.url))
let dir: string
let pinned: string

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { cwd })
    .toString()
    .trim()
}

function fetch(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certbridge-fetch-testdata-'))
  const repo = join(dir, 'upstream')
  mkdirSync(join(repo, 'DE', '2DCode', 'raw'), { recursive: true })
  git(dir, 'init', '--quiet', repo)
  writeFileSync(join(repo, 'DE', '2DCode', 'raw', '1.json'), '{"version":"pinned"}')
  writeFileSync(join(repo, 'trustlist_de.json'), '{"certificates":[]}')
  git(repo, 'add', '.')
  git(repo, 'commit', '--quiet', '-m', 'pinned')
  pinned = git(repo, 'rev-parse', '--short=8', 'HEAD')
  writeFileSync(join(repo, 'DE', '2DCode', 'raw', '1.json'), '{"version":"later"}')
  git(repo, 'commit', '--quiet', '-am', 'later')
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

function manifest(name: string, sources: unknown[]): string {
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify({ sources }))
  return file
}

describe('npm run testdata', () => {
  it('copies the pinned commit of each source where the manifest says, without .git', async () => {
    const url = `file://${join(dir, 'upstream')}`
    const sources = manifest('ok.json', [
      { git: url, commit: pinned, into: 'dgc-testdata' },
      { git: url, commit: pinned, into: 'trustlists', paths: { 'trustlist_de.json': 'trustlist_de.json' } },
    ])
    const into = join(dir, 'out')
    const { code, stdout, stderr } = await fetch(['--sources', sources, '--into', into])
    expect(code, stderr).toBe(0)
    expect(stdout).toContain(into)
    expect(readFileSync(join(into, 'dgc-testdata', 'DE', '2DCode', 'raw', '1.json'), 'utf8')).toBe('{"version":"pinned"}')
    expect(existsSync(join(into, 'dgc-testdata', '.git'))).toBe(false)
    expect(readFileSync(join(into, 'trustlists', 'trustlist_de.json'), 'utf8')).toBe('{"certificates":[]}')
    expect(existsSync(join(into, 'trustlists', 'DE'))).toBe(false)
    // Run again: the folder it made is replaced, not refused.
    expect((await fetch(['--sources', sources, '--into', into])).code).toBe(0)
  })

  it('ends with one line and exit 1 when a source cannot be reached, writing nothing', async () => {
    const sources = manifest('unreachable.json', [
      { git: `file://${join(dir, 'upstream')}`, commit: pinned, into: 'dgc-testdata' },
      { git: `file://${join(dir, 'no-such-repository')}`, commit: 'abcdef12', into: 'eu-dcc-schema' },
    ])
    const into = join(dir, 'never')
    const { code, stderr } = await fetch(['--sources', sources, '--into', into])
    expect(code).toBe(1)
    const lines = stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^npm run testdata: cannot fetch file:\/\/.*no-such-repository at abcdef12: .*Nothing was written\..*CERTBRIDGE_TESTDATA/,
    )
    expect(existsSync(into)).toBe(false)
  })

  it('ends with one line for an unknown commit, and refuses to replace a folder it did not make', async () => {
    const unknown = manifest('unknown.json', [{ git: `file://${join(dir, 'upstream')}`, commit: 'deadbeef', into: 'dgc-testdata' }])
    const failed = await fetch(['--sources', unknown, '--into', join(dir, 'never2')])
    expect([failed.code, failed.stderr.trim().split('\n').length]).toEqual([1, 1])
    const foreign = join(dir, 'foreign')
    mkdirSync(foreign)
    writeFileSync(join(foreign, 'keep.txt'), 'mine')
    const ok = manifest('ok2.json', [{ git: `file://${join(dir, 'upstream')}`, commit: pinned, into: 'dgc-testdata' }])
    const refused = await fetch(['--sources', ok, '--into', foreign])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/was not made by npm run testdata/)
    expect(readFileSync(join(foreign, 'keep.txt'), 'utf8')).toBe('mine')
  })

  it('the pinned manifest lists a source for every folder the tests read', () => {
    const list = JSON.parse(readFileSync(new URL('../tools/testdata-sources.json', import.meta.url), 'utf8')) as {
      sources: { into: string; commit?: string; npm?: string }[]
    }
    for (const folder of TESTDATA_FOLDERS)
      expect(
        list.sources.some((s) => s.into.split('/')[0] === folder),
        folder,
      ).toBe(true)
    for (const s of list.sources) expect(s.commit ?? s.npm).toMatch(/^([0-9a-f]{8,40}|@?[\w/.-]+@\d[\w.-]*)$/)
  })
})

describe('where the tests find the data', () => {
  it('CERTBRIDGE_TESTDATA wins, and a folder lacking the data is one message saying how to get it', () => {
    const empty = join(dir, 'empty')
    mkdirSync(empty, { recursive: true })
    expect(resolveTestdata({ CERTBRIDGE_TESTDATA: empty })).toEqual({ root: empty, from: 'CERTBRIDGE_TESTDATA' })
    expect(missingTestdata(empty)).toEqual([...TESTDATA_FOLDERS])
    const problem = testdataProblem({ CERTBRIDGE_TESTDATA: empty })
    expect(problem).toMatch(/is not there .*npm run testdata.*CERTBRIDGE_TESTDATA/)
    expect(problem).not.toContain('\n')
    mkdirSync(join(empty, 'dgc-testdata'))
    expect(testdataProblem({ CERTBRIDGE_TESTDATA: empty })).toMatch(
      /lacks eu-dcc-schema, eu-dcc-valuesets, business-rules, trustlists, gdhcn/,
    )
    expect(testdataProblem({ CERTBRIDGE_TESTDATA: resolveTestdata({}).root })).toBeUndefined()
  })

  it('npm test without the data stops within seconds with that one message', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url))
    const result = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(
        process.execPath,
        ['node_modules/vitest/vitest.mjs', 'run', 'src/qr/decode.test.ts'],
        {
          cwd: root,
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CERTBRIDGE_TESTDATA: join(dir, 'nowhere') },
          timeout: 60_000,
        },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
      )
    })
    expect(result.code).toBe(1)
    expect(result.out).toContain('The public test data is not there')
    expect(result.out).not.toMatch(/FAIL|failed/)
  })
})
