// The hot statements on both drivers: better-sqlite3 in memory, and D1 in workerd (Miniflare's
// local D1, driven from Node). Same cases for each: prepared once per database, same rows and
// return values as before, all-or-nothing issuance writes.
import type { D1Database } from '@cloudflare/workers-types'
import { Miniflare } from 'miniflare'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Db } from './db.ts'
import { openD1Db } from '../runtime/workerd/database.ts'
import { hitRateLimit } from './guards.ts'
import { findIdempotencyKey, findIssuance, recordIssuance, revokeByUciHash, revokedHashType, storeSignature } from './issuances.ts'
import { migrationsFolder, openNodeDb } from '../runtime/node/database.ts'
import { statementsOf } from './statements.ts'

interface Driver {
  /** A fresh database and a counter of the SQL statements the driver was asked to prepare. */
  open(): Promise<{ db: Db; prepares: () => number; count: (sql: string) => Promise<number> }>
}

const node: Driver = {
  async open() {
    const db = openNodeDb(':memory:')
    const prepare = vi.spyOn(db.sqlite, 'prepare')
    return {
      db,
      prepares: () => prepare.mock.calls.length,
      count: async (sql) => (db.sqlite.prepare(sql).get() as { n: number }).n,
    }
  },
}

let mf: Miniflare | undefined
let databases = 0
const d1: Driver = {
  async open() {
    mf ??= new Miniflare({
      modules: true,
      script: 'export default { fetch: () => new Response(null) }',
      d1Databases: ['DB0', 'DB1', 'DB2', 'DB3', 'DB4', 'DB5', 'DB6', 'DB7'],
    })
    const binding = (await mf.getD1Database(`DB${databases++}`)) as unknown as D1Database
    for (const file of readdirSync(migrationsFolder)
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      for (const statement of readFileSync(join(migrationsFolder, file), 'utf8').split('--> statement-breakpoint'))
        await binding.prepare(statement).run()
    }
    let prepared = 0
    const counted = {
      prepare: (sql: string) => (prepared++, binding.prepare(sql)),
      batch: binding.batch.bind(binding),
      exec: binding.exec.bind(binding),
    } as unknown as D1Database
    return {
      db: openD1Db(counted),
      prepares: () => prepared,
      count: async (sql) => ((await binding.prepare(sql).first()) as { n: number }).n,
    }
  },
}

afterAll(async () => {
  await mf?.dispose()
})

const row = (eventKey: string) => ({
  eventKey,
  sourceKey: 'src-1',
  uciHash: `uci-${eventKey}`,
  countryUciHash: `cuci-${eventKey}`,
  adapter: 'ru-gosuslugi',
  type: 'vaccination' as const,
  kid: 'kid-1',
  issuedAt: 1_000,
  expiresAt: 5_000,
})

async function issuanceSequence(db: Db, i: number): Promise<void> {
  await hitRateLimit(db, 'client:a', 100, 60, 120)
  await hitRateLimit(db, `record:${i}`, 100, 3600, 120)
  await findIssuance(db, `e${i}`)
  await findIdempotencyKey(db, `k${i}`)
  await recordIssuance(db, row(`e${i}`), `sig-${i}`, { keyHash: `k${i}`, requestHash: 'r', createdAt: 120 })
  await revokedHashType(db, { uci: 'u', countryCodeUci: 'c', signature: 's' })
}

describe.each([
  ['better-sqlite3', node],
  ['D1', d1],
] as const)('hot statements on %s', (_name, driver) => {
  let opened: Awaited<ReturnType<Driver['open']>>
  beforeAll(async () => {
    opened = await driver.open()
  }, 60_000)

  it('are prepared once per database, on first use, and reused by every later call', async () => {
    const { db, prepares } = opened
    expect(statementsOf(db)).toBe(statementsOf(db))
    await issuanceSequence(db, 1)
    const afterFirst = prepares()
    await issuanceSequence(db, 2)
    await issuanceSequence(db, 3)
    expect(prepares()).toBe(afterFirst)
  })

  it('store every column of an issuance, the schema default and nulls included, keep the first of a duplicate and read it back', async () => {
    const { db, count } = opened
    const stored = { issuedAt: 1_000, expiresAt: 5_000, status: 'valid' }
    expect(await recordIssuance(db, row('dup'), 'sig-a', { keyHash: 'kd', requestHash: 'rd', createdAt: 7 })).toEqual({
      inserted: true,
      signatureStored: true,
      stored,
    })
    expect(await recordIssuance(db, row('dup'), 'sig-b')).toEqual({ inserted: false, signatureStored: true, stored })
    // Another validity: the stored one is told, and nothing of this signing kept until it is signed again.
    expect(await recordIssuance(db, { ...row('dup'), issuedAt: 2_000 }, 'sig-c')).toEqual({
      inserted: false,
      signatureStored: false,
      stored,
    })
    expect(await storeSignature(db, { eventKey: 'dup', signatureHash: 'sig-d', kid: 'kid-1', issuedAt: 1_000, expiresAt: 5_000 })).toBe(
      true,
    )
    expect(await findIssuance(db, 'dup')).toEqual({ ...row('dup'), status: 'valid', revokedAt: null, revocationReason: null })
    expect(await findIdempotencyKey(db, 'kd')).toEqual({ keyHash: 'kd', requestHash: 'rd', eventKey: 'dup', createdAt: 7 })
    expect(await count("select count(*) as n from signatures where event_key = 'dup'")).toBe(3)
  })

  it('write nothing of an issuance when one of its statements fails', async () => {
    const { db, count } = opened
    await recordIssuance(db, row('first'), 'sig-1')
    // the issuance and its signature go in, then the idempotency key breaks NOT NULL: all rolled back
    const broken = { keyHash: 'k-second', requestHash: null as unknown as string, createdAt: 1 }
    await expect(recordIssuance(db, row('second'), 'sig-2', broken)).rejects.toThrow(/NOT NULL/)
    // same UCI hash under another event key: the unique index refuses the issuance, and its other writes with it
    await expect(
      recordIssuance(db, { ...row('third'), uciHash: 'uci-first' }, 'sig-3', { keyHash: 'k-third', requestHash: 'r', createdAt: 1 }),
    ).rejects.toThrow(/UNIQUE/)
    expect(await findIdempotencyKey(db, 'k-third')).toBeUndefined()
    expect(await findIssuance(db, 'third')).toBeUndefined()
    expect(await findIssuance(db, 'second')).toBeUndefined()
    expect(await findIdempotencyKey(db, 'k-second')).toBeUndefined()
    expect(await count("select count(*) as n from signatures where event_key in ('second', 'third')")).toBe(0)
  })

  it('count rate-limit hits per window, sliding', async () => {
    const { db } = opened
    const decisions = []
    for (let i = 0; i < 3; i++) decisions.push(await hitRateLimit(db, 'client:limit', 2, 60, 130))
    expect(decisions).toEqual([
      { allowed: true, retryAfter: 50, remaining: 1 },
      { allowed: true, retryAfter: 50, remaining: 0 },
      { allowed: false, retryAfter: 50, remaining: 0 },
    ])
    // The next window still counts the previous one's hits in proportion (sliding window)...
    expect(await hitRateLimit(db, 'client:limit', 2, 60, 180)).toMatchObject({ allowed: false, retryAfter: 60 })
    // ...and a window later they are forgotten.
    expect(await hitRateLimit(db, 'client:limit', 2, 60, 300)).toEqual({ allowed: true, retryAfter: 60, remaining: 1 })
  })

  it('name the revocation hash that matches a revoked issuance, in EU order', async () => {
    const { db } = opened
    await recordIssuance(db, row('rev'), 'sig-rev')
    const hashes = { uci: 'uci-rev', countryCodeUci: 'cuci-rev', signature: 'sig-rev' }
    expect(await revokedHashType(db, hashes)).toBeUndefined()
    expect(await revokeByUciHash(db, 'uci-rev', 'ADMIN', 2_000)).toBe(1)
    expect(await revokedHashType(db, hashes)).toBe('UCI')
    expect(await revokedHashType(db, { countryCodeUci: 'cuci-rev', signature: 'sig-rev' })).toBe('COUNTRYCODEUCI')
    expect(await revokedHashType(db, { signature: 'sig-rev' })).toBe('SIGNATURE')
    expect(await revokedHashType(db, { uci: 'uci-first', signature: 'sig-1' })).toBeUndefined()
  })
})
