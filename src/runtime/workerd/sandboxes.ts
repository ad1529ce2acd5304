// Workers edge: sandbox mode runs the national sandboxes inside the isolate. Each adapter's settings
// point at a reserved origin (`https://<adapter-id>.sandbox.invalid`, RFC 6761: never resolvable) and
// the upstream fetch hands requests for those origins straight to the sandbox's Hono app. The adapter
// client's host allow-list still applies (it sees ordinary https URLs), and nothing leaves the
// isolate. Which sandboxes start, and with what, is src/service/sandboxes.ts.
import type { AdapterSandbox } from '../../../adapters/_sdk/sandbox.ts'
import type { SandboxHost } from '../../service/sandboxes.ts'

export function sandboxOrigin(adapterId: string): string {
  return `https://${adapterId}.sandbox.invalid`
}

export function inProcessSandboxes(): SandboxHost {
  const byOrigin = new Map<string, AdapterSandbox>()
  return {
    async serve(adapterId, sandbox) {
      const origin = sandboxOrigin(adapterId)
      byOrigin.set(origin, sandbox)
      return { baseUrl: origin }
    },
    fetchVia(upstream) {
      return async (input, init) => {
        const request = new Request(input, init)
        const sandbox = byOrigin.get(new URL(request.url).origin)
        return sandbox ? sandbox.fetch(request) : upstream(request)
      }
    },
  }
}
