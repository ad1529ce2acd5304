import { defineConfig } from 'drizzle-kit'

// `npx drizzle-kit generate` writes SQL migrations to ./migrations, applied by drizzle's migrator on
// Node and by `wrangler d1 migrations apply` on Workers (wrangler.toml points at the same folder).
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './migrations',
})
