// Setup of every workerd test file: the drizzle migrations (the folder wrangler applies) on the local D1.
import { applyD1Migrations, env } from 'cloudflare:test'

await applyD1Migrations(env.DB as never, env.TEST_MIGRATIONS)
