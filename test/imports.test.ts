// The import graph of the product (src/, adapters/): no file imports itself through others (no cycle),
// and imports go one way, from the platform up to the runtime edges and the CLI (the floors below). Relative imports are read from the sources as text
// (static `import … from`, `export … from` and dynamic `import('…')`), type-only imports included.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8')
  const found: string[] = []
  for (const match of text.matchAll(IMPORT)) {
    const target = match[1] ?? match[2]
    if (target?.endsWith('.ts')) found.push(relative(root, resolve(dirname(join(root, file)), target)))
  }
  return found
}

const files = [...sources('src'), ...sources('adapters')]
const graph = new Map(files.map((file) => [file, importsOf(file)]))

function cycles(): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  const visit = (file: string) => {
    state.set(file, 'open')
    path.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next])
      else if (!state.has(next) && graph.has(next)) visit(next)
    }
    path.pop()
    state.set(file, 'done')
  }
  for (const file of files) if (!state.has(file)) visit(file)
  return found
}

/** The floors of the house, lowest first: a file may import from its own floor and those below. */
const FLOORS: readonly (readonly [floor: string, rank: number, paths: readonly string[]])[] = [
  ['platform', 0, ['src/platform/']],
  ['codec', 1, ['src/hcert/']],
  ['payload', 2, ['src/dcc/']],
  ['trust', 3, ['src/trust/']],
  ['revocation', 4, ['src/revocation/']],
  ['rules', 5, ['src/rules/']],
  ['qr', 5, ['src/qr/']],
  ['adapter SDK', 6, ['adapters/_sdk/']],
  ['adapters', 7, ['adapters/']],
  ['configuration', 7, ['src/config.ts']],
  ['registry', 7.5, ['adapters/registry.ts', 'adapters/index.ts']],
  ['database', 8, ['src/db/']],
  ['audit', 9, ['src/audit/']],
  ['issuance', 10, ['src/issue/']],
  ['verification', 10, ['src/verify/']],
  ['QA', 11, ['src/qa/']],
  ['HTTP plumbing', 12, ['src/http/']],
  ['pages', 13, ['src/web/']],
  ['HTTP app', 14, ['src/http/app.ts', 'src/http/deps.ts', 'src/http/admin-auth.ts', 'src/http/client-limit.ts', 'src/http/routes/']],
  ['assembly', 16, ['src/service/']],
  ['Node edge', 17, ['src/runtime/node/']],
  ['Workers edge', 17, ['src/runtime/workerd/']],
  ['contract suite', 18, ['adapters/_contract/']],
  ['CLI', 19, ['src/cli/', 'src/cli.ts']],
]

/** The floor of a file: the entry whose path matches it longest. */
function floorOf(file: string): { floor: string; rank: number } | undefined {
  let best: { floor: string; rank: number; length: number } | undefined
  for (const [floor, rank, paths] of FLOORS) {
    for (const path of paths) {
      const matches = path.endsWith('/') ? file.startsWith(path) : file === path
      if (matches && (best === undefined || path.length > best.length)) best = { floor, rank, length: path.length }
    }
  }
  return best
}

/** The Workers edge may take the node:crypto primitives (Workers run them with nodejs_compat). */
const EDGE_SHARED = new Set(['src/runtime/node/primitives.ts'])

/** Every import that goes up a floor, or sideways into another floor of the same rank. */
function wrongWay(): string[] {
  const found: string[] = []
  for (const [file, targets] of graph) {
    const from = floorOf(file)
    for (const target of targets) {
      const to = floorOf(target)
      if (from === undefined || to === undefined || from.floor === to.floor) continue
      if (to.rank < from.rank && !(to.floor === 'Node edge' && from.floor !== 'CLI' && from.floor !== 'contract suite')) continue
      if (from.floor === 'Workers edge' && EDGE_SHARED.has(target)) continue
      found.push(`${file} (${from.floor}) → ${target} (${to.floor})`)
    }
  }
  return found
}

/**
 * Adapters import the SDK through its one public surface, and no other adapter; the adapters of one
 * country may share a folder of their own (adapters/_ru: the Russian federal register both read).
 */
function adapterReach(): string[] {
  const found: string[] = []
  for (const [file, targets] of graph) {
    const match = /^adapters\/(?:_([a-z]{2})|([a-z]{2})-[a-z0-9-]+)\//.exec(file)
    if (!match) continue
    const own = file.split('/').slice(0, 2).join('/') + '/'
    const shared = `adapters/_${match[1] ?? match[2]}/`
    for (const target of targets) {
      if (target.startsWith(own) || target.startsWith(shared) || target === 'adapters/_sdk/index.ts') continue
      found.push(`${file} → ${target}`)
    }
  }
  return found
}

const nodeImport = /(?:from\s*|import\(\s*|import\s+)['"]node:/

describe('the import graph', () => {
  it('reads the sources it judges', () => {
    expect(files.length).toBeGreaterThan(200)
    expect(graph.get('src/issue/issue.ts')).toContain('src/issue/binding.ts')
    for (const file of files) expect(floorOf(file), `${file} belongs to no floor`).toBeDefined()
  })

  it('has no cycle', () => {
    expect(cycles().map((cycle) => cycle.join(' → '))).toEqual([])
  })

  it('goes one way: from the platform up through the codec, the domain, the services, HTTP and the assembly to the edges and the CLI', () => {
    expect(wrongWay()).toEqual([])
  })

  it('the product never imports the dev tools or the tests', () => {
    const outside = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => target.startsWith('tools/') || target.startsWith('test/')).map((target) => `${file} → ${target}`),
    )
    expect(outside).toEqual([])
  })

  it('adapters import the SDK through adapters/_sdk/index.ts only', () => {
    expect(adapterReach()).toEqual([])
  })

  it('has node: imports only at the Node edge, the CLI and the contract suite', () => {
    const allowed = ['src/runtime/node/', 'src/cli/', 'adapters/_contract/']
    const offenders = files.filter(
      (file) => !allowed.some((path) => file.startsWith(path)) && nodeImport.test(readFileSync(join(root, file), 'utf8')),
    )
    expect(offenders.filter((file) => !EDGE_SHARED.has(file))).toEqual([])
  })
})
