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
})
