// Test helpers for an adapter against its sandbox in the same process, without HTTP: a context
// whose fetch hands each request to the sandbox (recording it), and match → retrieve → normalize.
import { expect, it } from 'vitest'
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

/**
 * The fixture records, resolved in process: each gives exactly its expected record or error code, and
 * no refusal's message contains a part of the QR text (national ids, masks, ck).
 */
export function itResolvesFixtureRecords(
  records: readonly { name: string; qr: string; expected: object }[],
  resolve: (qr: string) => Promise<unknown>,
  hostPart: string,
): void {
  it.each(records)('$name', async ({ qr, expected }) => {
    if ('code' in expected) expect(await codeOf(resolve(qr))).toBe(expected.code)
    else expect(await resolve(qr)).toEqual(expected)
  })
  it.each(records.filter((r) => 'code' in r.expected))('$name: the message names no identifier', async ({ qr }) => {
    const error = await resolve(qr).then(
      () => null,
      (e: unknown) => e as Error,
    )
    expect(error).toBeInstanceOf(AdapterError)
    for (const part of qr.split(/[|=?&/]/)) if (part.length >= 6 && !part.includes(hostPart)) expect(error!.message).not.toContain(part)
    expect(error!.message).not.toMatch(/\*\*|\d{6,}/)
  })
}
