// The Workers edge of the database: Cloudflare D1 through drizzle's D1 driver. Migrations are the
// same folder Node uses, applied by `wrangler d1 migrations apply` (or applyD1Migrations in tests).
import type { D1Database } from '@cloudflare/workers-types'
import { drizzle } from 'drizzle-orm/d1'
import * as schema from './schema.ts'
import type { Db, Orm } from './db.ts'

export function openD1Db(binding: D1Database): Db {
  const orm = drizzle(binding, { schema })
  return {
    orm: orm as unknown as Orm,
    async atomic(statements) {
      if (statements.length === 0) return
      await orm.batch(statements as never)
    },
  }
}
