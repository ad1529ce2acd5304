// Sandbox mode: every registered national sandbox started once, through the edge's SandboxHost (Node
// serves each on loopback, Workers answer reserved origins in-process), with the adapter settings that
// point at them, their samples and, when asked for, their synthetic population. The service's sandbox
// mode and `certbridge sandbox` both start them here.
import type { Config, Env } from '../config.ts'
import { settingVariable } from '../config.ts'
import type { SampleEntry } from '../http/deps.ts'
import type { KeyStore } from '../trust/keystore.ts'
import type { AdapterConfig } from '../../adapters/_sdk/adapter.ts'
import type { AdapterSandbox } from '../../adapters/_sdk/sandbox.ts'
import { adapters, findAdapter, sandboxes as factories } from '../../adapters/registry.ts'

export interface SandboxHost {
  /** Makes one sandbox reachable (`index`: its place in registry order); the base URL its settings point at. */
  serve(adapterId: string, sandbox: AdapterSandbox, index: number): Promise<{ readonly baseUrl: string; close?(): Promise<void> }>
  /** The upstream fetch given the edge's own: in-process sandboxes answer their origins here. */
  fetchVia?(upstream: typeof fetch): typeof fetch
  /**
   * Sandbox mode's emulated trust network, where the edge can serve one: our keys as a DID list signed
   * by a sandbox "WHO" key, used when no trust lists are configured.
   */
  trustNetwork?(
    keyStore: KeyStore,
  ): Promise<{ readonly trustLists: readonly string[]; readonly trustListSigners: readonly string[]; close(): Promise<void> }>
}

export interface RunningSandbox {
  readonly adapterId: string
  readonly baseUrl: string
  /** The adapter's settings pointing at this sandbox. */
  readonly settings: AdapterConfig
}

export interface StartedSandboxes {
  readonly running: readonly RunningSandbox[]
  readonly samples: readonly SampleEntry[]
  /** One issuable sample per synthetic holder, the adapters taking turns; absent without a population. */
  readonly populationSamples?: () => readonly SampleEntry[]
  /** The upstream fetch national requests take in sandbox mode. */
  fetchVia(upstream: typeof fetch): typeof fetch
  close(): Promise<void>
}

/** Starts every registered sandbox; on a failure, those already started are closed. */
export async function startSandboxes(host: SandboxHost, options: { population?: number } = {}): Promise<StartedSandboxes> {
  const population = options.population ?? 0
  const running: RunningSandbox[] = []
  const samples: SampleEntry[] = []
  const populated: { readonly adapter: string; readonly sandbox: AdapterSandbox }[] = []
  const closers: (() => Promise<void>)[] = []
  const close = async () => {
    await Promise.all(closers.map((c) => c()))
  }
  try {
    for (const adapter of adapters) {
      const factory = factories[adapter.id]
      if (!factory) continue
      const sandbox = factory({ population })
      if (population > 0 && sandbox.populationSamples) populated.push({ adapter: adapter.id, sandbox })
      const served = await host.serve(adapter.id, sandbox, running.length)
      if (served.close) closers.push(served.close)
      running.push({ adapterId: adapter.id, baseUrl: served.baseUrl, settings: sandbox.config(served.baseUrl) })
      for (const sample of sandbox.samples()) samples.push({ adapter: adapter.id, ...sample })
    }
  } catch (error) {
    await close()
    throw error
  }
  // Built on first request (100,000 holders take about 0.3 s per sandbox), then kept; the adapters
  // take turns, so any stretch of the list mixes them.
  let interleaved: SampleEntry[] | undefined
  const populationSamples = () => {
    if (interleaved) return interleaved
    const lists = populated.map(({ adapter, sandbox }) =>
      (sandbox.populationSamples?.() ?? []).map((sample): SampleEntry => ({ adapter, ...sample })),
    )
    interleaved = []
    for (let i = 0; i < Math.max(0, ...lists.map((l) => l.length)); i++)
      for (const list of lists) if (i < list.length) interleaved.push(list[i]!)
    return interleaved
  }
  return {
    running,
    samples,
    ...(population > 0 ? { populationSamples } : {}),
    fetchVia: (upstream) => host.fetchVia?.(upstream) ?? upstream,
    close,
  }
}

/**
 * The configuration with each adapter's declared settings pointing at its sandbox, except those the
 * source sets explicitly: the configuration is parsed once, and the sandboxes only fill it in.
 */
export function withSandboxSettings(config: Config, source: Env, started: StartedSandboxes): Config {
  const settings: Record<string, AdapterConfig> = { ...config.adapters }
  for (const { adapterId, settings: pointing } of started.running) {
    const declared = new Set(findAdapter(adapterId)?.settings.map((setting) => setting.name))
    const merged: Record<string, string | undefined> = { ...settings[adapterId] }
    for (const [name, value] of Object.entries(pointing)) {
      if (value !== undefined && declared.has(name) && source[settingVariable(adapterId, name)] === undefined) merged[name] = value
    }
    settings[adapterId] = merged
  }
  return { ...config, adapters: settings }
}
