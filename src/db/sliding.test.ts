import { describe, expect, it } from 'vitest'
import { openNodeDb } from '../runtime/node/database.ts'
import { hitRateLimit, slidingCount } from './guards.ts'

describe('sliding rate windows', () => {
  it('weights the previous window by the part that still overlaps', () => {
    expect(slidingCount(1, 60, 1 / 60)).toBe(60)
    expect(slidingCount(10, 60, 0.5)).toBe(40)
    expect(slidingCount(10, 0, 0.5)).toBe(10)
  })

  it('lets no more than the limit and one through across a window boundary (120 in 2 s before)', async () => {
    const db = openNodeDb(':memory:')
    let allowed = 0
    // 60 hits in the last second of one minute, then 60 in the first second of the next.
    for (let i = 0; i < 60; i++) if ((await hitRateLimit(db, 'client:x', 60, 60, 119)).allowed) allowed++
    expect(allowed).toBe(60)
    for (let i = 0; i < 60; i++) if ((await hitRateLimit(db, 'client:x', 60, 60, 120)).allowed) allowed++
    expect(allowed).toBe(60)
    // A third of the next minute on, two thirds of the last minute's 60 hits (refused ones too) still count.
    let later = 0
    for (let i = 0; i < 60; i++) if ((await hitRateLimit(db, 'client:x', 60, 60, 200)).allowed) later++
    expect(later).toBe(20)
  })

  it('forgets a window that is more than one window old', async () => {
    const db = openNodeDb(':memory:')
    for (let i = 0; i < 60; i++) await hitRateLimit(db, 'client:y', 60, 60, 10)
    expect(await hitRateLimit(db, 'client:y', 60, 60, 200)).toMatchObject({ allowed: true, remaining: 59 })
  })
})
