// The client's address behind reverse proxies (CERTBRIDGE_TRUST_PROXY), for per-client rate limits.
// Off by default: X-Forwarded-For is ignored and the address is the connection's (Node) or
// CF-Connecting-IP (Workers). Set to a hop count N, the address is the one N proxies from the
// connection in X-Forwarded-For; set to CIDRs (or addresses), proxies in those ranges are skipped from
// the right and the first address outside them is the client. Web APIs only (ipaddr.js is plain JS).
import ipaddr from 'ipaddr.js'
import { ConfigError } from '../config.ts'

type Address = ipaddr.IPv4 | ipaddr.IPv6

export type TrustProxy =
  | { readonly kind: 'off' }
  | { readonly kind: 'hops'; readonly hops: number }
  | { readonly kind: 'ranges'; readonly ranges: readonly [Address, number][] }

/** Parses CERTBRIDGE_TRUST_PROXY: unset/'' → off, '2' → two hops, '10.0.0.0/8, ::1' → ranges. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? ''
  if (text === '' || text === '0' || text.toLowerCase() === 'off') return { kind: 'off' }
  if (/^\d+$/.test(text)) {
    const hops = Number(text)
    if (hops > 16) throw new ConfigError('CONFIG_INVALID', 'CERTBRIDGE_TRUST_PROXY: at most 16 hops')
    return { kind: 'hops', hops }
  }
  const ranges: [Address, number][] = []
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    try {
      if (entry.includes('/')) ranges.push(ipaddr.parseCIDR(entry))
      else {
        const address = ipaddr.parse(entry)
        ranges.push([address, address.kind() === 'ipv4' ? 32 : 128])
      }
    } catch {
      throw new ConfigError('CONFIG_INVALID', `CERTBRIDGE_TRUST_PROXY: '${entry}' is neither a hop count nor a CIDR or address`)
    }
  }
  return { kind: 'ranges', ranges }
}

/** An address in canonical form (IPv4-mapped IPv6 as IPv4), or undefined when it is not one. */
function parse(text: string): Address | undefined {
  const trimmed = text.trim().replace(/^\[(.*)\]$/, '$1')
  return ipaddr.isValid(trimmed) ? ipaddr.process(trimmed) : undefined
}

function trusted(address: Address, ranges: readonly [Address, number][]): boolean {
  return ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits))
}

/**
 * The client's address, given the connection's (`remote`) and the X-Forwarded-For header. Only the
 * entries the trusted proxies vouch for are read; anything a client wrote further left is not.
 */
export function clientAddress(remote: string, forwardedFor: string | null | undefined, trust: TrustProxy): string {
  if (trust.kind === 'off' || !forwardedFor) return remote
  const chain = [
    ...forwardedFor
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    remote,
  ]
  if (trust.kind === 'hops') {
    const candidate = chain[Math.max(0, chain.length - 1 - trust.hops)]!
    return candidate === remote ? remote : (parse(candidate)?.toString() ?? 'unknown')
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = parse(chain[i]!)
    if (!address) return i === chain.length - 1 ? remote : 'unknown'
    if (i === 0 || !trusted(address, trust.ranges)) return address.toString()
  }
  return remote
}

/**
 * The client id of the per-client limits (AppDeps.clientId): the connection's address as the runtime
 * edge reads it (conn-info.ts of src/runtime/node and src/runtime/workerd), with X-Forwarded-For read as `trust` allows.
 */
export function clientIdentifier(
  remoteAddress: (request: Request, raw: unknown) => string,
  trust: TrustProxy,
): (request: Request, raw: unknown) => string {
  return (request, raw) => clientAddress(remoteAddress(request, raw), request.headers.get('x-forwarded-for'), trust)
}
