import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { testdataPath } from '../../test/shared.ts'
import { createRefreshingTrustLists, type RefreshOutcome } from './refresh.ts'
import { loadTrustListSigners } from './load.ts'
import { fromBase64 } from '../platform/bytes.ts'

const good = readFileSync(testdataPath('gdhcn', 'tng-cdn-dev', 'v2', 'trustlist', '-', 'XXA', 'DSC', 'did.json'), 'utf8')
const KID = fromBase64('XPjhL9Znd1M=')
let body = good
let etag = '"v1"'
let down = false
const seen: IncomingHttpHeaders[] = []
let server: Server
let url: string

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers)
    if (down) return void res.writeHead(503).end()
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end()
    res.writeHead(200, { 'content-type': 'application/json', etag, 'last-modified': 'Mon, 01 Dec 2026 10:00:00 GMT' }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `WHO=http://127.0.0.1:${(server.address() as AddressInfo).port}/did.json`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('refreshing trust lists', () => {
  it('loads, asks again with the validators, keeps the last good copy when a refresh fails, and says so', async () => {
    let clock = new Date('2026-12-01T10:00:00Z')
    const outcomes: RefreshOutcome[] = []
    const lists = createRefreshingTrustLists([url], {
      signers: await loadTrustListSigners([testdataPath('gdhcn', 'who-signing-dev', 'did.json')]),
      now: () => clock,
      onOutcome: (_source, outcome) => outcomes.push(outcome),
    })
    expect(lists.states()).toEqual([{ source: 'WHO', state: 'pending', entries: 0 }])
    expect(await lists.store.resolve(KID)).toEqual([])

    await lists.refresh({ strict: true })
    expect(lists.states()[0]).toMatchObject({
      state: 'ok',
      format: 'did',
      signature: 'valid',
      entries: 1,
      fetchedAt: '2026-12-01T10:00:00.000Z',
    })
    expect(await lists.store.resolve(KID)).toHaveLength(1)

    clock = new Date('2026-12-01T16:00:00Z')
    await lists.refresh()
    expect(seen.at(-1)).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': 'Mon, 01 Dec 2026 10:00:00 GMT' })
    expect(lists.states()[0]).toMatchObject({ state: 'ok', fetchedAt: '2026-12-01T16:00:00.000Z' })

    // a changed list whose proof no longer verifies: refused, the good copy stays
    body = good.replace('"#XXA"', '"#XXB"')
    etag = '"v2"'
    clock = new Date('2026-12-01T22:00:00Z')
    await lists.refresh()
    expect(lists.states()[0]).toMatchObject({
      state: 'stale',
      error: 'TRUST_LIST_SIGNATURE',
      fetchedAt: '2026-12-01T16:00:00.000Z',
      lastAttemptAt: '2026-12-01T22:00:00.000Z',
    })
    expect(await lists.store.resolve(KID)).toHaveLength(1)

    down = true
    await lists.refresh()
    expect(lists.states()[0]).toMatchObject({ state: 'stale', error: 'TRUST_LIST_UNAVAILABLE' })

    down = false
    body = good
    await lists.refresh()
    expect(lists.states()[0]).toMatchObject({ state: 'ok', entries: 1 })
    expect(lists.states()[0]!.error).toBeUndefined()
    expect(outcomes).toEqual(['loaded', 'not-modified', 'failed', 'failed', 'loaded'])
  })

  it('a strict first load throws; a list never loaded is failed, not stale', async () => {
    down = true
    try {
      const lists = createRefreshingTrustLists([url])
      await expect(lists.refresh({ strict: true })).rejects.toMatchObject({ code: 'TRUST_LIST_UNAVAILABLE' })
      expect(lists.states()[0]).toMatchObject({ state: 'failed', error: 'TRUST_LIST_UNAVAILABLE' })
    } finally {
      down = false
    }
  })

  it('refreshes when due only, one run at a time (Workers, where no timer runs)', async () => {
    let clock = new Date('2026-12-02T00:00:00Z')
    const before = seen.length
    const lists = createRefreshingTrustLists([url], { now: () => clock })
    const first = lists.refreshIfDue(60_000)
    expect(first).toBeDefined()
    expect(lists.refreshIfDue(60_000)).toBeUndefined() // one is running
    await first
    expect(lists.states()[0]).toMatchObject({ state: 'ok' })
    clock = new Date('2026-12-02T00:00:59Z')
    expect(lists.refreshIfDue(60_000)).toBeUndefined()
    clock = new Date('2026-12-02T00:01:00Z')
    await lists.refreshIfDue(60_000)
    expect(seen.length - before).toBe(2)
    expect(seen.at(-1)!['if-none-match']).toBe(etag)
  })
})
