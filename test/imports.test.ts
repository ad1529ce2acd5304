// The import graph of the product (src/, adapters/): no file imports itself through others (no cycle),
// and the floors that are one-way today stay so. Relative imports are read from the sources as text
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

/** Every import from a file under `from` into a file under one of `to`. */
function crossings(from: string, to: readonly string[]): string[] {
  return [...graph]
    .filter(([file]) => file.startsWith(from))
    .flatMap(([file, targets]) => targets.filter((target) => to.some((t) => target.startsWith(t))).map((target) => `${file} → ${target}`))
}

describe('the import graph', () => {
  it('reads the sources it judges', () => {
    expect(files.length).toBeGreaterThan(200)
    expect(graph.get('src/issue/issue.ts')).toContain('src/issue/binding.ts')
  })

  it('has no cycle', () => {
    expect(cycles().map((cycle) => cycle.join(' → '))).toEqual([])
  })

  it('the codec and the domain never import the services, HTTP, the assembly or the edges', () => {
    const upper = ['src/issue/', 'src/http/', 'src/web/', 'src/db/', 'src/service.ts', 'src/node.ts', 'src/worker', 'src/cli']
    for (const floor of ['src/hcert/', 'src/dcc/', 'src/rules/', 'src/revocation/']) expect(crossings(floor, upper)).toEqual([])
  })

  it('adapters reach no core service: issuance (binding included), HTTP, the database', () => {
    const core = ['src/issue/', 'src/http/', 'src/web/', 'src/db/', 'src/service.ts']
    expect(crossings('adapters/', core)).toEqual([])
  })
})
