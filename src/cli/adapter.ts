// `certbridge adapter new <id> --country <CC> [--host <host>] [--dir <adapters folder>]`: scaffolds a
// country adapter that passes the contract suite as generated, from adapters/_template/ (itself a
// working adapter, type-checked and run by the suite like any other), renaming it, and registers it
// in the folder's registry.ts. A development tool: it writes TypeScript sources.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { CertbridgeError } from '../platform/errors.ts'

export const SCAFFOLD_CODES = ['SCAFFOLD_USAGE', 'SCAFFOLD_EXISTS', 'SCAFFOLD_REGISTRY'] as const
export type ScaffoldErrorCode = (typeof SCAFFOLD_CODES)[number]

export class ScaffoldError extends CertbridgeError<ScaffoldErrorCode> {}

const TEMPLATE = fileURLToPath(new URL('../../adapters/_template/', import.meta.url))
const TEMPLATE_ID = 'xx-template'
const TEMPLATE_HOST = `cert.${TEMPLATE_ID}.example`

export interface AdapterNames {
  readonly id: string
  readonly country: string
  readonly host: string
  /** kz-egov → kzEgov (the adapter's export), KzEgov (its types), KZ_EGOV (its constants). */
  readonly camel: string
  readonly pascal: string
  readonly upper: string
}

export function adapterNames(id: string, country: string, host = `cert.${id}.example`): AdapterNames {
  if (!/^[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id))
    throw new ScaffoldError('SCAFFOLD_USAGE', `'${id}' is not an adapter id (two letters, a dash, lowercase words: kz-egov)`)
  const cc = country.toUpperCase()
  if (!/^[A-Z]{2}$/.test(cc)) throw new ScaffoldError('SCAFFOLD_USAGE', `'${country}' is not an ISO 3166-1 alpha-2 country code`)
  let parsed: string
  try {
    parsed = new URL(`https://${host}/`).hostname
  } catch {
    parsed = ''
  }
  if (parsed !== host.toLowerCase() || !host.includes('.')) throw new ScaffoldError('SCAFFOLD_USAGE', `'${host}' is not a host name`)
  const words = id.split('-')
  const pascal = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('')
  return { id, country: cc, host: parsed, camel: pascal[0]!.toLowerCase() + pascal.slice(1), pascal, upper: words.join('_').toUpperCase() }
}

/** The template's text with the new adapter's names. */
export function renamed(text: string, names: AdapterNames): string {
  return text
    .replaceAll(TEMPLATE_HOST, names.host)
    .replaceAll(TEMPLATE_ID, names.id)
    .replaceAll('xxTemplate', names.camel)
    .replaceAll('XxTemplate', names.pascal)
    .replaceAll('XX_TEMPLATE', names.upper)
    .replace(/\bXX\b/g, names.country)
}

/** registry.ts with the adapter imported and listed in `adapters` and `sandboxes`. */
export function registered(registry: string, names: AdapterNames): string {
  const lines = registry.split('\n')
  const lastImport = lines.findLastIndex((line) => line.startsWith('import '))
  const list = /(export const adapters\b[^=]*= )\[([^\]]*)\]/
  const sandboxes = /(export const sandboxes\b[^=]*= \{\n[\s\S]*?)(\n\})/
  if (lastImport < 0 || !list.test(registry) || !sandboxes.test(registry)) {
    throw new ScaffoldError(
      'SCAFFOLD_REGISTRY',
      'registry.ts has no import lines, adapters list or sandboxes table in the expected form: register the adapter by hand',
    )
  }
  lines.splice(
    lastImport + 1,
    0,
    `import { ${names.camel} } from './${names.id}/index.ts'`,
    `import { createSandbox as ${names.camel}Sandbox } from './${names.id}/sandbox.ts'`,
  )
  return lines
    .join('\n')
    .replace(list, (_, head: string, items: string) => head + adapterList(head, [...items.split(','), names.camel]))
    .replace(sandboxes, `$1\n  '${names.id}': ${names.camel}Sandbox,$2`)
}

/** The adapters array as the formatter writes it: on one line when it fits, else one entry a line. */
function adapterList(head: string, items: readonly string[]): string {
  const names = items.map((item) => item.trim()).filter((item) => item !== '')
  const oneLine = `[${names.join(', ')}]`
  return head.length + oneLine.length <= 140 ? oneLine : `[\n${names.map((name) => `  ${name},`).join('\n')}\n]`
}

/** Writes adapters/<id>/ from the template and registers it; returns the files written. */
export function scaffold(names: AdapterNames, adaptersDir: string): string[] {
  const folder = join(adaptersDir, names.id)
  const registryPath = join(adaptersDir, 'registry.ts')
  if (existsSync(folder)) throw new ScaffoldError('SCAFFOLD_EXISTS', `${folder} exists already`)
  const registry = readFileSync(registryPath, 'utf8')
  if (registry.includes(`'./${names.id}/`)) throw new ScaffoldError('SCAFFOLD_EXISTS', `registry.ts already registers ${names.id}`)
  const updated = registered(registry, names)
  mkdirSync(folder)
  const written: string[] = []
  for (const name of readdirSync(TEMPLATE).sort()) {
    const target = join(folder, renamed(name, names))
    writeFileSync(target, renamed(readFileSync(join(TEMPLATE, name), 'utf8'), names))
    written.push(target)
  }
  writeFileSync(registryPath, updated)
  return [...written, registryPath]
}

const USAGE = 'usage: certbridge adapter new <id> --country <CC> [--host <national host>] [--dir <adapters folder>]'

export async function run(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { country: { type: 'string' }, host: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean' } },
    })
  } catch (error) {
    console.error(`certbridge adapter: ${(error as Error).message}\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const [verb, id, ...extra] = positionals
  if (verb !== 'new' || id === undefined || extra.length > 0 || values.country === undefined) {
    console.error(USAGE)
    return 2
  }
  const adaptersDir = values.dir ?? fileURLToPath(new URL('../../adapters/', import.meta.url))
  try {
    const names = adapterNames(id, values.country, values.host)
    const files = scaffold(names, adaptersDir)
    for (const file of files) console.log(`wrote ${relative(process.cwd(), file)}`)
    console.log(
      `\n${names.id} passes the contract suite as generated: npx vitest run ${relative(process.cwd(), join(adaptersDir, names.id))}`,
    )
    console.log(`Then make it speak the real national system: see ${relative(process.cwd(), join(adaptersDir, names.id, 'README.md'))}.`)
    return 0
  } catch (error) {
    if (!(error instanceof ScaffoldError)) throw error
    console.error(`certbridge adapter: ${error.message}`)
    return error.code === 'SCAFFOLD_USAGE' ? 2 : 1
  }
}
