// The database statements of one issuance, timed alone: two rate-limit hits (client and record
// buckets), the issuance look-up and the all-or-nothing write (issuance,
// signature hash, idempotency key), then the three revocation look-ups of a verification. A fresh
// SQLite file in a temporary folder, WAL mode, as `serve` opens it.
// Run: npx tsx tools/bench/db.ts [iterations per round] [memory]; five rounds, the best and the median shown
// (the best is the steadiest figure on a shared machine).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openNodeDb } from '../../src/runtime/node/database.ts'
import { hitRateLimit } from '../../src/db/guards.ts'
import { findIssuance, recordIssuance, revokedHashType } from '../../src/db/issuances.ts'
import type { Db } from '../../src/db/db.ts'

const iterations = Number(process.argv[2] ?? 5_000)
const rounds = 5
const now = 1_750_000_000

async function issuance(db: Db, i: number): Promise<void> {
  await hitRateLimit(db, `client:${i % 64}`, 1e9, 60, now)
  await hitRateLimit(db, `record:${i}`, 1e9, 3600, now)
  await findIssuance(db, `event-${i}`)
  await recordIssuance(
    db,
    {
      eventKey: `event-${i}`,
      sourceKey: `source-${i}`,
      uciHash: `uci-${i}`,
      countryUciHash: `cuci-${i}`,
      adapter: 'ru-gosuslugi',
      type: 'vaccination',
      kid: 'kid',
      issuedAt: now,
      expiresAt: now + 1e6,
    },
    `sig-${i}`,
    { keyHash: `key-${i}`, requestHash: `req-${i}`, createdAt: now },
  )
}

async function verification(db: Db, i: number): Promise<void> {
  await revokedHashType(db, { uci: `uci-${i}`, countryCodeUci: `cuci-${i}`, signature: `sig-${i}` })
}

async function time(label: string, db: Db, step: (db: Db, i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < Math.min(1_000, iterations); i++) await step(db, -1 - i) // warm-up, keys of its own
  const perCall: number[] = []
  for (let round = 0; round < rounds; round++) {
    const start = performance.now()
    for (let i = 0; i < iterations; i++) await step(db, round * iterations + i)
    perCall.push(((performance.now() - start) * 1000) / iterations)
  }
  perCall.sort((a, b) => a - b)
  const best = perCall[0]!.toFixed(1)
  const median = perCall[Math.floor(rounds / 2)]!.toFixed(1)
  console.log(`${label.padEnd(13)} best ${best.padStart(6)} µs, median ${median.padStart(6)} µs per call (${rounds} × ${iterations})`)
}

const dir = mkdtempSync(join(tmpdir(), 'certbridge-bench-db-'))
const db = openNodeDb(process.argv[3] === 'memory' ? ':memory:' : dir)
try {
  await time('issuance', db, issuance)
  await time('verification', db, verification)
} finally {
  db.close()
  rmSync(dir, { recursive: true, force: true })
}
