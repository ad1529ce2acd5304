// Node edge: sandbox mode serves each national sandbox over real HTTP on 127.0.0.1 (an ephemeral port,
// or consecutive ports from `firstPort` for `certbridge sandbox --port`), so national requests take
// the same undici path as in production; and, when no trust lists are configured, emulates the trust
// network (sandbox/trust-network.ts). Which sandboxes start, and with what, is src/service/sandboxes.ts.
import type { SandboxHost } from '../../service/sandboxes.ts'
import { serveSandbox } from './sandbox/listen.ts'
import { startSandboxTrustNetwork } from './sandbox/trust-network.ts'

export function loopbackSandboxes(options: { firstPort?: number } = {}): SandboxHost {
  return {
    serve: (_adapterId, sandbox, index) => serveSandbox(sandbox, { port: options.firstPort ? options.firstPort + index : 0 }),
    async trustNetwork(keyStore) {
      const network = await startSandboxTrustNetwork(keyStore)
      return { trustLists: [`sandbox-who=${network.listUrl}`], trustListSigners: [network.signerUrl], close: () => network.close() }
    },
  }
}
