// The Node edge of the database: better-sqlite3 in WAL mode, migrations applied at open.
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as schema from '../../db/schema.ts'
import type { Db, Orm } from '../../db/db.ts'

export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url))

export interface NodeDb extends Db {
  readonly sqlite: Database.Database
  close(): void
}

/** Opens (creating when absent) `<dataDir>/certbridge.sqlite`, or an in-memory database for ':memory:'. */
export function openNodeDb(dataDir: string | ':memory:'): NodeDb {
  let file = ':memory:'
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    file = join(dataDir, 'certbridge.sqlite')
    // Made 0600 even when the folder exists (SQLite gives its -wal and -shm files the same mode).
    if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600))
  }
  const sqlite = new Database(file)
  // The busy timeout first: switching to WAL needs the lock another process may hold.
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  const orm = drizzle(sqlite, { schema })
  migrate(orm, { migrationsFolder })
  return {
    orm: orm as unknown as Orm,
    sqlite,
    async atomic(steps) {
      // The prepared statements are better-sqlite3's (synchronous): run() completes inside the transaction.
      sqlite.transaction(() => {
        for (const { statement, values } of steps) statement.run(values)
      })()
    },
    async atomicRows(steps) {
      return sqlite.transaction(() => steps.map(({ statement, values }) => statement.all(values) as Record<string, unknown>[]))()
    },
    close: () => sqlite.close(),
  }
}
