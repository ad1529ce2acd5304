// The client's address for per-client rate limits: Cloudflare's edge sets CF-Connecting-IP on every
// request it forwards to a Worker (a client cannot forge it past the edge). Requests without it
// (local tests, `wrangler dev` without the header) share one bucket. With CERTBRIDGE_TRUST_PROXY set
// (proxies of the operator's own between Cloudflare and the client), X-Forwarded-For is read as
// src/http/trust-proxy.ts describes; otherwise it is ignored.
import { clientAddress, type TrustProxy } from '../../http/trust-proxy.ts'

export function workerClientId(request: Request, trust: TrustProxy = { kind: 'off' }): string {
  const remote = request.headers.get('cf-connecting-ip')?.trim() || 'unknown'
  return clientAddress(remote, request.headers.get('x-forwarded-for'), trust)
}
