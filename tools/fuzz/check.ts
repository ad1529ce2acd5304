// What every fuzz case must satisfy: the parser returns, or throws a typed error (a CertbridgeError
// with a non-empty string code); anything else is a finding. Each case is bounded in time.
import { CertbridgeError } from '../../src/platform/errors.ts'

/** A fuzz finding: an untyped exception, a wrong code, or a case over its time budget. */
export class FuzzFinding extends Error {
  override readonly name = 'FuzzFinding'
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.slice(0, 200)}`
  return String(error).slice(0, 200)
}

/** Throws a FuzzFinding unless `error` is a CertbridgeError whose code `codes` accepts (any, by default). */
export function assertTyped(error: unknown, codes?: (code: string) => boolean): void {
  if (!(error instanceof CertbridgeError) || typeof error.code !== 'string' || error.code === '') {
    throw new FuzzFinding(`untyped exception: ${describe(error)}`, { cause: error })
  }
  if (codes && !codes(error.code)) throw new FuzzFinding(`unexpected code ${error.code}: ${error.message}`, { cause: error })
}

/** Runs a synchronous parser: its result, or undefined after a typed error. Over `budgetMs` is a finding. */
export function typedSync<T>(fn: () => T, options: { budgetMs?: number; codes?: (code: string) => boolean } = {}): T | undefined {
  const started = performance.now()
  try {
    return fn()
  } catch (error) {
    assertTyped(error, options.codes)
    return undefined
  } finally {
    const ms = performance.now() - started
    if (ms > (options.budgetMs ?? 1_000)) throw new FuzzFinding(`case took ${Math.round(ms)} ms`)
  }
}

/** The same for an asynchronous parser; a case still running after `budgetMs` is a finding (a hang). */
export async function typedAsync<T>(
  fn: () => Promise<T>,
  options: { budgetMs?: number; codes?: (code: string) => boolean } = {},
): Promise<T | undefined> {
  const budget = options.budgetMs ?? 5_000
  let timer: ReturnType<typeof setTimeout> | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FuzzFinding(`case still running after ${budget} ms`)), budget)
  })
  try {
    return await Promise.race([fn(), hang])
  } catch (error) {
    if (error instanceof FuzzFinding) throw error
    assertTyped(error, options.codes)
    return undefined
  } finally {
    clearTimeout(timer)
  }
}
