// Sandbox mode on Workers: the national sandboxes run inside the isolate. Each adapter's settings
// point at a reserved origin (`https://<adapter-id>.sandbox.invalid`, RFC 6761: never resolvable)
// and the upstream fetch hands requests for those origins straight to the sandbox's Hono app. The
// adapter client's host allow-list still applies (it sees ordinary https URLs), and nothing leaves
// the isolate.
import { settingVariable, type Env } from '../../config.ts'
import type { CountryAdapter } from '../../../adapters/_sdk/adapter.ts'
import type { AdapterSandbox, SandboxFactory } from '../../../adapters/_sdk/sandbox.ts'
import type { SampleEntry } from '../../http/deps.ts'

export interface InProcessSandboxes {
  /** Adapter settings pointing at the sandboxes, except those the bindings set explicitly. */
  readonly overrides: Record<string, string>
  readonly samples: readonly SampleEntry[]
  /** `base`, except that requests to a sandbox origin are answered in-process. */
  fetchVia(base: typeof fetch): typeof fetch
}

export function sandboxOrigin(adapterId: string): string {
  return `https://${adapterId}.sandbox.invalid`
}

export function startInProcessSandboxes(
  adapters: readonly CountryAdapter[],
  factories: Readonly<Record<string, SandboxFactory>>,
  env: Env,
): InProcessSandboxes {
  const byOrigin = new Map<string, AdapterSandbox>()
  const overrides: Record<string, string> = {}
  const samples: SampleEntry[] = []
  for (const adapter of adapters) {
    const factory = factories[adapter.id]
    if (!factory) continue
    const sandbox = factory()
    const origin = sandboxOrigin(adapter.id)
    byOrigin.set(origin, sandbox)
    for (const [name, value] of Object.entries(sandbox.config(origin))) {
      const variable = settingVariable(adapter.id, name)
      if (value !== undefined && env[variable] === undefined) overrides[variable] = value
    }
    for (const sample of sandbox.samples()) samples.push({ adapter: adapter.id, ...sample })
  }
  return {
    overrides,
    samples,
    fetchVia(base) {
      return async (input, init) => {
        const request = new Request(input, init)
        const sandbox = byOrigin.get(new URL(request.url).origin)
        return sandbox ? sandbox.fetch(request) : base(request)
      }
    },
  }
}
