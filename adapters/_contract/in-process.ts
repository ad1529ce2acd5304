// Test helpers for an adapter against its sandbox in the same process, without HTTP: a context
// whose fetch hands each request to the sandbox (recording it), and match → retrieve → normalize.
import type { AdapterConfig, AdapterContext, AdapterLink, CountryAdapter } from '../_sdk/adapter.ts'
import type { AdapterSandbox } from '../_sdk/sandbox.ts'
import { AdapterError } from '../_sdk/errors.ts'

export const SANDBOX_BASE = 'http://sandbox.test'

export function inProcess<Link extends AdapterLink, Raw>(adapter: CountryAdapter<Link, Raw>, sandbox: AdapterSandbox, now: () => Date) {
  function context(config: AdapterConfig = sandbox.config(SANDBOX_BASE), handler = sandbox.fetch, seen: Request[] = []): AdapterContext {
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init)
      seen.push(request.clone())
      return handler(request)
    }) as typeof globalThis.fetch
    return { fetch, now, signal: new AbortController().signal, config }
  }
  async function resolve(qr: string, ctx = context()) {
    const link = adapter.match(qr)
    if (!link) throw new Error('not matched')
    return adapter.normalize(await adapter.retrieve(link, ctx), { now, config: ctx.config })
  }
  return { context, resolve }
}

/** The AdapterError code a promise rejects with, or 'ok' when it resolves. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'ok'
  } catch (error) {
    if (error instanceof AdapterError) return error.code
    throw error
  }
}
