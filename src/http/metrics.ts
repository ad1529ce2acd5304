// A small Prometheus text-format registry: counters and one latency histogram. No labels that could
// carry personal data: adapter ids, outcome codes and HTTP statuses only. A registry can be written
// as a plain snapshot and summed with others, so several processes serving one port (src/runtime/node/cluster.ts)
// answer /metrics with the totals of all of them.

/** A registry's values as plain data (structured-cloneable, so it crosses process boundaries). */
export interface MetricsSnapshot {
  readonly counters: readonly { name: string; help: string; values: readonly [string, number][] }[]
  readonly histograms: readonly {
    name: string
    help: string
    buckets: readonly number[]
    series: readonly [string, { counts: number[]; sum: number; count: number }][]
  }[]
}

export class Metrics {
  private readonly counters = new Map<string, { help: string; values: Map<string, number> }>()
  /** Run before each snapshot and render: counters read from elsewhere bring themselves up to date. */
  private readonly collectors: (() => void)[] = []
  private readonly histograms = new Map<
    string,
    { help: string; buckets: readonly number[]; series: Map<string, { counts: number[]; sum: number; count: number }> }
  >()

  counter(name: string, help: string): (labels: Record<string, string>, by?: number) => void {
    const metric = { help, values: new Map<string, number>() }
    this.counters.set(name, metric)
    return (labels, by = 1) => {
      const key = labelString(labels)
      metric.values.set(key, (metric.values.get(key) ?? 0) + by)
    }
  }

  histogram(name: string, help: string, buckets: readonly number[]): (labels: Record<string, string>, value: number) => void {
    const metric = { help, buckets, series: new Map<string, { counts: number[]; sum: number; count: number }>() }
    this.histograms.set(name, metric)
    return (labels, value) => {
      const key = labelString(labels)
      let s = metric.series.get(key)
      if (!s) metric.series.set(key, (s = { counts: buckets.map(() => 0), sum: 0, count: 0 }))
      for (let i = 0; i < buckets.length; i++) if (value <= buckets[i]!) s.counts[i]!++
      s.sum += value
      s.count++
    }
  }

  /** Registers `collect`, run before each snapshot and render (to add what changed since the last). */
  collect(collect: () => void): void {
    this.collectors.push(collect)
  }

  snapshot(): MetricsSnapshot {
    for (const collect of this.collectors) collect()
    return {
      counters: [...this.counters].map(([name, m]) => ({ name, help: m.help, values: [...m.values] })),
      histograms: [...this.histograms].map(([name, m]) => ({
        name,
        help: m.help,
        buckets: m.buckets,
        series: [...m.series].map(
          ([labels, s]) =>
            [labels, { counts: [...s.counts], sum: s.sum, count: s.count }] as [string, { counts: number[]; sum: number; count: number }],
        ),
      })),
    }
  }

  /** Adds a snapshot's values to this registry (metrics it lacks are created, same buckets assumed). */
  add(snapshot: MetricsSnapshot): this {
    for (const c of snapshot.counters) {
      let metric = this.counters.get(c.name)
      if (!metric) this.counters.set(c.name, (metric = { help: c.help, values: new Map() }))
      for (const [labels, value] of c.values) metric.values.set(labels, (metric.values.get(labels) ?? 0) + value)
    }
    for (const h of snapshot.histograms) {
      let metric = this.histograms.get(h.name)
      if (!metric) this.histograms.set(h.name, (metric = { help: h.help, buckets: h.buckets, series: new Map() }))
      for (const [labels, s] of h.series) {
        const into = metric.series.get(labels)
        if (!into) metric.series.set(labels, { counts: [...s.counts], sum: s.sum, count: s.count })
        else {
          s.counts.forEach((n, i) => (into.counts[i] = (into.counts[i] ?? 0) + n))
          into.sum += s.sum
          into.count += s.count
        }
      }
    }
    return this
  }

  render(): string {
    for (const collect of this.collectors) collect()
    const lines: string[] = []
    for (const [name, m] of this.counters) {
      lines.push(`# HELP ${name} ${m.help}`, `# TYPE ${name} counter`)
      for (const [labels, value] of m.values) lines.push(`${name}${labels} ${value}`)
    }
    for (const [name, m] of this.histograms) {
      lines.push(`# HELP ${name} ${m.help}`, `# TYPE ${name} histogram`)
      for (const [labels, s] of m.series) {
        const inner = labels.slice(1, -1)
        const sep = inner ? ',' : ''
        m.buckets.forEach((le, i) => lines.push(`${name}_bucket{${inner}${sep}le="${le}"} ${s.counts[i]}`))
        lines.push(
          `${name}_bucket{${inner}${sep}le="+Inf"} ${s.count}`,
          `${name}_sum${labels} ${s.sum}`,
          `${name}_count${labels} ${s.count}`,
        )
      }
    }
    return lines.join('\n') + '\n'
  }
}

function labelString(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
  return parts.length ? `{${parts.join(',')}}` : ''
}

/** The service's metrics. */
export function createServiceMetrics() {
  const registry = new Metrics()
  return {
    registry,
    issuances: registry.counter('certbridge_issuances_total', 'Issuance requests by adapter and outcome code'),
    verifications: registry.counter('certbridge_verifications_total', 'Verification requests by outcome status'),
    http: registry.counter('certbridge_http_responses_total', 'HTTP responses by status'),
    upstreamLatency: registry.histogram(
      'certbridge_upstream_seconds',
      'Latency of national upstream retrievals by adapter and outcome',
      [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    ),
  }
}
export type ServiceMetrics = ReturnType<typeof createServiceMetrics>
