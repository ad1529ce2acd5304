// The whole database, as drizzle schema. It holds no personal data: no names, birth dates, document
// numbers, national identifiers or upstream bodies. What identifies a national record or a
// certificate is stored only as a keyed hash (HMAC with the deployment's secret key) or as the
// revocation hashes the EU scheme publishes anyway. A dump is useless to someone looking for a person.
import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core'

/** One row per EU DCC the bridge issued (re-requests of the same record and event reuse the row). */
export const issuances = sqliteTable(
  'issuances',
  {
    /** HMAC of the source record + event: same record and event → same row (idempotence). */
    eventKey: text('event_key').primaryKey(),
    /** HMAC of the source record alone: finds everything derived from a record revoked upstream. */
    sourceKey: text('source_key').notNull(),
    /** Revocation hashes (base64 of the first 128 bits of SHA-256): UCI and COUNTRYCODEUCI. */
    uciHash: text('uci_hash').notNull().unique(),
    countryUciHash: text('country_uci_hash').notNull(),
    adapter: text('adapter').notNull(),
    type: text('type', { enum: ['vaccination', 'recovery', 'test'] }).notNull(),
    kid: text('kid').notNull(),
    /** Unix seconds, as in the CWT. */
    issuedAt: integer('issued_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    status: text('status', { enum: ['valid', 'revoked'] })
      .notNull()
      .default('valid'),
    revokedAt: integer('revoked_at'),
    /** A code, never free text: 'ADMIN', 'SOURCE_REVOKED', 'SOURCE_EXPIRED'. */
    revocationReason: text('revocation_reason'),
  },
  (t) => [index('issuances_source_key').on(t.sourceKey), index('issuances_status').on(t.status)],
)

/** SIGNATURE revocation hashes: one per signing (a re-request is signed anew). */
export const signatures = sqliteTable(
  'signatures',
  {
    eventKey: text('event_key')
      .notNull()
      .references(() => issuances.eventKey),
    signatureHash: text('signature_hash').notNull(),
    kid: text('kid').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventKey, t.signatureHash] })],
)

/** Idempotency-Key header → the issuance it produced. */
export const idempotencyKeys = sqliteTable('idempotency_keys', {
  /** HMAC of the client's key. */
  keyHash: text('key_hash').primaryKey(),
  /** HMAC of the request body, to refuse the same key reused for another request (409). */
  requestHash: text('request_hash').notNull(),
  eventKey: text('event_key').notNull(),
  createdAt: integer('created_at').notNull(),
})

/**
 * Sliding-window rate-limit counters, shared by every instance that uses the same database: the
 * current window's count and the previous window's, weighted by how much of it still overlaps.
 */
export const rateLimits = sqliteTable('rate_limits', {
  bucket: text('bucket').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
  previousCount: integer('previous_count').notNull().default(0),
})

/** What happened, without who: adapter, outcome code and time only. */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    action: text('action').notNull(),
    adapter: text('adapter'),
    outcome: text('outcome').notNull(),
  },
  (t) => [index('audit_events_at').on(t.at)],
)
