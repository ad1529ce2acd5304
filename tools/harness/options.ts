// The options of `certbridge harness`, parsed from argv into one plain object. Relative default
// directories are those of the public test data beside the repository (../shared/testdata).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { HarnessError } from './errors.ts'

export interface HarnessOptions {
  /** Business rules directory (layout of the EU business-rules test data). */
  readonly rulesDir: string
  /** dgc-testdata directory; undefined when absent (the conformance part is then skipped). */
  readonly vectorsDir: string | undefined
  /** The date whose rules apply; undefined means each certificate's issuance time. */
  readonly at: Date | undefined
  /** Arrival countries to evaluate; undefined means every country of the rule set. */
  readonly countries: readonly string[] | undefined
  readonly jsonFile: string | undefined
  readonly htmlFile: string | undefined
  /** A small subset: a few vectors, two samples per adapter, two countries (unless --countries). */
  readonly quick: boolean
}

// CERTBRIDGE_TESTDATA points at any copy of the public test data (as for the tests: test/shared.ts).
const testdata = process.env.CERTBRIDGE_TESTDATA
  ? `${process.env.CERTBRIDGE_TESTDATA.replace(/\/+$/, '')}/`
  : fileURLToPath(new URL('../../../shared/testdata/', import.meta.url))
export const DEFAULT_RULES_DIR = `${testdata}business-rules`
export const DEFAULT_VECTORS_DIR = `${testdata}dgc-testdata`
/** The countries of --quick: the EU's common rules and one national set. */
export const QUICK_COUNTRIES = ['EU', 'DE'] as const

const VALUED = new Set(['--rules', '--at', '--vectors', '--countries', '--json', '--html'])

function usage(message: string): HarnessError {
  return new HarnessError('HARNESS_USAGE', message)
}

function parseAt(text: string): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T12:00:00Z` : text)
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) throw usage(`--at needs an ISO date or date-time, e.g. 2022-01-15`)
  return date
}

function parseCountries(text: string): string[] {
  const countries = text
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter((c) => c !== '')
  if (countries.length === 0 || countries.some((c) => !/^[A-Z]{2}$/.test(c))) {
    throw usage('--countries needs two-letter codes separated by commas, e.g. EU,DE')
  }
  return [...new Set(countries)]
}

export function parseHarnessArgs(argv: readonly string[]): HarnessOptions {
  const values = new Map<string, string>()
  let quick = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    if (name === '--quick' && inline === undefined) quick = true
    else if (VALUED.has(name)) {
      const value = inline ?? argv[++i]
      if (value === undefined || value === '') throw usage(`${name} needs a value`)
      values.set(name, value)
    } else throw usage(`unknown argument: ${arg}`)
  }
  const rulesDir = values.get('--rules') ?? DEFAULT_RULES_DIR
  if (!existsSync(rulesDir)) throw usage(`no such rules directory: ${rulesDir}`)
  const vectorsArg = values.get('--vectors')
  if (vectorsArg !== undefined && !existsSync(vectorsArg)) throw usage(`no such vectors directory: ${vectorsArg}`)
  const vectorsDir = vectorsArg ?? (existsSync(DEFAULT_VECTORS_DIR) ? DEFAULT_VECTORS_DIR : undefined)
  const at = values.has('--at') ? parseAt(values.get('--at')!) : undefined
  const countries = values.has('--countries') ? parseCountries(values.get('--countries')!) : quick ? [...QUICK_COUNTRIES] : undefined
  return { rulesDir, vectorsDir, at, countries, jsonFile: values.get('--json'), htmlFile: values.get('--html'), quick }
}
