// Serves adapter sandboxes over real HTTP on 127.0.0.1 (Node only): one, or every registered one.
import type { AdapterConfig } from '../../../../adapters/_sdk/adapter.ts'
import type { SandboxSample } from '../../../../adapters/_sdk/sandbox.ts'
import { adapters, sandboxes } from '../../../../adapters/registry.ts'
import { serveSandbox } from './listen.ts'

export { listen, serveSandbox, type ServedSandbox } from './listen.ts'

export interface RunningSandbox {
  readonly adapterId: string
  readonly baseUrl: string
  /** The adapter's settings pointing at this sandbox. */
  readonly config: AdapterConfig
  readonly samples: readonly SandboxSample[]
}

/**
 * Starts every registered sandbox on 127.0.0.1: on ephemeral ports, or on consecutive ports from
 * `firstPort` in registry order.
 */
export async function startAllSandboxes(options: { firstPort?: number } = {}): Promise<{ sandboxes: RunningSandbox[]; close(): Promise<void> }> {
  const running: RunningSandbox[] = []
  const closers: (() => Promise<void>)[] = []
  const close = async () => {
    await Promise.all(closers.map((c) => c()))
  }
  try {
    let index = 0
    for (const adapter of adapters) {
      const factory = sandboxes[adapter.id]
      if (!factory) continue
      const sandbox = factory()
      const port = options.firstPort ? options.firstPort + index : 0
      index += 1
      const served = await serveSandbox(sandbox, { port })
      closers.push(served.close)
      running.push({ adapterId: adapter.id, baseUrl: served.baseUrl, config: sandbox.config(served.baseUrl), samples: sandbox.samples() })
    }
  } catch (error) {
    await close()
    throw error
  }
  return { sandboxes: running, close }
}
