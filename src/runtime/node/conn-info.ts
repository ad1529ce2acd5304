// Node edge: the connection's remote address, from the socket @hono/node-server hands the app as its
// bindings (`c.env.incoming`). The assembly applies CERTBRIDGE_TRUST_PROXY to it (src/http/trust-proxy.ts).
import type { HttpBindings } from '@hono/node-server'

function isNodeBindings(raw: unknown): raw is HttpBindings {
  if (typeof raw !== 'object' || raw === null || !('incoming' in raw)) return false
  const incoming = raw.incoming
  return (
    typeof incoming === 'object' &&
    incoming !== null &&
    'socket' in incoming &&
    typeof incoming.socket === 'object' &&
    incoming.socket !== null
  )
}

export function nodeRemoteAddress(_request: Request, raw: unknown): string {
  return (isNodeBindings(raw) ? raw.incoming.socket.remoteAddress : undefined) ?? 'unknown'
}
