// Workers edge: the client's address for per-client rate limits. Cloudflare's edge sets
// CF-Connecting-IP on every request it forwards to a Worker (a client cannot forge it past the edge).
// Requests without it (local tests, `wrangler dev` without the header) share one bucket. The assembly
// applies CERTBRIDGE_TRUST_PROXY to it (proxies of the operator's own between Cloudflare and the
// client; src/http/trust-proxy.ts); otherwise X-Forwarded-For is ignored.
export function workerRemoteAddress(request: Request): string {
  return request.headers.get('cf-connecting-ip')?.trim() || 'unknown'
}
