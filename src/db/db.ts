// One database type for both drivers: better-sqlite3 on Node (synchronous) and D1 on Workers
// (asynchronous). Repository functions take `db` first and always await, so they run on either.
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import type { BatchItem } from 'drizzle-orm/batch'
import type * as schema from './schema.ts'

export type Orm = BaseSQLiteDatabase<'sync' | 'async', unknown, typeof schema>

export interface Db {
  readonly orm: Orm
  /** Runs the statements all-or-nothing: a transaction on better-sqlite3, a batch on D1. */
  atomic(statements: readonly BatchItem<'sqlite'>[]): Promise<void>
}
