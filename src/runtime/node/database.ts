// The Node edge of the database: better-sqlite3 in WAL mode, migrations applied at open.
//
// Writes (atomic, atomicRows) go through a group commit (src/db/group-commit.ts): those asked for in
// one turn of the event loop share one transaction, each in its own savepoint. The write lock is taken
// with BEGIN IMMEDIATE and no busy handler: SQLite's handler sleeps inside the call, so with two
// processes on one file the event loop stood still for each pause. A batch that finds the lock taken
// is tried again after a short pause on a timer instead, for up to 5 s as the busy timeout allowed.
// Other statements (reads, and the rare writes that go through the ORM) keep the 5 s busy timeout.
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as schema from '../../db/schema.ts'
import type { Db, Orm } from '../../db/db.ts'
import { createGroupCommit, type GroupCommitOptions, type Outcome, type Transactor, type WriteStats } from '../../db/group-commit.ts'

export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url))

const busyTimeoutMs = 5_000

export interface NodeDb extends Db {
  readonly sqlite: Database.Database
  writeStats(): WriteStats
  close(): void
}

/** Options for tests: the group commit's clock and scheduler. */
export type NodeDbOptions = Pick<GroupCommitOptions, 'now' | 'schedule' | 'random'>

/** Opens (creating when absent) `<dataDir>/certbridge.sqlite`, or an in-memory database for ':memory:'. */
export function openNodeDb(dataDir: string | ':memory:', options: NodeDbOptions = {}): NodeDb {
  let file = ':memory:'
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    file = join(dataDir, 'certbridge.sqlite')
    // Made 0600 even when the folder exists (SQLite gives its -wal and -shm files the same mode).
    if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600))
  }
  const sqlite = new Database(file)
  // The busy timeout first: switching to WAL needs the lock another process may hold.
  sqlite.pragma(`busy_timeout = ${busyTimeoutMs}`)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  const orm = drizzle(sqlite, { schema })
  migrate(orm, { migrationsFolder })
  const writes = createGroupCommit(groupTransactor(sqlite), { busyTimeoutMs, ...options })
  return {
    orm: orm as unknown as Orm,
    sqlite,
    // The prepared statements are better-sqlite3's (synchronous): each step completes inside the transaction.
    atomic: (steps) =>
      writes.run(() => {
        for (const { statement, values } of steps) statement.run(values)
      }),
    atomicRows: (steps) => writes.run(() => steps.map(({ statement, values }) => statement.all(values) as Record<string, unknown>[])),
    writeStats: () => writes.stats(),
    close() {
      writes.drain()
      sqlite.close()
    },
  }
}

/** One write transaction over several requests' writes, a savepoint each, on better-sqlite3. */
function groupTransactor(sqlite: Database.Database): Transactor {
  const noWait = sqlite.prepare(`PRAGMA busy_timeout = 0`)
  const wait = sqlite.prepare(`PRAGMA busy_timeout = ${busyTimeoutMs}`)
  const begin = sqlite.prepare('BEGIN IMMEDIATE')
  const commit = sqlite.prepare('COMMIT')
  const rollback = sqlite.prepare('ROLLBACK')
  const savepoint = sqlite.prepare('SAVEPOINT request')
  const release = sqlite.prepare('RELEASE request')
  const rollbackToSavepoint = sqlite.prepare('ROLLBACK TO request')

  const isBusy = (error: unknown) =>
    typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('SQLITE_BUSY')
  const abandon = () => {
    if (sqlite.inTransaction) rollback.run()
  }

  return {
    isBusy,
    transact(works, waitForLock) {
      if (waitForLock) begin.run()
      else {
        noWait.get()
        try {
          begin.run()
        } finally {
          wait.get()
        }
      }
      const outcomes: Outcome[] = []
      try {
        for (const work of works) {
          savepoint.run()
          try {
            outcomes.push({ ok: true, value: work() })
            release.run()
          } catch (error) {
            // SQLite ends the whole transaction on some errors (I/O, a full disk): nothing of it is kept.
            if (!sqlite.inTransaction) throw error
            rollbackToSavepoint.run()
            release.run()
            outcomes.push({ ok: false, error })
          }
        }
        commit.run()
      } catch (error) {
        abandon()
        throw error
      }
      return outcomes
    },
  }
}
