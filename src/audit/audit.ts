// src/audit/ (floor: audit): the audit trail, over the database. Everything above records through it.
// The audit trail: what happened, never who. Each event is an action, an outcome code, optionally an
// adapter id, and a time; it is written to the `audit_events` table and as one log line. No value
// that names a person, a record, an address or a token ever goes in (the types only allow codes).
//
// Everyone records through an AuditSink: the HTTP admin routes, the circuit breakers, the issuer
// (holder locks), the trust-list loader (refreshes) and the keys CLI (rotations). A sink never
// throws: an audit write that fails is logged as an error and the operation goes on.
import type { Db } from '../db/db.ts'
import { insertAuditEvent, listAuditEvents, type AuditRow } from '../db/guards.ts'
import type { Logger } from '../platform/log.ts'

export type AuditAction =
  /** POST /v1/revocations: outcome REVOKED or NOT_FOUND. */
  | 'admin.revoke'
  /** An admin route (revocations, audit) called without a valid token: outcome UNAUTHORIZED. */
  | 'admin.auth'
  /** A national record locked after repeated holder mismatches: outcome LOCKED. */
  | 'holder.lock'
  /** A circuit breaker changed state: outcome OPEN, HALF_OPEN or CLOSED. */
  | 'breaker.state'
  /** Trust lists loaded or refreshed: outcome OK or an error code. */
  | 'trust.refresh'
  /** `certbridge keys rotate` (or another key-store change): outcome OK or an error code. */
  | 'keys.rotate'
  /** The purge of expired rows failed (src/service/maintenance.ts): outcome an error code. Runs that succeed are only logged. */
  | 'db.purge'

export interface AuditEvent {
  readonly action: AuditAction
  /** A stable code in capitals: REVOKED, UNAUTHORIZED, OPEN, OK, … */
  readonly outcome: string
  /** An adapter id (`ru-gosuslugi`), when the event concerns one. */
  readonly adapter?: string
}

/** Records one event; resolves when it is stored (or its failure logged). Never rejects. */
export type AuditSink = (event: AuditEvent) => Promise<void>

const CODE = /^[A-Z][A-Z0-9_]{0,63}$/
const ADAPTER = /^[a-z0-9-]{1,32}$/

export interface AuditSinkOptions {
  /** Where events are stored; without one, events only reach the log. */
  readonly db?: Db
  readonly log: Logger
  readonly now?: () => Date
}

/** An audit sink over a database and a logger. */
export function createAuditSink(options: AuditSinkOptions): AuditSink {
  const now = options.now ?? (() => new Date())
  return async (event) => {
    // Codes only: anything else is replaced, so that free text (and what it may hold) never lands.
    const outcome = CODE.test(event.outcome) ? event.outcome : 'OTHER'
    const adapter = event.adapter !== undefined && ADAPTER.test(event.adapter) ? event.adapter : undefined
    const at = Math.floor(now().getTime() / 1000)
    options.log.info('audit', { action: event.action, outcome, ...(adapter ? { adapter } : {}) })
    if (!options.db) return
    try {
      await insertAuditEvent(options.db, { action: event.action, outcome, adapter, at })
    } catch (error) {
      options.log.error('audit event not stored', { action: event.action, error })
    }
  }
}

/** Records one event with a sink made for the occasion (the trust-list loader, the keys CLI). */
export function recordAudit(options: AuditSinkOptions, event: AuditEvent): Promise<void> {
  return createAuditSink(options)(event)
}

export interface AuditPage {
  readonly events: { id: number; at: string; action: string; adapter: string | null; outcome: string }[]
  /** Pass as `before` to read the next (older) page; absent on the last page. */
  readonly next?: string
}

/** Newest first: up to `limit` events older than the cursor `before` (an event id). */
export async function auditPage(db: Db, options: { limit: number; before?: number }): Promise<AuditPage> {
  const rows: AuditRow[] = await listAuditEvents(db, options.limit + 1, options.before)
  const page = rows.slice(0, options.limit)
  const events = page.map((r) => ({
    id: r.id,
    at: new Date(r.at * 1000).toISOString(),
    action: r.action,
    adapter: r.adapter,
    outcome: r.outcome,
  }))
  return rows.length > options.limit ? { events, next: String(page[page.length - 1]!.id) } : { events }
}
