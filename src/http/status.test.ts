// The error-code registry at run time: every code of every family has a status and a title, the table
// holds nothing else, every error family of the product is registered, and a refusal's Retry-After
// reaches the answer from the typed error. (The type check does the same through `satisfies`.)
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { AdapterError } from '../../adapters/_sdk/errors.ts'
import { AttemptsExhaustedError } from '../db/attempts.ts'
import { DccError } from '../dcc/errors.ts'
import { HcertEncodeError, HcertError } from '../hcert/errors.ts'
import { AdapterLimitError } from '../issue/refusals.ts'
import { CertbridgeError } from '../platform/errors.ts'
import { QrRenderError } from '../qr/render.ts'
import { VerifyError } from '../verify/errors.ts'
import { HttpError, problem, problemFromError, problemResponse } from './problem.ts'
import { ERROR_FAMILIES, isErrorCode, STATUS, statusForCode, type ErrorCode } from './status.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const families = Object.entries(ERROR_FAMILIES)
const allCodes: ReadonlySet<string> = new Set<ErrorCode>(families.flatMap(([, codes]) => codes))

describe('error codes → HTTP statuses', () => {
  it.each(families)('every code of the %s family has a status and a title', (_family, codes) => {
    expect(codes.length).toBeGreaterThan(0)
    for (const code of codes) {
      expect(STATUS[code], code).toBeGreaterThanOrEqual(400)
      const p = problem(code, 'detail')
      expect(p, code).toMatchObject({ code, status: STATUS[code] })
      expect(p.title, code).toMatch(/\w/)
    }
  })

  it('maps no code that no family raises', () => {
    expect(Object.keys(STATUS).filter((code) => !allCodes.has(code))).toEqual([])
  })

  it('answers a code of no family (a bug) as a generic 500', () => {
    class UnregisteredError extends CertbridgeError {}
    expect(isErrorCode('NOPE')).toBe(false)
    expect(statusForCode('NOPE')).toBe(500)
    const p = problemFromError(new UnregisteredError('NOPE', 'internal detail'), 'ref-1')
    expect(p).toMatchObject({ code: 'INTERNAL', status: 500, instance: 'urn:certbridge:error:ref-1' })
    expect(p.detail).not.toContain('internal detail')
  })

  it('tells someone a broken HC1 they sent (400), and our own signing or drawing failing (500)', () => {
    expect(problemFromError(new HcertError('HCERT_BASE45', 'x'), 'r').status).toBe(400)
    expect(problemFromError(new HcertEncodeError('HCERT_ENCODE', 'x'), 'r').status).toBe(500)
    expect(problemFromError(new QrRenderError('QR_RENDER_TEXT', 'x'), 'r').status).toBe(500)
    expect(problemFromError(new DccError('DCC_UVCI', 'x'), 'r').status).toBe(500)
    expect(problemFromError(new VerifyError('VERIFY_CLOCK_INVALID', 'x'), 'r').status).toBe(400)
    expect(problemFromError(new VerifyError('RULES_NOT_CONFIGURED', 'x'), 'r').status).toBe(400)
  })
})

describe('Retry-After from the typed error', () => {
  it.each([
    ['a locked holder', new AttemptsExhaustedError(42), 429, '42'],
    ['a rate limit', new AdapterLimitError('RATE_LIMITED', 'x', 7), 429, '7'],
    ['a client over its rate', new HttpError('RATE_LIMITED', 'x', { retryAfter: 3 }), 429, '3'],
    ['an open circuit', new AdapterError('UPSTREAM_UNAVAILABLE', 'x', { retryAfter: 12.2 }), 503, '13'],
    ['a slow national service', new AdapterError('UPSTREAM_TIMEOUT', 'x', { retryAfter: 5 }), 504, '5'],
  ] as const)('%s', (_what, error, status, header) => {
    const p = problemFromError(error, 'r')
    expect(p).toMatchObject({ status, retryAfter: error.retryAfter })
    expect(problemResponse(p).headers.get('retry-after')).toBe(header)
  })

  it('only when the error carries one; a 503 without it gets the default', () => {
    const plain = problemFromError(new AdapterError('UPSTREAM_UNAVAILABLE', 'x'), 'r')
    expect(plain).not.toHaveProperty('retryAfter')
    expect(problemResponse(plain).headers.get('retry-after')).toBe('30')
    expect(new AdapterError('RECORD_EXPIRED', 'x')).not.toHaveProperty('retryAfter')
  })
})

/** Product sources (not the CLI: its errors never reach an answer) that extend CertbridgeError directly. */
function familyFiles(): string[] {
  const direct = /\bclass\s+\w+(?:<[^{]*?>)?\s+extends\s+CertbridgeError\b/
  return ['src', 'adapters']
    .flatMap((dir) =>
      readdirSync(join(root, dir), { withFileTypes: true, recursive: true }).map((entry) => join(entry.parentPath, entry.name)),
    )
    .map((path) => relative(root, path))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts') && !file.startsWith('src/cli'))
    .filter((file) => direct.test(readFileSync(join(root, file), 'utf8')))
}

describe('the registry of families', () => {
  const registered = new Set<unknown>(Object.values(ERROR_FAMILIES))
  const files = familyFiles()

  it('finds the family files', () => {
    expect(files).toContain('src/hcert/errors.ts')
    expect(files).toContain('adapters/_sdk/errors.ts')
  })

  it.each(files)('%s lists its codes as a registered *_CODES tuple', async (file) => {
    const module: Record<string, unknown> = await import(pathToFileURL(join(root, file)).href)
    const lists = Object.entries(module).filter(([name]) => name.endsWith('_CODES'))
    expect(lists.map(([name]) => name)).not.toEqual([])
    for (const [name, list] of lists) expect(registered.has(list), `${name} of ${file} is not in ERROR_FAMILIES`).toBe(true)
  })
})
