// Audit events: codes only, stored and logged; the breaker's state changes reach the sink; a failed
// write is logged, never thrown.
import { afterEach, describe, expect, it } from 'vitest'
import { auditPage, createAuditSink, recordAudit } from './audit.ts'
import { recordAuditInDataDir } from '../runtime/node/audit.ts'
import { openNodeDb, type NodeDb } from '../runtime/node/database.ts'
import { createLogger } from '../platform/log.ts'
import { createBreaker } from '../../adapters/_sdk/breaker.ts'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

let db: NodeDb
afterEach(() => db?.close())

const rows = () => db.sqlite.prepare('SELECT at, action, adapter, outcome FROM audit_events ORDER BY id').all()

describe('audit sink', () => {
  it('stores and logs an event with its time, and replaces anything that is not a code', async () => {
    db = openNodeDb(':memory:')
    const lines: string[] = []
    const sink = createAuditSink({ db, log: createLogger((l) => lines.push(l)), now: () => new Date(1_700_000_000_000) })
    await sink({ action: 'admin.revoke', outcome: 'REVOKED' })
    await sink({ action: 'holder.lock', outcome: 'LOCKED', adapter: 'ru-mos' })
    await sink({ action: 'trust.refresh', outcome: 'failed for Ivanova 1990-01-01', adapter: 'Ivanova Olga' })
    expect(rows()).toEqual([
      { at: 1_700_000_000, action: 'admin.revoke', adapter: null, outcome: 'REVOKED' },
      { at: 1_700_000_000, action: 'holder.lock', adapter: 'ru-mos', outcome: 'LOCKED' },
      { at: 1_700_000_000, action: 'trust.refresh', adapter: null, outcome: 'OTHER' },
    ])
    expect(lines.map((l) => JSON.parse(l)).map((l) => [l.message, l.action, l.outcome, l.adapter])).toEqual([
      ['audit', 'admin.revoke', 'REVOKED', undefined],
      ['audit', 'holder.lock', 'LOCKED', 'ru-mos'],
      ['audit', 'trust.refresh', 'OTHER', undefined],
    ])
    expect(lines.join('\n')).not.toContain('Ivanova')
  })

  it('logs a write that fails and resolves all the same', async () => {
    db = openNodeDb(':memory:')
    db.sqlite.exec('DROP TABLE audit_events')
    const lines: string[] = []
    await expect(
      recordAudit({ db, log: createLogger((l) => lines.push(l)) }, { action: 'keys.rotate', outcome: 'OK' }),
    ).resolves.toBeUndefined()
    expect(lines.map((l) => JSON.parse(l).message)).toEqual(['audit', 'audit event not stored'])
  })

  it('pages newest first with a cursor', async () => {
    db = openNodeDb(':memory:')
    let t = 0
    const sink = createAuditSink({ db, log: createLogger(() => {}), now: () => new Date(++t * 1000) })
    for (let i = 0; i < 5; i++) await sink({ action: 'keys.rotate', outcome: `OK${i}` })
    const first = await auditPage(db, { limit: 2 })
    expect(first.events.map((e) => e.outcome)).toEqual(['OK4', 'OK3'])
    const second = await auditPage(db, { limit: 2, before: Number(first.next) })
    expect(second.events.map((e) => e.outcome)).toEqual(['OK2', 'OK1'])
    const last = await auditPage(db, { limit: 2, before: Number(second.next) })
    expect(last.events.map((e) => e.outcome)).toEqual(['OK0'])
    expect(last.next).toBeUndefined()
  })

  it('records key rotations from the command line in the database of DATA_DIR', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'certbridge-audit-'))
    try {
      await recordAuditInDataDir(
        dir,
        { action: 'keys.rotate', outcome: 'OK' },
        createLogger(() => {}),
      )
      db = openNodeDb(dir)
      expect(rows()).toMatchObject([{ action: 'keys.rotate', outcome: 'OK', adapter: null }])
    } finally {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('circuit breaker observer', () => {
  it('reports open, half-open and closed once each, as the breaker changes state', () => {
    let now = 0
    const seen: string[] = []
    const breaker = createBreaker(() => new Date(now), { failureThreshold: 2, resetAfterMs: 1_000, onStateChange: (s) => seen.push(s) })
    breaker.admit()
    breaker.failed()
    expect(seen).toEqual([])
    breaker.admit()
    breaker.failed()
    expect(seen).toEqual(['open'])
    now = 1_000
    breaker.admit() // the probe
    breaker.failed()
    now = 2_000
    breaker.admit()
    breaker.succeeded()
    breaker.admit()
    breaker.succeeded()
    expect(seen).toEqual(['open', 'half-open', 'open', 'half-open', 'closed'])
  })
})
