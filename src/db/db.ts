// One database type for both drivers: better-sqlite3 on Node (synchronous) and D1 on Workers
// (asynchronous). Repository functions take `db` first and always await, so they run on either.
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type * as schema from './schema.ts'
import type { WriteStats } from './group-commit.ts'

export type Orm = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>

/** What a drizzle prepared statement (`builder.prepare()`) offers that atomic writes need. */
export interface PreparedWrite {
  getQuery(): { sql: string; params: unknown[] }
  run(values?: Record<string, unknown>): unknown
}

/** A prepared statement that returns rows (an INSERT … RETURNING, say). */
export interface PreparedQuery extends PreparedWrite {
  all(values?: Record<string, unknown>): unknown
}

/** One write of an atomic group: a prepared statement and the values of its placeholders. */
export interface AtomicStep<Statement extends PreparedWrite = PreparedWrite> {
  readonly statement: Statement
  readonly values: Record<string, unknown>
}

export interface Db {
  readonly orm: Orm
  /** Runs the steps all-or-nothing: a transaction on better-sqlite3, a batch on D1. */
  atomic(steps: readonly AtomicStep[]): Promise<void>
  /** Like atomic, and gives each step's rows (keyed by the column names of the SQL). */
  atomicRows(steps: readonly AtomicStep<PreparedQuery>[]): Promise<Record<string, unknown>[][]>
  /** Since the start: group-commit counters, where the driver groups writes (Node); D1 has none. */
  writeStats?(): WriteStats
}
