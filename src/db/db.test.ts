import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrationsFolder, openNodeDb, type NodeDb } from '../runtime/node/database.ts'
import {
  findIssuance,
  recordIssuance,
  revokeBySource,
  revokeByUciHash,
  revokedEntries,
  findIdempotencyKey,
  storeSignature,
} from './issuances.ts'
import { hitRateLimit } from './guards.ts'

let db: NodeDb
afterEach(() => db?.close())

const row = (eventKey: string, sourceKey = 'src-1') => ({
  eventKey,
  sourceKey,
  uciHash: `uci-${eventKey}`,
  countryUciHash: `cuci-${eventKey}`,
  adapter: 'ru-gosuslugi',
  type: 'vaccination' as const,
  kid: 'kid-1',
  issuedAt: 1_000,
  expiresAt: 5_000,
})

describe('issuances', () => {
  it('keeps the first row of a duplicate event, and the signature hash of every certificate handed out with its validity', async () => {
    db = openNodeDb(':memory:')
    const stored = { issuedAt: 1_000, expiresAt: 5_000, status: 'valid' }
    expect(await recordIssuance(db, row('e1'), 'sig-a', { keyHash: 'k1', requestHash: 'r1', createdAt: 1 })).toEqual({
      inserted: true,
      signatureStored: true,
      stored,
    })
    // A repeat signed with the stored validity: its signature is kept too.
    expect(await recordIssuance(db, row('e1'), 'sig-b')).toEqual({ inserted: false, signatureStored: true, stored })
    // A duplicate signed with another validity (it read another second of the clock) learns the stored
    // one and keeps nothing; signed again with it, its signature goes in.
    expect(await recordIssuance(db, { ...row('e1'), issuedAt: 2_000 }, 'sig-c')).toEqual({
      inserted: false,
      signatureStored: false,
      stored,
    })
    expect(await storeSignature(db, { eventKey: 'e1', signatureHash: 'sig-d', kid: 'kid-1', issuedAt: 1_000, expiresAt: 5_000 })).toBe(true)
    expect((await findIssuance(db, 'e1'))?.issuedAt).toBe(1_000)
    expect((await findIdempotencyKey(db, 'k1'))?.eventKey).toBe('e1')
    expect(db.sqlite.prepare('select signature_hash from signatures order by 1').pluck().all()).toEqual(['sig-a', 'sig-b', 'sig-d'])
    // A revoked row takes no further signature.
    await revokeByUciHash(db, 'uci-e1', 'ADMIN', 2_000)
    expect(await recordIssuance(db, row('e1'), 'sig-e')).toEqual({
      inserted: false,
      signatureStored: false,
      stored: { ...stored, status: 'revoked' },
    })
    expect(await storeSignature(db, { eventKey: 'e1', signatureHash: 'sig-f', kid: 'kid-1', issuedAt: 1_000, expiresAt: 5_000 })).toBe(
      false,
    )
  })

  it('runs the writes asked for in one turn of the event loop in one transaction, each with its own outcome', async () => {
    db = openNodeDb(':memory:')
    const before = db.writeStats()
    const [first, second, broken] = await Promise.allSettled([
      recordIssuance(db, row('g1'), 'sig-1'),
      recordIssuance(db, { ...row('g1'), issuedAt: 1_500 }, 'sig-2'),
      // another event with g1's UCI hash: refused, and only its own writes roll back
      recordIssuance(db, { ...row('g2'), uciHash: 'uci-g1' }, 'sig-3', { keyHash: 'k-broken', requestHash: 'r', createdAt: 1 }),
    ])
    expect(db.writeStats().transactions - before.transactions).toBe(1)
    expect(first).toMatchObject({ status: 'fulfilled', value: { inserted: true, signatureStored: true } })
    expect(second).toMatchObject({ status: 'fulfilled', value: { inserted: false, signatureStored: false, stored: { issuedAt: 1_000 } } })
    expect(broken.status).toBe('rejected')
    expect(await findIdempotencyKey(db, 'k-broken')).toBeUndefined()
    expect(db.sqlite.prepare('select signature_hash from signatures').pluck().all()).toEqual(['sig-1'])
  })

  it('writes nothing when any statement of an issuance fails', async () => {
    db = openNodeDb(':memory:')
    await recordIssuance(db, row('e1'), 'sig-a')
    // same uci hash under another event key violates the unique index: the whole issuance rolls back
    await expect(recordIssuance(db, { ...row('e2'), uciHash: 'uci-e1' }, 'sig-c')).rejects.toThrow()
    expect(await findIssuance(db, 'e2')).toBeUndefined()
    expect(db.sqlite.prepare("select count(*) as n from signatures where event_key = 'e2'").get()).toEqual({ n: 0 })
  })

  it('revokes by UCI hash and by source, and lists revoked entries until they expire', async () => {
    db = openNodeDb(':memory:')
    await recordIssuance(db, row('e1'), 'sig-a')
    await recordIssuance(db, row('e2'), 'sig-b')
    await recordIssuance(db, row('e3', 'src-2'), 'sig-c')
    expect(await revokeByUciHash(db, 'uci-e3', 'ADMIN', 2_000)).toBe(1)
    expect(await revokeByUciHash(db, 'uci-e3', 'ADMIN', 2_000)).toBe(0)
    expect(await revokeBySource(db, 'src-1', 'SOURCE_REVOKED', 2_000)).toBe(2)
    const entries = await revokedEntries(db, 3_000)
    expect(entries.map((e) => e.uciHash).sort()).toEqual(['uci-e1', 'uci-e2', 'uci-e3'])
    expect(entries.find((e) => e.uciHash === 'uci-e1')?.signatureHashes).toEqual(['sig-a'])
    expect(await revokedEntries(db, 6_000)).toEqual([])
  })
})

describe('guards', () => {
  it('refuses past the limit within a window, and slides: the last window counts in proportion', async () => {
    db = openNodeDb(':memory:')
    const decisions = []
    for (let i = 0; i < 4; i++) decisions.push(await hitRateLimit(db, 'client:a', 3, 60, 120))
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false])
    expect(decisions[3]?.retryAfter).toBe(60)
    // At 185, 5/60 of the minute after: the 4 hits of the last window still weigh 3 → refused.
    expect((await hitRateLimit(db, 'client:a', 3, 60, 185)).allowed).toBe(false)
    expect((await hitRateLimit(db, 'client:a', 3, 60, 300)).allowed).toBe(true)
    expect((await hitRateLimit(db, 'client:b', 3, 60, 120)).allowed).toBe(true)
  })
})

/**
 * A database as an earlier version left it: migrated in a fresh folder, `undo` run on it (taking back
 * what `tag` and every later migration did), their journal rows forgotten; then opened again, which
 * applies them, and handed to `check`.
 */
async function migratedFrom(tag: string, undo: (sqlite: NodeDb['sqlite']) => void, check: (db: NodeDb) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'certbridge-migration-'))
  try {
    const { entries } = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: { tag: string; when: number }[]
    }
    const when = entries.find((e) => e.tag === tag)!.when
    const before = openNodeDb(dir)
    undo(before.sqlite)
    for (const e of entries.filter((e) => e.when >= when))
      before.sqlite.prepare('DELETE FROM __drizzle_migrations WHERE created_at = ?').run(e.when)
    before.close()
    db = openNodeDb(dir)
    check(db)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('migration 0003', () => {
  it('drops the holder_locks table of an older database, rows and all', async () => {
    await migratedFrom(
      '0003_drop_holder_locks',
      (sqlite) => {
        sqlite.exec(
          'CREATE TABLE holder_locks (source_key text PRIMARY KEY NOT NULL, failures integer NOT NULL, window_start integer NOT NULL, locked_until integer)',
        )
        sqlite.exec("INSERT INTO holder_locks VALUES ('src-1', 3, 0, 600)")
      },
      (migrated) => {
        const tables = migrated.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
        expect(tables).not.toContain('holder_locks')
        expect(tables).toContain('rate_limits')
      },
    )
  })
})

describe('migration 0001', () => {
  it('forgets the per-client buckets that named an address, and keeps the others', async () => {
    await migratedFrom(
      '0001_forget_client_addresses',
      (sqlite) => {
        // An address in a bucket, and the column of the later 0002 not yet there.
        sqlite.exec('ALTER TABLE rate_limits DROP COLUMN previous_count')
        sqlite.exec("INSERT INTO rate_limits (bucket, window_start, count) VALUES ('client:192.0.2.7', 0, 3), ('record:abc', 0, 1)")
      },
      (migrated) => expect(migrated.sqlite.prepare('SELECT bucket FROM rate_limits').pluck().all()).toEqual(['record:abc']),
    )
  })
})
