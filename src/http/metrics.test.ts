import { describe, expect, it } from 'vitest'
import { Metrics } from './metrics.ts'

describe('Metrics', () => {
  it('renders counters and cumulative histogram buckets in Prometheus text format', () => {
    const m = new Metrics()
    const hits = m.counter('hits_total', 'Hits')
    const latency = m.histogram('latency_seconds', 'Latency', [0.1, 1])
    hits({ adapter: 'ru-mos', outcome: 'ISSUED' })
    hits({ adapter: 'ru-mos', outcome: 'ISSUED' }, 2)
    latency({ adapter: 'ru-mos' }, 0.05)
    latency({ adapter: 'ru-mos' }, 0.5)
    const text = m.render()
    expect(text).toContain('# TYPE hits_total counter')
    expect(text).toContain('hits_total{adapter="ru-mos",outcome="ISSUED"} 3')
    expect(text).toContain('latency_seconds_bucket{adapter="ru-mos",le="0.1"} 1')
    expect(text).toContain('latency_seconds_bucket{adapter="ru-mos",le="1"} 2')
    expect(text).toContain('latency_seconds_bucket{adapter="ru-mos",le="+Inf"} 2')
    expect(text).toContain('latency_seconds_count{adapter="ru-mos"} 2')
  })

  it('runs its collectors before each render and snapshot, so counters read from elsewhere are current', () => {
    const m = new Metrics()
    const writes = m.counter('writes_total', 'Writes')
    let source = 3
    let seen = 0
    m.collect(() => {
      writes({}, source - seen)
      seen = source
    })
    expect(m.render()).toContain('writes_total 3')
    source = 5
    expect(m.snapshot().counters[0]!.values).toEqual([['', 5]])
    expect(m.render()).toContain('writes_total 5')
  })

  it('sums the snapshots of several registries (one per process) into the same text', () => {
    const worker = () => {
      const m = new Metrics()
      return { m, hits: m.counter('hits_total', 'Hits'), latency: m.histogram('latency_seconds', 'Latency', [0.1, 1]) }
    }
    const a = worker()
    const b = worker()
    a.hits({ outcome: 'ISSUED' }, 2)
    b.hits({ outcome: 'ISSUED' })
    b.hits({ outcome: 'HOLDER_MISMATCH' })
    a.latency({}, 0.05)
    b.latency({}, 0.5)
    const snapshot = structuredClone(b.m.snapshot()) // as it arrives over IPC
    const text = new Metrics().add(a.m.snapshot()).add(snapshot).render()
    expect(text).toContain('hits_total{outcome="ISSUED"} 3')
    expect(text).toContain('hits_total{outcome="HOLDER_MISMATCH"} 1')
    expect(text).toContain('latency_seconds_bucket{le="0.1"} 1')
    expect(text).toContain('latency_seconds_bucket{le="1"} 2')
    expect(text).toContain('latency_seconds_sum 0.55')
    expect(text).toContain('latency_seconds_count 2')
    // Summing does not change the registries summed.
    expect(a.m.render()).toContain('hits_total{outcome="ISSUED"} 2')
  })
})
