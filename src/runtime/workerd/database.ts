// The Workers edge of the database: Cloudflare D1 through drizzle's D1 driver. Migrations are the
// same folder Node uses, applied by `wrangler d1 migrations apply` (or applyD1Migrations in tests).
import type { D1Database, D1PreparedStatement } from '@cloudflare/workers-types'
import { fillPlaceholders } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/d1'
import * as schema from '../../db/schema.ts'
import type { AtomicStep, Db, Orm } from '../../db/db.ts'

export function openD1Db(binding: D1Database): Db {
  const orm = drizzle(binding, { schema })
  // drizzle's batch() takes query builders only (it binds their params as they are, placeholders
  // unfilled), so atomic groups of prepared statements go to D1's own batch, one D1 statement per SQL.
  const prepared = new Map<string, D1PreparedStatement>()
  const statementFor = (sql: string) => {
    let statement = prepared.get(sql)
    if (!statement) {
      statement = binding.prepare(sql)
      prepared.set(sql, statement)
    }
    return statement
  }
  const bound = (steps: readonly AtomicStep[]) =>
    steps.map(({ statement, values }) => {
      const query = statement.getQuery()
      return statementFor(query.sql).bind(...fillPlaceholders(query.params, values))
    })
  return {
    orm: orm as unknown as Orm,
    async atomic(steps) {
      if (steps.length === 0) return
      await binding.batch(bound(steps))
    },
    async atomicRows(steps) {
      if (steps.length === 0) return []
      const results = await binding.batch<Record<string, unknown>>(bound(steps))
      return results.map((result) => result.results ?? [])
    },
  }
}
