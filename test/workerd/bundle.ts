// The Worker exactly as `wrangler deploy` would upload it: bundled by wrangler (--dry-run --outdir,
// with the esbuild metafile), then served by Miniflare (workerd) with a local D1 carrying the
// migrations. Shared by the bundle test and the Worker benchmark. Node only.
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { Miniflare } from 'miniflare'

const root = new URL('../../', import.meta.url).pathname

export interface BuiltBundle {
  readonly dir: string
  readonly modules: readonly { name: string; bytes: Uint8Array }[]
  readonly meta: { inputs: Record<string, unknown>; outputs: Record<string, { imports: { path: string; external?: boolean }[] }> }
  readonly raw: number
  readonly gzip: number
}

export async function buildWorkerBundle(): Promise<BuiltBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'certbridge-worker-'))
  const metafile = join(dir, 'meta.json')
  const wrangler = join(root, 'node_modules/wrangler/bin/wrangler.js')
  await promisify(execFile)(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', join(dir, 'out'), '--metafile', metafile], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' },
    maxBuffer: 16 * 1024 * 1024,
  })
  // the entry module first
  const names = readdirSync(join(dir, 'out'))
    .filter((n) => n.endsWith('.js') || n.endsWith('.wasm'))
    .sort((x, y) => Number(y.endsWith('.js')) - Number(x.endsWith('.js')))
  const modules = names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dir, 'out', name))) }))
  return {
    dir,
    modules,
    meta: JSON.parse(readFileSync(metafile, 'utf8')),
    raw: modules.reduce((n, m) => n + m.bytes.length, 0),
    gzip: modules.reduce((n, m) => n + gzipSync(m.bytes, { level: 9 }).length, 0),
  }
}

/** Removes the bundle's temporary directory. */
export function removeWorkerBundle(bundle: BuiltBundle): void {
  rmSync(bundle.dir, { recursive: true, force: true })
}

/** The migrations folder, statement by statement (drizzle's breakpoints). */
function migrationStatements(): string[] {
  const dir = join(root, 'migrations')
  return readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort()
    .flatMap((n) => readFileSync(join(dir, n), 'utf8').split('--> statement-breakpoint'))
    .map((s) => s.trim())
    .filter(Boolean)
}

/**
 * Serves the bundle in workerd with a fresh local D1 (migrated) and the given vars. `entry`, when
 * given, is an ES module served in front of the bundle (it may `import worker from './worker.js'`).
 */
export async function serveWorkerBundle(bundle: BuiltBundle, bindings: Record<string, string> = {}, entry?: string): Promise<Miniflare> {
  const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8')
  const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)![1]!
  const mf = new Miniflare({
    compatibilityDate,
    compatibilityFlags: ['nodejs_compat'],
    modulesRoot: join(bundle.dir, 'out'),
    modules: [
      ...(entry ? [{ type: 'ESModule' as const, path: join(bundle.dir, 'out', 'entry.js'), contents: entry }] : []),
      ...bundle.modules.map((m) => ({
        type: m.name.endsWith('.wasm') ? ('CompiledWasm' as const) : ('ESModule' as const),
        path: join(bundle.dir, 'out', m.name),
        contents: m.bytes,
      })),
    ],
    d1Databases: { DB: 'certbridge-test' },
    bindings,
    outboundService: () => new Response('no network in tests', { status: 599 }),
  })
  await mf.ready
  const db = await mf.getD1Database('DB')
  for (const statement of migrationStatements()) await db.prepare(statement).run()
  return mf
}
