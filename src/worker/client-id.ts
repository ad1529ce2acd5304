// The client's address for per-client rate limits: Cloudflare's edge sets CF-Connecting-IP on every
// request it forwards to a Worker (a client cannot forge it past the edge). Requests without it
// (local tests, `wrangler dev` without the header) share one bucket.
export function workerClientId(request: Request): string {
  return request.headers.get('cf-connecting-ip')?.trim() || 'unknown'
}
