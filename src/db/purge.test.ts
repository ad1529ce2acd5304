// The purge of expired rows, with an injected clock: each kind goes when it has expired and not before.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openNodeDb, type NodeDb } from '../runtime/node/database.ts'
import { purgeExpired } from './purge.ts'
import { recordIssuance } from './issuances.ts'
import { hitRateLimit } from './guards.ts'
import { insertAuditEvent } from './guards.ts'
import { runPurge, startPurgeTimer } from '../service/maintenance.ts'
import { createLogger } from '../platform/log.ts'

let db: NodeDb
afterEach(() => db?.close())

const count = (table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
const HOUR = 3_600
const T0 = 300 * 3_600 // on a window boundary

const issuance = (eventKey: string, expiresAt: number) => ({
  eventKey,
  sourceKey: `src-${eventKey}`,
  uciHash: `uci-${eventKey}`,
  countryUciHash: `cuci-${eventKey}`,
  adapter: 'ru-gosuslugi',
  type: 'test' as const,
  kid: 'kid-1',
  issuedAt: T0,
  expiresAt,
})

describe('purgeExpired', () => {
  it('drops rate-limit counters two windows after they started, and keeps live ones', async () => {
    db = openNodeDb(':memory:')
    await hitRateLimit(db, 'client:old', 3, 60, T0)
    await hitRateLimit(db, 'record:live', 30, HOUR, T0 + HOUR)
    expect((await purgeExpired(db, T0 + 2 * HOUR)).rateLimits).toBe(0)
    expect((await purgeExpired(db, T0 + 2 * HOUR + 60)).rateLimits).toBe(1)
    expect(db.sqlite.prepare('SELECT bucket FROM rate_limits').pluck().all()).toEqual(['record:live'])
  })

  it('drops idempotency keys after a day and the signature hashes of expired certificates, keeping the issuances', async () => {
    db = openNodeDb(':memory:')
    await recordIssuance(db, issuance('short', T0 + HOUR), 'sig-short', { keyHash: 'k-short', requestHash: 'r', createdAt: T0 })
    await recordIssuance(db, issuance('long', T0 + 100 * HOUR), 'sig-long', {
      keyHash: 'k-long',
      requestHash: 'r',
      createdAt: T0 + 2 * HOUR,
    })
    let counts = await purgeExpired(db, T0 + HOUR - 1)
    expect([counts.signatures, counts.idempotencyKeys]).toEqual([0, 0])
    counts = await purgeExpired(db, T0 + HOUR)
    expect([counts.signatures, counts.idempotencyKeys]).toEqual([1, 0])
    counts = await purgeExpired(db, T0 + 24 * HOUR + 1)
    expect([counts.signatures, counts.idempotencyKeys]).toEqual([0, 1])
    expect(db.sqlite.prepare('SELECT signature_hash FROM signatures').pluck().all()).toEqual(['sig-long'])
    expect(db.sqlite.prepare('SELECT key_hash FROM idempotency_keys').pluck().all()).toEqual(['k-long'])
    expect(count('issuances')).toBe(2)
  })

  it('drops audit events after a year', async () => {
    db = openNodeDb(':memory:')
    await insertAuditEvent(db, { action: 'keys.rotate', outcome: 'OK', at: T0 })
    await insertAuditEvent(db, { action: 'keys.rotate', outcome: 'OK', at: T0 + HOUR })
    expect((await purgeExpired(db, T0 + 365 * 24 * HOUR)).auditEvents).toBe(0)
    expect((await purgeExpired(db, T0 + 365 * 24 * HOUR + 1)).auditEvents).toBe(1)
    expect(count('audit_events')).toBe(1)
  })
})

describe('runPurge', () => {
  it('logs what it removed, and logs and audits a failure without throwing', async () => {
    db = openNodeDb(':memory:')
    const lines: string[] = []
    const log = createLogger((l) => lines.push(l))
    await hitRateLimit(db, 'client:old', 3, 60, T0)
    expect(await runPurge({ db, log, now: () => new Date((T0 + 3 * HOUR) * 1000) })).toMatchObject({ rateLimits: 1 })
    expect(JSON.parse(lines[0]!)).toMatchObject({ message: 'purged expired rows', rateLimits: 1, signatures: 0 })
    db.sqlite.exec('DROP TABLE rate_limits')
    const audited: unknown[] = []
    expect(await runPurge({ db, log, audit: async (e) => void audited.push(e) })).toBeUndefined()
    expect(audited).toEqual([{ action: 'db.purge', outcome: 'SQLITE_ERROR' }])
  })
})

describe('startPurgeTimer', () => {
  afterEach(() => vi.useRealTimers())
  it('purges at once and then every interval, until stopped', async () => {
    vi.useFakeTimers()
    db = openNodeDb(':memory:')
    const lines: string[] = []
    const stop = startPurgeTimer({ db, log: createLogger((l) => lines.push(l)) }, 1_000)
    await vi.advanceTimersByTimeAsync(0)
    expect(lines).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(2_500)
    expect(lines).toHaveLength(3)
    stop()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(lines.map((l) => JSON.parse(l).message)).toEqual(['purged expired rows', 'purged expired rows', 'purged expired rows'])
  })
})
