// The Worker's cron trigger purges expired rows from D1 with the same function as the Node timer:
// an expired rate-limit counter and idempotency key go, a live counter stays.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import worker from '../../src/runtime/workerd/main.ts'
import type { WorkerEnv } from '../../src/runtime/workerd/config-source.ts'

describe('scheduled purge', () => {
  it('removes what has expired and keeps the rest', async () => {
    const db = (env as unknown as WorkerEnv).DB
    const now = Math.floor(Date.now() / 1000)
    await db.batch([
      db.prepare('INSERT INTO rate_limits (bucket, window_start, count) VALUES (?, ?, 1)').bind('client:expired', now - 3 * 24 * 3600), // past every window, the day-long attempt windows too
      db.prepare('INSERT INTO rate_limits (bucket, window_start, count) VALUES (?, ?, 1)').bind('client:live', now - (now % 60)),
      db
        .prepare('INSERT INTO idempotency_keys (key_hash, request_hash, event_key, created_at) VALUES (?, ?, ?, ?)')
        .bind('k-old', 'r', 'e', now - 2 * 24 * 3600),
    ])
    const ctx = createExecutionContext()
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: '*/15 * * * *' }), env as unknown as WorkerEnv, ctx)
    await waitOnExecutionContext(ctx)
    const buckets = await db.prepare('SELECT bucket FROM rate_limits ORDER BY bucket').all<{ bucket: string }>()
    expect(buckets.results.map((r) => r.bucket)).toEqual(['client:live'])
    const keys = await db.prepare('SELECT count(*) AS n FROM idempotency_keys').first<{ n: number }>()
    expect(keys?.n).toBe(0)
  })
})
