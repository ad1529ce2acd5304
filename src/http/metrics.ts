// A small Prometheus text-format registry: counters and one latency histogram. No labels that could
// carry personal data: adapter ids, outcome codes and HTTP statuses only.
export class Metrics {
  private readonly counters = new Map<string, { help: string; values: Map<string, number> }>()
  private readonly histograms = new Map<string, { help: string; buckets: readonly number[]; series: Map<string, { counts: number[]; sum: number; count: number }> }>()

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

  render(): string {
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
        lines.push(`${name}_bucket{${inner}${sep}le="+Inf"} ${s.count}`, `${name}_sum${labels} ${s.sum}`, `${name}_count${labels} ${s.count}`)
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
    upstreamLatency: registry.histogram('certbridge_upstream_seconds', 'Latency of national upstream retrievals by adapter and outcome', [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]),
  }
}
export type ServiceMetrics = ReturnType<typeof createServiceMetrics>
